import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

const QUIET_PATHS = ['/metrics', '/health'];

/** JSON lines for machines; pino-pretty when a person watches the output in a terminal. */
export function loggerOptions(
  config: Pick<AppConfig, 'logLevel'>,
  pretty: boolean = process.stdout.isTTY === true,
): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      ...(pretty
        ? {
            transport: {
              target: 'pino-pretty',
              options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
            },
          }
        : {}),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      autoLogging: {
        ignore: (req: IncomingMessage) => QUIET_PATHS.some((path) => req.url?.startsWith(path) === true),
      },
      customProps: (req: IncomingMessage) => ({ correlationId: req.headers['x-correlation-id'] }),
    },
  };
}
