import { createHmac, timingSafeEqual } from 'node:crypto';
import { fieldError, RequestValidationError } from '../errors/platform.errors';

const TAG_BYTES = 16;
const CURSOR = /^([A-Za-z0-9_-]{1,800})\.([A-Za-z0-9_-]{22})$/;

/**
 * Opaque page cursors, signed with a key of the server (HMAC-SHA256 over the list's name and
 * the position), so a tampered, forged or foreign cursor is a 400 naming the parameter and never
 * reaches a query. The caller still checks the shape of the values it gets back.
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('page-cursor').digest();
  }

  encode(list: string, position: readonly string[]): string {
    const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${payload}.${this.tag(list, payload)}`;
  }

  /** The position a cursor of this list carries; 400 for anything this server did not sign. */
  decode(list: string, cursor: string, field = 'cursor'): string[] {
    const match = CURSOR.exec(cursor);
    if (match !== null && this.verify(list, match[1], match[2])) {
      const position: unknown = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
      if (Array.isArray(position) && position.every((part) => typeof part === 'string')) return position;
    }
    throw new RequestValidationError([fieldError(field, 'cursor')]);
  }

  private tag(list: string, payload: string): string {
    return createHmac('sha256', this.key)
      .update(`${list}\n${payload}`)
      .digest()
      .subarray(0, TAG_BYTES)
      .toString('base64url');
  }

  private verify(list: string, payload: string, tag: string): boolean {
    const expected = Buffer.from(this.tag(list, payload));
    const given = Buffer.from(tag);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
