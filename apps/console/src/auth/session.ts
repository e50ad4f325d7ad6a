export type Role =
  | 'handler'
  | 'inspector'
  | 'unit-secretary'
  | 'discipline-secretary'
  | 'committee-secretary'
  | 'supervisor'
  | 'auditor'
  | 'admin';

export interface Person {
  sub: string;
  name: string;
  role: Role;
  orgUnit: string;
  /** Seconds since the epoch. */
  exp?: number;
}

const TOKEN_KEY = 'console.token';
const listeners = new Set<() => void>();

function decodePayload(token: string): Person | null {
  const part = token.split('.')[1];
  if (part === undefined) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Person>;
    if (!claims.sub || !claims.role) return null;
    return {
      sub: claims.sub,
      name: claims.name ?? claims.sub,
      role: claims.role,
      orgUnit: claims.orgUnit ?? '',
      exp: claims.exp,
    };
  } catch {
    return null;
  }
}

export function currentToken(): string | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token === null) return null;
  const person = decodePayload(token);
  if (person === null || (person.exp !== undefined && person.exp * 1000 < Date.now())) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return token;
}

export function currentPerson(): Person | null {
  const token = currentToken();
  return token === null ? null : decodePayload(token);
}

export function signIn(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  listeners.forEach((listener) => listener());
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  listeners.forEach((listener) => listener());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
