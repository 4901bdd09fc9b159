import { useCallback, useRef, useState } from 'react';

export interface Action<A extends unknown[], T> {
  run: (...args: A) => Promise<T | undefined>;
  pending: boolean;
  error: unknown;
  reset: () => void;
}

/** A write in progress: one at a time (a double click sends once), its refusal kept for the form to show. */
export function useAction<A extends unknown[], T>(send: (...args: A) => Promise<T>): Action<A, T> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const busy = useRef(false);
  const run = useCallback(
    async (...args: A) => {
      if (busy.current) return undefined;
      busy.current = true;
      setPending(true);
      setError(null);
      try {
        return await send(...args);
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        busy.current = false;
        setPending(false);
      }
    },
    [send],
  );
  return { run, pending, error, reset: useCallback(() => setError(null), []) };
}
