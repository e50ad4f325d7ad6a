import type { Actor } from '@app/appointment/appointment.commands';
import type { Response } from 'supertest';
import type { E2eApp } from './e2e-app';

export type Headers = Record<string, string>;

/** Requests as a given person: the token is signed for them, the body sent as JSON. */
export class CaseClient {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly e2e: E2eApp) {}

  async post(actor: Actor, path: string, body: unknown, headers: Headers = {}): Promise<Response> {
    return this.e2e
      .http()
      .post(path)
      .set('Authorization', `Bearer ${await this.token(actor)}`)
      .set(headers)
      .send(body as object);
  }

  /** A body sent verbatim (malformed JSON, oversized payloads). */
  async postRaw(
    actor: Actor,
    path: string,
    raw: string,
    contentType = 'application/json',
  ): Promise<Response> {
    return this.e2e
      .http()
      .post(path)
      .set('Authorization', `Bearer ${await this.token(actor)}`)
      .set('Content-Type', contentType)
      .send(raw);
  }

  async get(actor: Actor, path: string): Promise<Response> {
    return this.e2e
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await this.token(actor)}`);
  }

  /** The case's current revision as GET /cases/:id reports it (auditors may read every case). */
  async revisionOf(caseId: string, reader: Actor): Promise<string> {
    const response = await this.get(reader, `/cases/${caseId}`);
    if (response.status !== 200)
      throw new Error(`GET /cases/${caseId}: ${response.status} ${JSON.stringify(response.body)}`);
    return String(response.body.revision);
  }

  private async token(actor: Actor): Promise<string> {
    const key = `${actor.role}/${actor.id}/${actor.orgUnit}`;
    let token = this.tokens.get(key);
    if (token === undefined) {
      token = await this.e2e.tokenFor(actor);
      this.tokens.set(key, token);
    }
    return token;
  }
}

/** Fails with the whole answer when the status is not the expected one: problem details say why. */
export function expectStatus(response: Response, status: number): Response {
  if (response.status !== status) {
    const sent = (response as unknown as { req?: { method?: string; path?: string } }).req;
    throw new Error(
      `${sent?.method ?? ''} ${sent?.path ?? ''} answered ${response.status}, expected ${status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response;
}
