import { RequestValidationError } from '../errors/platform.errors';
import { CursorCodec } from './cursor.codec';

describe('page cursors', () => {
  const codec = new CursorCodec('a-server-secret');
  const position = ['2025-03-03T01:00:00.000Z', '5b0c1f5e-8a8e-4e55-9a51-0c0d8a3f2f10'];

  it('gives back the position it signed', () => {
    expect(codec.decode('cases', codec.encode('cases', position))).toEqual(position);
  });

  it('refuses a tampered, foreign or forged cursor with a 400 naming the parameter', () => {
    const cursor = codec.encode('cases', position);
    const [payload, tag] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify(["'); DROP TABLE events; --", 'x'])).toString('base64url');
    for (const bad of [
      `${payload.slice(0, -2)}AA.${tag}`,
      `${payload}.${tag.slice(0, -1)}A`,
      `${forged}.${tag}`,
      codec.encode('findings', position),
      new CursorCodec('another-server').encode('cases', position),
      payload,
      '',
      '.',
    ]) {
      expect(() => codec.decode('cases', bad)).toThrow(RequestValidationError);
    }
    try {
      codec.decode('cases', 'nope');
    } catch (err) {
      expect((err as RequestValidationError).errors).toMatchObject([
        { field: 'cursor', problems: [{ reason: 'cursor' }] },
      ]);
    }
  });
});
