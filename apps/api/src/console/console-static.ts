import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@app/platform';

/** The console's client routes live under this prefix, so they never shadow an API route. */
export const CONSOLE_PREFIX = '/console';

interface Req {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  redirect(status: number, url: string): void;
  setHeader(name: string, value: string): void;
  sendFile(path: string): void;
}
type Next = () => void;

/** Where `npm run build` writes the console: dist/console, beside the compiled apps. */
export function consoleDirectory(): string | undefined {
  const candidates = [
    join(__dirname, '..', '..', '..', '..', 'console'),
    join(process.cwd(), 'dist', 'console'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/** The issuer's origin, which the console's OIDC client calls from the browser (discovery, token). */
function issuerOrigin(config: AppConfig): string[] {
  if (config.oidcClientId === undefined || config.jwtIssuer === undefined) return [];
  try {
    return [new URL(config.jwtIssuer).origin];
  } catch {
    return [];
  }
}

/** helmet's CSP for the api and the console: Ant Design writes its styles at run time; scripts only from here. */
export function contentSecurityPolicy(config: AppConfig): Record<string, Iterable<string> | null> {
  return {
    // Plain-http deployments (local, behind a TLS proxy) must still load the /docs assets.
    upgradeInsecureRequests: null,
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'", ...issuerOrigin(config)],
    formAction: ["'self'", ...issuerOrigin(config)],
  };
}

/**
 * Serves the built console under /console (files, and index.html for client routes) and sends `/` there.
 * Does nothing when the console has not been built (api-only test runs).
 */
export function serveConsole(app: NestExpressApplication, directory = consoleDirectory()): void {
  if (directory === undefined) return;
  const index = join(directory, 'index.html');
  app.use((req: Req, res: Res, next: Next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.path === '/')
      return res.redirect(302, `${CONSOLE_PREFIX}/`);
    next();
  });
  app.useStaticAssets(directory, {
    prefix: CONSOLE_PREFIX,
    index: false,
    setHeaders: (res: Res, path: string) =>
      res.setHeader(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  app.use(CONSOLE_PREFIX, (req: Req, res: Res, next: Next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/assets/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
