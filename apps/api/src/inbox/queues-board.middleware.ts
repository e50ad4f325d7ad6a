import {
  bearerToken,
  type JwtVerifier,
  PlatformError,
  PROBLEM_CONTENT_TYPE,
  toProblemResponse,
} from '@app/platform';

interface Request {
  headers: Record<string, string | string[] | undefined>;
  originalUrl: string;
}

interface Response {
  status(code: number): Response;
  set(headers: Record<string, string>): Response;
  send(body: string): unknown;
}

type NextFunction = () => void;

/** The bull-board UI loads its own assets and API calls: a browser may carry the token in this cookie. */
export const QUEUES_BOARD_COOKIE = 'queues_board_token';

function cookieToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === QUEUES_BOARD_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** bull-board is mounted as Express middleware, outside the Nest guards: the same JWT check and role admin here. */
export function adminOnly(verifier: JwtVerifier) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const check = async (): Promise<void> => {
      const token = bearerToken(req.headers.authorization) ?? cookieToken(single(req.headers.cookie));
      const actor = await verifier.verify(token);
      if (actor.role !== 'admin') {
        sendProblem(req, res, new QueuesBoardForbidden(actor.role));
        return;
      }
      next();
    };
    check().catch((error: unknown) => sendProblem(req, res, error));
  };
}

class QueuesBoardForbidden extends PlatformError {
  readonly category = 'forbidden' as const;

  constructor(role: string) {
    super('AUTH.ROLE_NOT_ALLOWED', `the role ${role} may not see the queues; allowed: admin`, {
      role,
      allowed: ['admin'],
    });
  }
}

function sendProblem(req: Request, res: Response, error: unknown): void {
  const { problem, headers } = toProblemResponse(error, { url: req.originalUrl, headers: req.headers });
  res
    .status(problem.status)
    .set({ ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE })
    .send(JSON.stringify(problem));
}

function single(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header.join('; ') : header;
}
