import type { User } from './types.js';

// The signed-in user lives in sessionStorage: it ends with the browser tab, as an office screen expects.
const KEY = 'hw-dashboard-session';

export interface Session {
  token: string;
  user: User;
}

export function readSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function writeSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
