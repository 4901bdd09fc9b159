import { COVERAGE_STATUS_ZH, type CoverageJson } from '../../../../analytics/src/contracts.js';
import { textTable } from '../text-table.js';
import type { Command } from './command.js';
import { runAnalyticsCommand } from './analytics-command.js';

/** The counts of every (unit, duty), then, unit by unit, the in-scope enterprises still to inspect. */
export function renderCoverage(c: CoverageJson): string {
  const duties = c.units.flatMap((u) => u.duties.map((d) => ({ u, d })));
  let out = `检查覆盖 ${c.month}（截至 ${c.asOf}，${c.campaign}）\n` + textTable(
    ['单位', '任务', '时段', '已检查', '排查范围', '应检查', '尚差', '状态'],
    duties.map(({ u, d }) => [u.name, `${d.dutyName}（≥${d.requiredPercent}%）`, `${d.from} … ${d.to}`, d.checked, d.scope, d.required, d.shortfall, COVERAGE_STATUS_ZH[d.status]]),
  );
  for (const { u, d } of duties) {
    if (d.status === 'not_started' || d.toInspect.length === 0) continue;
    out += `\n${u.name} · ${d.dutyName}：未检查企业 ${d.toInspect.length} 家\n` +
      d.toInspect.map((e) => `  ${e.creditCode}  ${e.name}`).join('\n') + '\n';
  }
  return out;
}

export const coverageCommand: Command = {
  options: { month: { type: 'string' }, out: { type: 'string' } },
  run: (v, _p, env) => runAnalyticsCommand(env, v.month, v.out, (engine, month) => engine.coverage(month), renderCoverage),
};
