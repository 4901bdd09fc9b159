import './imports.css';
import { useId, useState, type FormEvent } from 'react';
import { apiUpload } from '../../api/client.js';
import { describeError } from '../../ui/ErrorState.js';
import { ImportProgress } from './ImportProgress.js';
import { ImportResult } from './ImportResult.js';
import type { ImportJob } from './import-types.js';
import { useImportJob } from './useImportJob.js';

/** 导入台账包: a zipped bundle folder or an .xlsx workbook, checked and imported whole or not at all. */
export function BundleImport({ unitName }: { unitName: string | null }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [started, setStarted] = useState<ImportJob | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { job, error } = useImportJob(started);
  const running = uploading || (job !== null && (job.status === 'checking' || job.status === 'writing'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setRefusal('请先选择台账包文件（.zip 或 .xlsx）');
    setRefusal(null);
    setStarted(null);
    setUploading(true);
    try {
      setStarted(await apiUpload<ImportJob>('/api/imports?wait=false', file));
    } catch (err) {
      const d = describeError(err);
      setRefusal(`${d.title}：${d.text}`);
    } finally {
      setUploading(false);
    }
  };

  return (
    <form className="import-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 className="card-title" id={`${id}-title`}>导入台账包</h2>
      <p className="page-note">
        上传台账包文件夹的 .zip 压缩文件（CSV 文件在压缩包根目录或一个文件夹内）或 .xlsx 工作簿。所有检查与命令行导入相同，有任何问题则整包不导入。
        {unitName ? `县级分局只能导入本单位（${unitName}）的记录。` : ''}
      </p>
      <div className="import-row">
        <label htmlFor={`${id}-file`}>台账包文件</label>
        <input id={`${id}-file`} type="file" accept=".zip,.xlsx,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} disabled={running} />
        <button type="submit" className="btn btn-primary" disabled={running || !file}>
          {running ? '正在导入…' : '提交'}
        </button>
      </div>
      {refusal ? (
        <p role="alert" className="warn" data-testid="import-refusal">
          {refusal}
        </p>
      ) : null}
      {uploading || job ? <ImportProgress job={job} /> : null}
      {error ? (
        <p role="alert" className="warn">
          {describeError(error).title}：{describeError(error).text}
        </p>
      ) : null}
      {job ? <ImportResult job={job} /> : null}
    </form>
  );
}
