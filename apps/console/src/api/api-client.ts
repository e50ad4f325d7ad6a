import { currentToken, signOut } from '../auth/session';

export interface FieldError {
  field: string;
  messages: string[];
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status: number;
  code?: string;
  detail?: string;
  rule?: string;
  errors?: FieldError[];
}

/** A refused request, with the problem details the api sent (RFC 7807). */
export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

/**
 * Not offered by this api: a 404 for the route itself (HTTP.NOT_FOUND, or no code at all). A 404 with
 * any other code is the service saying a thing was not found (a case, a person), not a missing feature.
 */
export function isMissingEndpoint(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 404 &&
    (error.problem.code === undefined || error.problem.code === 'HTTP.NOT_FOUND')
  );
}

async function problemOf(response: Response): Promise<ProblemDetails> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<ProblemDetails>;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status, title: response.statusText, detail: text.slice(0, 300) };
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  accept?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: options.accept ?? 'application/json',
    'Accept-Language': 'zh-CN',
    ...options.headers,
  };
  const token = currentToken();
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
    // Answers depend on who asks; the api's ETag is the case revision, the same for everyone.
    cache: 'no-store',
  });
  if (response.status === 401 && token !== null) signOut();
  if (!response.ok) throw new ApiError(await problemOf(response));
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Fetches a file with the caller's token and saves it under the given name. */
export async function download(path: string, accept: string, fileName: string): Promise<void> {
  const response = await send(path, { accept });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A command: POST with an idempotency key, so a retried click never records a step twice. */
export function command<T = CommandResult>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
  return api<T>(path, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export interface CommandResult {
  caseId: string;
  revision: string;
  events: Array<{ type: string; revision: string }>;
  candidateId?: string;
  objectionId?: string;
  digest?: string;
}

/** A query string of the filters given; an empty or blank one (spaces alone) means no filter and is left out. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && String(value).trim() !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
