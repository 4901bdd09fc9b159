import { useSyncExternalStore } from 'react';

// One counter for "the ledger changed": bumped by every successful write (apiSend), read by every loader
// (useLoad), so a view reloads after a write made anywhere in the app. A cache library would key and
// invalidate per route; at this app's size one counter keeps every view consistent with no stale corner.
let version = 0;
const listeners = new Set<() => void>();

export function ledgerChanged(): void {
  version++;
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useDataVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}
