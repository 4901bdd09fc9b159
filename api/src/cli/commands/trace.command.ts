import { textTable } from '../text-table.js';
import type { Command } from './command.js';
import { runAnalyticsCommand } from './analytics-command.js';

interface Trace {
  month: string;
  asOf: string;
  missed: { hazard: string; unit: string; foundOn: string; inspections: { id: string; inspectedOn: string; signers: string[] }[] }[];
  overdue: { hazard: string; unit: string; deadline: string; tracker: string | null; responsiblePerson: string | null }[];
}

export function renderTrace(t: Trace): string {
  return `责任追溯 ${t.month}（截至 ${t.asOf}）\n\n该发现而未发现 (${t.missed.length})\n` +
    textTable(['隐患编号', '单位', '发现日期', '签名"无重大隐患"的检查'], t.missed.map((m) => [m.hazard, m.unit, m.foundOn,
      m.inspections.map((i) => `${i.id} ${i.inspectedOn} ${i.signers.join('、')}`).join('；')])) +
    `\n该盯住整改而整改不到位 (${t.overdue.length})\n` +
    textTable(['隐患编号', '单位', '整改期限', '跟踪督办责任人', '整改责任人'], t.overdue.map((o) => [o.hazard, o.unit, o.deadline, o.tracker ?? '', o.responsiblePerson ?? '']));
}

export const traceCommand: Command = {
  options: { month: { type: 'string' }, out: { type: 'string' } },
  run: (v, _p, env) => runAnalyticsCommand(env, v.month, v.out, async (engine, month) => {
    const t = await engine.trace(month);
    return { month: t.month, asOf: t.asOf, missed: t.missed, overdue: t.overdue };
  }, renderTrace),
};
