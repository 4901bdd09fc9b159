import { DISPATCH_SECTIONS, DISPATCH_VALUES, valueLabel } from '../../dispatch/dispatch-items.js';
import { textTable } from '../text-table.js';
import type { Command } from './command.js';
import { runAnalyticsCommand } from './analytics-command.js';

type Row = Record<string, string | number>;

/** Items down, units across, grouped by the attachment's three sections. */
export function renderDispatch(d: { month: string; asOf: string; units: Row[]; cityWide: Row }): string {
  const cols = [...d.units, d.cityWide];
  let text = `调度表 ${d.month}（截至 ${d.asOf}）\n`;
  for (const section of DISPATCH_SECTIONS) {
    const values = DISPATCH_VALUES.filter((v) => v.section === section);
    text += `\n${section.heading}\n` + textTable(['项目', ...cols.map((u) => String(u.name))], values.map((v) => [`${v.key} ${valueLabel(v.key)}`, ...cols.map((u) => Number(u[v.key]))]));
  }
  return text;
}

export const dispatchCommand: Command = {
  options: { month: { type: 'string' }, out: { type: 'string' } },
  run: (v, _p, env) => runAnalyticsCommand(env, v.month, v.out, (engine, month) => engine.dispatch(month), renderDispatch),
};
