import { useEffect, useMemo, useRef, useState } from 'react';
import type { SchemeParams } from '../../../../analytics/src/default-scheme.js';
import { apiCompute, apiSend } from '../../api/client.js';
import { formatSignedScore } from '../../format.js';
import { Card } from '../../ui/Card.js';
import { ActionGate } from '../../ui/form/ActionGate.js';
import { FormPanel, Refusal } from '../../ui/form/FormPanel.js';
import { text } from '../../ui/form/values.js';
import { movedUnits, paramOf, paramsEdit, SCHEME_FIELDS, type ParamsEdit, type WhatIfAnswer } from './scheme-fields.js';
import { StabilityView } from './StabilityView.js';

const EDITABLE = SCHEME_FIELDS.filter((f) => f.editable);
// re-ranked once typing pauses: one request per pause, not per keystroke
const DEBOUNCE_MS = 400;

/** Weights, deductions, cap and lookback edited; the month re-ranked live under the edit (POST /api/scores/what-if). */
export function WhatIfEditor({ month, base, version, maySave }: { month: string; base: SchemeParams; version: string; maySave: boolean }) {
  const initial = useMemo(() => Object.fromEntries(EDITABLE.map((f) => [f.key, String(paramOf(base, f.key))])), [base]);
  const [typed, setTyped] = useState<Record<string, string>>(initial);
  const [answer, setAnswer] = useState<WhatIfAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const seq = useRef(0);
  useEffect(() => setTyped(initial), [initial]);

  const edit = paramsEdit(base, typed);
  const params: ParamsEdit | null = 'params' in edit ? edit.params : null;
  const key = params ? JSON.stringify(params) : null;

  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    setPending(true);
    const t = setTimeout(() => {
      apiCompute<WhatIfAnswer>('/api/scores/what-if', { month, base: version, params: JSON.parse(key) }).then(
        (a) => {
          if (mine !== seq.current) return;
          setAnswer(a);
          setError(null);
          setPending(false);
        },
        (e) => {
          if (mine !== seq.current) return;
          setError(e);
          setPending(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [key, month, version]);

  const moved = answer ? movedUnits(answer.changes) : [];
  return (
    <>
      <Card title="模拟调整（实时重新排名）" actions={<button type="button" className="btn" onClick={() => setTyped(initial)}>恢复原值</button>}>
        <div className="form-grid" data-testid="what-if-editor">
          {EDITABLE.map((f) => (
            <div className="form-field" key={f.key}>
              <label htmlFor={`wi-${f.key}`}>{f.label}</label>
              <input
                id={`wi-${f.key}`}
                data-key={f.key}
                inputMode="decimal"
                value={typed[f.key] ?? ''}
                aria-invalid={'bad' in edit && edit.bad === f.key ? true : undefined}
                onChange={(e) => setTyped((old) => ({ ...old, [f.key]: e.target.value }))}
              />
              {'bad' in edit && edit.bad === f.key ? <small className="field-problem">须为不小于 0 的数字</small> : null}
            </div>
          ))}
        </div>
        <div data-testid="what-if-result" data-state={pending ? 'pending' : 'done'} data-params={key ?? ''}>
          {error ? <Refusal error={error} /> : null}
          {pending ? <p className="muted">计算中…</p> : null}
          {answer && !pending ? (
            moved.length === 0 ? (
              <p data-testid="what-if-none">按此调整，{answer.month} 各单位的排名和总分均不变。</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="what-if-moves">
                  <caption>按此调整变动的单位（{moved.filter((m) => m.rankMoved).length} 个单位排名变化）</caption>
                  <thead>
                    <tr>
                      <th>单位</th>
                      <th className="num">排名（现 → 调整后）</th>
                      <th className="num">总分变化</th>
                    </tr>
                  </thead>
                  <tbody>
                    {moved.map((m) => (
                      <tr key={m.unit} data-testid="what-if-move" data-unit={m.unit} data-rank-before={m.rankBefore ?? ''} data-rank-after={m.rankAfter ?? ''} data-total-change={m.totalChange ?? ''}>
                        <td data-col="name">{m.rankMoved ? <strong>{m.name}</strong> : m.name}</td>
                        <td className="num" data-col="rank">
                          {m.rankBefore ?? '–'} → {m.rankAfter ?? '–'}
                        </td>
                        <td className="num" data-col="totalChange">{formatSignedScore(m.totalChange)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          ) : null}
        </div>
        {maySave ? (
          <ActionGate label="保存为新版本" blocked={params ? undefined : '调整值须为不小于 0 的数字'} testId="save-scheme">
            {(close) => (
              <FormPanel
                title="保存为新版本"
                fields={[
                  { name: 'version', label: '版本名称', required: true, hint: '字母、数字或 . _ -，最多 40 个字符；已有的版本不能覆盖' },
                  { name: 'note', label: '说明', kind: 'textarea' },
                ]}
                submitLabel="保存"
                intro={<p className="page-note">以方案 {version} 为基础，保存当前调整（{Object.keys(params ?? {}).length} 组参数变化）为新版本。</p>}
                onSubmit={(v) => apiSend('POST', '/api/schemes', { version: text(v, 'version'), basedOn: version, params: params ?? {}, note: text(v, 'note') })}
                onDone={close}
                onCancel={close}
                testId="save-scheme-form"
              />
            )}
          </ActionGate>
        ) : null}
      </Card>
      <StabilityView month={month} version={version} params={params} />
    </>
  );
}
