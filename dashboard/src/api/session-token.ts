// The stored session's pure part (no browser storage here, so unit tests can import it).
import type { User } from './types.js';

export interface Session {
  token: string;
  user: User;
}

/** the token's expiry (seconds since 1970) from its JWT claims, or undefined when it cannot be read */
export function tokenExpiry(token: string): number | undefined {
  try {
    const part = token.split('.')[1];
    if (!part) return undefined;
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

/** a stored session, or null; an expired one is removed (the server would refuse it anyway) */
export function parseSession(raw: string | null, now = Date.now()): Session | null {
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    if (typeof s?.token !== 'string' || !s.user) return null;
    const exp = tokenExpiry(s.token);
    return exp !== undefined && exp * 1000 <= now ? null : s;
  } catch {
    return null;
  }
}
