import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import { UnauthorizedError, UnavailableError } from '../errors/platform.errors';
import { JwtVerifier, type JwtVerifierConfig } from './jwt-verifier';
import { signLocalToken, type TokenClaims } from './local-token';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const config: JwtVerifierConfig = { jwtSecret: secret };
const claims: TokenClaims = { sub: 'u1', name: '张三', role: 'handler', orgUnit: '市委组织部' };
const now = (): number => Math.floor(Date.now() / 1000);

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; category?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the token to be refused');
}

function hs256(payload: Record<string, unknown>, key = secret, exp: number = now() + 3600): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(key));
}

describe('JwtVerifier with the HS256 secret', () => {
  const verifier = new JwtVerifier(config);

  it('turns a good token into the actor', async () => {
    const token = await signLocalToken(secret, claims);
    await expect(verifier.verify(token)).resolves.toEqual({
      id: 'u1',
      name: '张三',
      role: 'handler',
      orgUnit: '市委组织部',
    });
  });

  it('refuses a missing token with AUTH.MISSING_TOKEN', async () => {
    const err = await rejection(verifier.verify(undefined));
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err).toMatchObject({ code: 'AUTH.MISSING_TOKEN', category: 'unauthorized' });
  });

  it('refuses an expired token', async () => {
    const token = await hs256({ sub: 'u1', name: '张三', role: 'handler', orgUnit: 'x' }, secret, now() - 60);
    const err = await rejection(verifier.verify(token));
    expect(err).toMatchObject({
      code: 'AUTH.INVALID_TOKEN',
      category: 'unauthorized',
      message: 'the token has expired',
    });
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signLocalToken('another-secret-of-sufficient-length!!', claims);
    expect(await rejection(verifier.verify(token))).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });

  it('refuses a token whose role is not one of the roles', async () => {
    for (const role of ['boss', 'system', undefined]) {
      const token = await hs256({ sub: 'u1', name: '张三', role, orgUnit: 'x' });
      expect(await rejection(verifier.verify(token))).toMatchObject({
        code: 'AUTH.INVALID_TOKEN',
        message: expect.stringContaining('role'),
      });
    }
  });

  it.each(['sub', 'name', 'orgUnit'])('refuses a token without the %s claim', async (claim) => {
    const payload: Record<string, unknown> = { sub: 'u1', name: '张三', role: 'handler', orgUnit: 'x' };
    delete payload[claim];
    const err = await rejection(verifier.verify(await hs256(payload)));
    expect(err).toMatchObject({ code: 'AUTH.INVALID_TOKEN', message: expect.stringContaining(claim) });
  });

  it('refuses a token that never expires', async () => {
    const token = await new SignJWT({ sub: 'u1', name: 'n', role: 'handler', orgUnit: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(secret));
    expect(await rejection(verifier.verify(token))).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });

  it('refuses a lifetime above the maximum, from iat or else from now', async () => {
    const short = new JwtVerifier({ ...config, jwtMaxLifetimeSeconds: 3600 });
    const issued = now() - 60;
    const sign = (payload: Record<string, unknown>, exp: number) =>
      hs256({ ...claims, ...payload }, secret, exp);
    const tooLong = await rejection(short.verify(await sign({ sub: 'u1', iat: issued }, issued + 7200)));
    expect(tooLong).toBeInstanceOf(UnauthorizedError);
    expect(tooLong).toMatchObject({ code: 'AUTH.TOKEN_LIFETIME_TOO_LONG' });
    await expect(short.verify(await sign({ sub: 'u1', iat: issued }, issued + 3600))).resolves.toMatchObject({
      id: 'u1',
    });
    await expect(short.verify(await sign({ sub: 'u1' }, now() + 7200))).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await expect(short.verify(await sign({ sub: 'u1' }, now() + 1800))).resolves.toMatchObject({ id: 'u1' });
    const year = await signLocalToken(secret, claims, '365d');
    expect((await rejection(verifier.verify(year))).message).toContain('12 小时');
    await expect(verifier.verify(await signLocalToken(secret, claims))).resolves.toMatchObject({ id: 'u1' });
  });

  it('refuses a token issued in the future, whose short lifetime would hold until its far end', async () => {
    const later = now() + 10 * 24 * 3600;
    const ahead = await rejection(
      verifier.verify(await hs256({ ...claims, iat: later }, secret, later + 3600)),
    );
    expect(ahead).toBeInstanceOf(UnauthorizedError);
    expect(ahead).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
    expect(ahead.message).toContain('future');
    // A clock a few seconds ahead of ours is still accepted.
    const skewed = await hs256({ ...claims, iat: now() + 3 }, secret, now() + 3600);
    await expect(verifier.verify(skewed)).resolves.toMatchObject({ id: 'u1' });
  });

  it('refuses claims holding text the service does not accept, or longer than it stores', async () => {
    for (const [claim, value] of [
      ['name', '张\u0000三'],
      ['orgUnit', '\ud800'],
      ['sub', 'u\u001b1'],
      ['orgUnit', '处'.repeat(201)],
    ] as const) {
      const err = await rejection(verifier.verify(await hs256({ ...claims, [claim]: value }, secret)));
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect(err.message).toContain(`令牌的 ${claim} 声明`);
    }
  });

  it('refuses a name, sub or org unit of spaces or invisible characters alone, as a missing claim', async () => {
    for (const [claim, value] of [
      ['name', '   '],
      ['name', '\u200b'],
      ['orgUnit', '\u3164'],
      ['sub', '\u2060\u200f'],
    ] as const) {
      const err = await rejection(verifier.verify(await hs256({ ...claims, [claim]: value }, secret)));
      expect(err).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
      expect(err.message).toContain(claim);
    }
  });

  it('refuses garbage and unsigned tokens', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'u1', name: 'n', role: 'admin', orgUnit: 'x', exp: now() + 60 }),
    ).toString('base64url')}.`;
    for (const token of ['not-a-jwt', unsigned]) {
      const err = await rejection(verifier.verify(token));
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect(err).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
    }
  });

  it('checks issuer and audience when configured', async () => {
    const strict = new JwtVerifier({ ...config, jwtIssuer: 'https://idp.example/', jwtAudience: 'cadre' });
    const plain = await signLocalToken(secret, claims);
    expect(await rejection(strict.verify(plain))).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
    const wrongAudience = await signLocalToken(secret, claims, '1h', {
      issuer: 'https://idp.example/',
      audience: 'other',
    });
    expect(await rejection(strict.verify(wrongAudience))).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
    const good = await signLocalToken(secret, claims, '1h', {
      issuer: 'https://idp.example/',
      audience: 'cadre',
    });
    await expect(strict.verify(good)).resolves.toMatchObject({ id: 'u1' });
  });
});

describe('JwtVerifier with a JWKS URL', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const rs256 = (key: KeyLike): Promise<string> =>
    new SignJWT({ name: '李四', role: 'auditor', orgUnit: '省委组织部' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u2')
      .setExpirationTime('1h')
      .sign(key);

  it('verifies a token signed by the identity provider', async () => {
    const verifier = new JwtVerifier({ jwtSecret: secret, jwtJwksUrl: jwksUrl });
    await expect(verifier.verify(await rs256(privateKey))).resolves.toEqual({
      id: 'u2',
      name: '李四',
      role: 'auditor',
      orgUnit: '省委组织部',
    });
  });

  it('refuses an HS256 token signed with the local secret', async () => {
    const verifier = new JwtVerifier({ jwtSecret: secret, jwtJwksUrl: jwksUrl });
    expect(await rejection(verifier.verify(await signLocalToken(secret, claims)))).toMatchObject({
      code: 'AUTH.INVALID_TOKEN',
    });
  });

  it('answers "unavailable", not "unauthorized", when the keys cannot be fetched', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const verifier = new JwtVerifier({ jwtSecret: secret, jwtJwksUrl: `http://127.0.0.1:${port}/jwks.json` });
    const err = await rejection(verifier.verify(await rs256(privateKey)));
    expect(err).toBeInstanceOf(UnavailableError);
    expect(err).toMatchObject({ category: 'unavailable', code: 'AUTH.KEYS_UNAVAILABLE' });
  });
});
