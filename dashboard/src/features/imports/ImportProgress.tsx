import { STATUS_LABEL, type ImportJob } from './import-types.js';

/** Rows checked, then rows written, as one bar: checking fills the first half, writing the second. */
export function ImportProgress({ job }: { job: ImportJob | null }) {
  if (!job) {
    return (
      <div className="import-progress">
        <span id="import-progress-label">正在上传…</span>
        <progress aria-labelledby="import-progress-label" />
      </div>
    );
  }
  const total = Math.max(job.rowsTotal, 1);
  const finished = job.status === 'done' || job.status === 'refused' || job.status === 'failed';
  const percent = finished ? 100 : Math.round(((job.rowsChecked + job.rowsWritten) / (2 * total)) * 100);
  const detail = job.status === 'writing' ? `已写入 ${job.rowsWritten} / ${job.rowsTotal} 行` : `已检查 ${job.rowsChecked} / ${job.rowsTotal} 行`;
  return (
    <div className="import-progress" data-testid="import-progress" data-status={job.status}>
      <span id="import-progress-label">
        {STATUS_LABEL[job.status] ?? job.status}
        {finished ? '' : `：${detail}`}
      </span>
      <progress aria-labelledby="import-progress-label" max={100} value={percent} aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
        {percent}%
      </progress>
    </div>
  );
}
