import { DataTable } from '../../ui/DataTable.js';
import { DownloadButton } from '../../ui/DownloadButton.js';
import type { ImportJob, ImportProblem } from './import-types.js';

/** A refused bundle's problems (文件, 行, 列, 问题, 说明), or a finished import's counts by file. */
export function ImportResult({ job }: { job: ImportJob }) {
  if (job.status === 'refused') {
    return (
      <div className="import-result">
        <p role="alert" className="warn">
          台账包有 {job.problems.length} 个问题，未导入任何记录。请按下表逐条修改后重新上传。
        </p>
        <DownloadButton path={`/api/imports/${job.id}/problems.csv`} fileName={`导入问题清单-${job.id.slice(0, 8)}.csv`}>
          下载问题清单
        </DownloadButton>
        <DataTable<ImportProblem>
          testId="import-problems"
          caption="问题清单"
          rows={job.problems}
          rowKey={(p, i) => `${i}-${p.text}`}
          columns={[
            { key: 'file', header: '文件', render: (p) => p.file },
            { key: 'line', header: '行', num: true, render: (p) => p.line ?? '–' },
            { key: 'column', header: '列', render: (p) => p.column ?? '–' },
            { key: 'message', header: '问题', render: (p) => <code className="problem-text">{p.message}</code> },
            { key: 'messageZh', header: '说明', render: (p) => p.messageZh },
          ]}
        />
      </div>
    );
  }
  if (job.status === 'failed') {
    return (
      <p role="alert" className="warn">
        导入未能完成，未写入任何记录：{job.error}
      </p>
    );
  }
  if (job.status !== 'done' || !job.counts) return null;
  const rows = Object.entries(job.counts).map(([file, c]) => ({ file, ...c }));
  const sum = (k: 'inserted' | 'updated' | 'unchanged') => rows.reduce((n, r) => n + r[k], 0);
  return (
    <div className="import-result" data-testid="import-done">
      <p role="status">
        导入完成：共 {job.rowsTotal} 行，新增 <strong data-testid="import-inserted">{sum('inserted')}</strong> 条，更正 <strong data-testid="import-updated">{sum('updated')}</strong> 条，未变 <strong data-testid="import-unchanged">{sum('unchanged')}</strong> 条。
      </p>
      <DataTable
        testId="import-counts"
        caption="各文件导入结果"
        rows={rows}
        rowKey={(r) => r.file}
        columns={[
          { key: 'file', header: '文件', render: (r) => r.file },
          { key: 'inserted', header: '新增', num: true, render: (r) => r.inserted },
          { key: 'updated', header: '更正', num: true, render: (r) => r.updated },
          { key: 'unchanged', header: '未变', num: true, render: (r) => r.unchanged },
        ]}
      />
    </div>
  );
}
