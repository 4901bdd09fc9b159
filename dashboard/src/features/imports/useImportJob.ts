import { useEffect, useState } from 'react';
import { apiGet } from '../../api/client.js';
import { ledgerChanged } from '../../api/data-version.js';
import { FINISHED, type ImportJob } from './import-types.js';

const POLL_MS = 400;

/** The job as the server reports it, polled until it has finished. */
export function useImportJob(started: ImportJob | null): { job: ImportJob | null; error: unknown } {
  const [job, setJob] = useState<ImportJob | null>(started);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setJob(started);
    setError(null);
    if (!started) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await apiGet<ImportJob>(`/api/imports/${started.id}`, ctrl.signal);
        setJob(j);
        // the import wrote in the background: every view on screen (ledger, ranking) loads again
        if (j.status === 'done') ledgerChanged();
        if (!(FINISHED as readonly string[]).includes(j.status)) timer = setTimeout(poll, POLL_MS);
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setError(e);
      }
    };
    timer = setTimeout(poll, 0);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [started]);
  return { job, error };
}
