import { loggerOptions } from './logger.options';

describe('loggerOptions', () => {
  it('writes pretty lines through pino-pretty for a person at a terminal', () => {
    const options = loggerOptions({ logLevel: 'info' }, true);
    expect(options.pinoHttp).toMatchObject({ level: 'info', transport: { target: 'pino-pretty' } });
  });

  it('writes JSON lines when the output goes to a file or a collector', () => {
    const options = loggerOptions({ logLevel: 'debug' }, false);
    expect(options.pinoHttp).toMatchObject({ level: 'debug' });
    expect(options.pinoHttp).not.toHaveProperty('transport');
  });
});
