import { useCallback, useEffect, useRef, useState } from 'react';
import { apiGet } from './client.js';
import { useDataVersion } from './data-version.js';

export type Loaded<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: Error };

/** Loads `path` (or runs `load`) whenever the key changes; `null` waits. Returns the state and a reload. */
export function useApi<T>(path: string | null): Loaded<T> & { reload: () => void } {
  return useLoad<T>(path, (signal) => apiGet<T>(path!, signal));
}

export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  // a write anywhere in the app bumps the version: every view on screen loads again
  const version = useDataVersion();
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    if (key === null) return;
    const ctl = new AbortController();
    // a new key shows "loading"; the same key loaded again (after a write) keeps what is shown until the
    // new answer comes, so a form open on the page is not unmounted and nothing typed is lost
    if (shownKey.current !== key) setState({ status: 'loading' });
    load(ctl.signal).then(
      (data) => {
        if (ctl.signal.aborted) return;
        shownKey.current = key;
        setState({ status: 'ok', data });
      },
      (error: Error) => !ctl.signal.aborted && setState({ status: 'error', error }),
    );
    return () => ctl.abort();
    // `load` is a fresh closure each render; the key says when to load again
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, version]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
