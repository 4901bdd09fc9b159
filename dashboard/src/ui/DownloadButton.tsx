import { useState } from 'react';
import { download } from '../api/client.js';
import { describeError } from './ErrorState.js';

/** a button that downloads an export route; a failure is said beside it */
export function DownloadButton({ path, fileName, children }: { path: string; fileName: string; children: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const click = async () => {
    setBusy(true);
    setError(null);
    try {
      await download(path, fileName);
    } catch (e) {
      const d = describeError(e);
      setError(`${d.title}：${d.text}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download">
      <button type="button" className="btn" onClick={click} disabled={busy} aria-busy={busy}>
        {busy ? '正在下载…' : `⇩ ${children}`}
      </button>
      {error ? (
        <span className="download-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
