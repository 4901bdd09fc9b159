import { parseSession, type Session } from './session-token.js';

export type { Session };

// The signed-in user lives in localStorage, so a link opened in a new tab (or a reload) is still signed in.
// Chosen over a BroadcastChannel handshake with sessionStorage, which needs another tab still open to answer
// and then copies the same token anyway. The token stays short-lived (TOKEN_TTL_SECONDS on the server): a
// stored session past its `exp` is dropped when read, and 退出 removes it, which every other tab hears as a
// `storage` event and follows (onSessionChange).
const KEY = 'hw-dashboard-session';

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    const s = parseSession(raw);
    if (raw && !s) localStorage.removeItem(KEY);
    return s;
  } catch {
    return null;
  }
}

export function writeSession(s: Session): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** Another tab signed in or out (the `storage` event fires in every tab but the one that wrote). */
export function onSessionChange(l: (s: Session | null) => void): () => void {
  const handler = (e: StorageEvent) => {
    if (e.key === KEY || e.key === null) l(parseSession(e.newValue));
  };
  window.addEventListener('storage', handler);
  return () => window.removeEventListener('storage', handler);
}
