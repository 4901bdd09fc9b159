import type { TraceJson } from '../../../../analytics/src/contracts.js';
import { textTable } from '../text-table.js';
import type { Command } from './command.js';
import { runAnalyticsCommand } from './analytics-command.js';

/** What `trace` writes: the trace JSON of spec/bundle.md (the 回头看 list is the API's, not the CLI's). */
type CliTrace = Pick<TraceJson, 'month' | 'asOf' | 'missed' | 'overdue'>;

/** The readable table: units by their names (a person reads it), codes stay in the JSON. */
export function renderTrace(t: CliTrace, unitName: (code: string) => string = (c) => c): string {
  return `责任追溯 ${t.month}（截至 ${t.asOf}）\n\n该发现而未发现 (${t.missed.length})\n` +
    textTable(['隐患编号', '单位', '发现日期', '签名"无重大隐患"的检查'], t.missed.map((m) => [m.hazard, unitName(m.unit), m.foundOn,
      m.inspections.map((i) => `${i.id} ${i.inspectedOn} ${i.signers.join('、')}`).join('；')])) +
    `\n该盯住整改而整改不到位 (${t.overdue.length})\n` +
    textTable(['隐患编号', '单位', '整改期限', '跟踪督办责任人', '整改责任人'], t.overdue.map((o) => [o.hazard, unitName(o.unit), o.deadline, o.tracker ?? '', o.responsiblePerson ?? '']));
}

export const traceCommand: Command = {
  options: { month: { type: 'string' }, out: { type: 'string' } },
  run: (v, _p, env) => {
    const names = new Map<string, string>();
    return runAnalyticsCommand(env, v.month, v.out, async (engine, month, db) => {
      for (const u of await db.dataSource.query('SELECT code, name FROM units') as { code: string; name: string }[]) names.set(u.code, u.name);
      const t = await engine.trace(month);
      return { month: t.month, asOf: t.asOf, missed: t.missed, overdue: t.overdue } satisfies CliTrace;
    }, (t) => renderTrace(t, (c) => names.get(c) ?? c));
  },
};
