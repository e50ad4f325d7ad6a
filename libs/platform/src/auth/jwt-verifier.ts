import type { Actor } from '@app/appointment/appointment.commands';
import { Inject, Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { APP_CONFIG, type AppConfig, DEFAULT_JWT_MAX_LIFETIME_SECONDS } from '../config/app-config';
import { UnauthorizedError, UnavailableError } from '../errors/platform.errors';
import { isAcceptedText, isBlankText, REFUSED_TEXT_MESSAGE } from '../input/accepted-text';
import { isUserRole, USER_ROLES } from './roles';

export type JwtVerifierConfig = Pick<AppConfig, 'jwtSecret' | 'jwtJwksUrl' | 'jwtIssuer' | 'jwtAudience'> &
  Partial<Pick<AppConfig, 'jwtMaxLifetimeSeconds'>>;

const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
const CLOCK_TOLERANCE_SECONDS = 5;
/** The longest claims the service stores with every event it records (the DTOs' id and name limits). */
const CLAIM_MAX_LENGTH = { sub: 100, name: 200, orgUnit: 200 } as const;

/** Turns a bearer token into the acting person, or refuses with a typed error (never a bare 500). */
@Injectable()
export class JwtVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(@Inject(APP_CONFIG) private readonly config: JwtVerifierConfig) {
    if (config.jwtJwksUrl !== undefined) {
      this.key = createRemoteJWKSet(new URL(config.jwtJwksUrl));
      this.algorithms = ASYMMETRIC_ALGORITHMS;
    } else {
      this.key = new TextEncoder().encode(config.jwtSecret);
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string | undefined): Promise<Actor> {
    if (token === undefined || token === '') {
      throw new UnauthorizedError('AUTH.MISSING_TOKEN', 'a bearer token is required');
    }
    const payload = await this.verifySignature(token);
    this.checkLifetime(payload);
    return actorFrom(payload);
  }

  /**
   * A stolen long-lived token is a standing key: lifetimes (exp − iat, or exp − now) are capped. A
   * token issued in the future is refused: dated ahead, a short lifetime would hold until its end.
   */
  private checkLifetime(payload: JWTPayload): void {
    const max = this.config.jwtMaxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS;
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_TOLERANCE_SECONDS) {
      throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'the token is issued in the future (iat)');
    }
    const exp = payload.exp ?? Number.POSITIVE_INFINITY;
    const from = typeof payload.iat === 'number' ? payload.iat : now;
    if (exp - from > max + CLOCK_TOLERANCE_SECONDS) {
      throw new UnauthorizedError(
        'AUTH.TOKEN_LIFETIME_TOO_LONG',
        `the token's lifetime exceeds ${formatSeconds(max)} (JWT_MAX_LIFETIME)`,
        { max: formatSeconds(max) },
      );
    }
  }

  private async verifySignature(token: string): Promise<JWTPayload> {
    const options = {
      algorithms: this.algorithms,
      issuer: this.config.jwtIssuer,
      audience: this.config.jwtAudience,
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    };
    try {
      const { payload } =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options);
      return payload;
    } catch (err) {
      throw toAuthError(err, this.config.jwtJwksUrl !== undefined);
    }
  }
}

function actorFrom(payload: JWTPayload): Actor {
  const missing = (['sub', 'name', 'orgUnit'] as const).filter((claim) => !nonEmptyString(payload[claim]));
  if (missing.length > 0) {
    throw new UnauthorizedError('AUTH.INVALID_TOKEN', `the token lacks the claim(s) ${missing.join(', ')}`);
  }
  for (const claim of ['sub', 'name', 'orgUnit'] as const) {
    const value = payload[claim] as string;
    if (!isAcceptedText(value)) {
      throw new UnauthorizedError('AUTH.INVALID_TOKEN', `令牌的 ${claim} 声明${REFUSED_TEXT_MESSAGE}`);
    }
    if (value.length > CLAIM_MAX_LENGTH[claim]) {
      throw new UnauthorizedError(
        'AUTH.INVALID_TOKEN',
        `令牌的 ${claim} 声明过长（最多 ${CLAIM_MAX_LENGTH[claim]} 个字符）`,
      );
    }
  }
  if (!isUserRole(payload.role)) {
    throw new UnauthorizedError(
      'AUTH.INVALID_TOKEN',
      `the token's role claim must be one of ${USER_ROLES.join(', ')}`,
    );
  }
  return {
    id: payload.sub as string,
    name: payload.name as string,
    role: payload.role,
    orgUnit: payload.orgUnit as string,
  };
}

function formatSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} 小时`;
  if (seconds % 60 === 0) return `${seconds / 60} 分钟`;
  return `${seconds} 秒`;
}

/** A claim that says something: not empty, not spaces or invisible characters alone. */
function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !isBlankText(value);
}

function toAuthError(err: unknown, usingJwks: boolean): Error {
  if (err instanceof joseErrors.JWTExpired)
    return new UnauthorizedError('AUTH.INVALID_TOKEN', 'the token has expired');
  const keysUnreachable =
    err instanceof joseErrors.JWKSTimeout ||
    err instanceof joseErrors.JWKSInvalid ||
    !(err instanceof joseErrors.JOSEError);
  if (usingJwks && keysUnreachable) {
    // the identity provider's keys could not be fetched: not the client's fault
    return new UnavailableError(
      'AUTH.KEYS_UNAVAILABLE',
      'the signing keys of the identity provider cannot be fetched',
    );
  }
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    return new UnauthorizedError('AUTH.INVALID_TOKEN', `the token's ${err.claim} claim is not accepted`);
  }
  return new UnauthorizedError('AUTH.INVALID_TOKEN', 'the token is not valid');
}
