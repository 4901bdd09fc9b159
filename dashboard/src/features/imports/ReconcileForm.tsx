import { useId, useState, type FormEvent } from 'react';
import { apiUpload } from '../../api/client.js';
import { isCityUser, useAppData, useMonth } from '../../app-context.js';
import { formatMonth } from '../../format.js';
import { Link } from '../../router.js';
import { DataTable } from '../../ui/DataTable.js';
import { describeError } from '../../ui/ErrorState.js';
import { MonthSelect } from '../../ui/MonthSelect.js';
import type { Difference, ReconciliationResult } from './import-types.js';

// hazard items (A1–A10) list ledger numbers, which have a page; the others credit codes or action ids
const isLedgerNo = (item: string) => /^A\d+$/.test(item);

function Records({ d }: { d: Difference }) {
  if (!d.records.length) return <span className="muted">无</span>;
  return (
    <span className="record-list">
      {d.records.map((r, i) => (
        <span key={r}>
          {i ? '、' : ''}
          {isLedgerNo(d.item) ? <Link to={`/ledger/${encodeURIComponent(r)}`}>{r}</Link> : r}
        </span>
      ))}
    </span>
  );
}

/** 如实填报: a hand-filled 调度表 (.xlsx) checked against the ledger, with the records behind each difference. */
export function ReconcileForm() {
  const { user, units, campaign } = useAppData();
  const id = useId();
  const [month, setMonth] = useMonth();
  const city = isCityUser(user);
  const counties = units.filter((u) => u.level !== 'province');
  const [unit, setUnit] = useState(city ? (counties.find((u) => u.level === 'county')?.code ?? '') : (user.unitCode ?? ''));
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReconciliationResult | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setRefusal('请先选择填好的调度表（.xlsx）');
    setBusy(true);
    setRefusal(null);
    setResult(null);
    try {
      setResult(await apiUpload<ReconciliationResult>(`/api/reconciliations?unit=${encodeURIComponent(unit)}&month=${month}`, file));
    } catch (err) {
      const d = describeError(err);
      setRefusal(`${d.title}：${d.text}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="import-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 className="card-title" id={`${id}-title`}>调度表核对（如实填报）</h2>
      <p className="page-note">上传手工填报的调度表（.xlsx，通知附件格式），与台账逐项核对，列出不一致的项目及台账中的对应记录。</p>
      <div className="import-row">
        {city ? (
          <span className="field">
            <label htmlFor={`${id}-unit`}>填报单位</label>
            <select id={`${id}-unit`} value={unit} onChange={(e) => setUnit(e.target.value)}>
              {counties.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </select>
          </span>
        ) : null}
        <MonthSelect months={campaign.months} value={month} onChange={setMonth} label="填报月份" />
        <label htmlFor={`${id}-file`}>调度表文件</label>
        <input id={`${id}-file`} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} disabled={busy} />
        <button type="submit" className="btn btn-primary" disabled={busy || !file || !unit}>
          {busy ? '正在核对…' : '上传并核对'}
        </button>
      </div>
      {refusal ? (
        <p role="alert" className="warn" data-testid="reconcile-refusal">
          {refusal}
        </p>
      ) : null}
      {result ? (
        <div data-testid="reconcile-result">
          <p role="status">
            {formatMonth(result.month)} · {units.find((u) => u.code === result.unit)?.name ?? result.unit}（工作表“{result.sheet}”）：
            {result.differences.length ? `${result.differences.length} 项与台账不一致` : '与台账一致'}
          </p>
          <DataTable<Difference>
            testId="reconcile-differences"
            caption="与台账不一致的项目"
            rows={result.differences}
            rowKey={(d) => d.item}
            empty="各项与台账一致"
            columns={[
              { key: 'item', header: '项目', render: (d) => d.item },
              { key: 'label', header: '名称', render: (d) => d.label },
              { key: 'reported', header: '填报', num: true, render: (d) => d.reported ?? '（空白）' },
              { key: 'ledger', header: '台账', num: true, render: (d) => d.ledger },
              { key: 'records', header: '台账记录', render: (d) => <Records d={d} /> },
            ]}
          />
        </div>
      ) : null}
    </form>
  );
}
