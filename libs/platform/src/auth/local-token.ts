import { SignJWT } from 'jose';
import type { UserRole } from './roles';

export interface TokenClaims {
  sub: string;
  name: string;
  role: UserRole;
  orgUnit: string;
}

export interface LocalTokenOptions {
  issuer?: string;
  audience?: string;
}

/** An HS256 token as JwtVerifier expects it; for local use, scripts and tests. */
export async function signLocalToken(
  secret: string,
  claims: TokenClaims,
  expiresIn: string | number = '8h',
  options: LocalTokenOptions = {},
): Promise<string> {
  const jwt = new SignJWT({ name: claims.name, role: claims.role, orgUnit: claims.orgUnit })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
