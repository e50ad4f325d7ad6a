import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

const QUIET_PATHS = ['/metrics', '/health'];

export function loggerOptions(config: Pick<AppConfig, 'logLevel'>): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      autoLogging: {
        ignore: (req: IncomingMessage) => QUIET_PATHS.some((path) => req.url?.startsWith(path) === true),
      },
      customProps: (req: IncomingMessage) => ({ correlationId: req.headers['x-correlation-id'] }),
    },
  };
}
