/** The parts of Express's request and response the api touches (no @types/express in the project). */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface HttpResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}
