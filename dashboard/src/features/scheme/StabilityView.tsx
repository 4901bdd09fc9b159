import { useState } from 'react';
import type { WeightStability } from '../../../../analytics/src/stability.js';
import { apiCompute } from '../../api/client.js';
import { Card } from '../../ui/Card.js';
import { Refusal } from '../../ui/form/FormPanel.js';
import { useAction } from '../../ui/form/useAction.js';
import { SCHEME_FIELDS, type ParamsEdit } from './scheme-fields.js';

interface StabilityAnswer {
  month: string;
  bound: number;
  weights: WeightStability[];
}

const labelOf = (key: string) => SCHEME_FIELDS.find((f) => f.key === key)?.label ?? key;
const num = (n: number) => String(Math.round(n * 10000) / 10000);

/** For each weight, how far it may move down and up with every rank unchanged (POST /api/scores/stability). */
export function StabilityView({ month, version, params }: { month: string; version: string; params: ParamsEdit | null }) {
  const [answer, setAnswer] = useState<StabilityAnswer | null>(null);
  const action = useAction((p: ParamsEdit) => apiCompute<StabilityAnswer>('/api/scores/stability', { month, base: version, params: p }));
  const run = async () => {
    if (!params) return;
    const a = await action.run(params);
    if (a) setAnswer(a);
  };
  return (
    <Card
      title="稳定区间（各权重单独变动多少排名不变）"
      actions={
        <button type="button" className="btn" disabled={!params || action.pending} onClick={run}>
          {action.pending ? '计算中…' : '计算稳定区间'}
        </button>
      }
    >
      {action.error ? <Refusal error={action.error} /> : null}
      {!answer ? (
        <p className="page-note">按当前调整后的方案，逐项搜索每个权重在 0 至 100 之间（步长 0.01）可下调、可上调到多少而任何单位的排名都不变。</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="stability-table">
            <caption>{answer.month} 的稳定区间</caption>
            <thead>
              <tr>
                <th>权重</th>
                <th className="num">当前值</th>
                <th className="num">可下调至</th>
                <th className="num">可上调至</th>
                <th>越界后首先变动的单位</th>
              </tr>
            </thead>
            <tbody>
              {answer.weights.map((w) => (
                <tr key={w.key} data-key={w.key} data-testid="stability-row">
                  <td>{labelOf(w.key)}</td>
                  <td className="num">{num(w.value)}</td>
                  <td className="num" data-col="lower">{w.below ? num(w.lower) : `${num(w.lower)}（降至 0 排名不变）`}</td>
                  <td className="num" data-col="upper">{w.above ? num(w.upper) : `≥ ${num(w.upper)}（范围内排名不变）`}</td>
                  <td className="small">
                    {[w.below && `降至 ${num(w.below.at)}：${w.below.moves.map((m) => `${m.name} ${m.rankBefore}→${m.rankAfter}`).join('，')}`, w.above && `升至 ${num(w.above.at)}：${w.above.moves.map((m) => `${m.name} ${m.rankBefore}→${m.rankAfter}`).join('，')}`]
                      .filter(Boolean)
                      .join('；') || '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
