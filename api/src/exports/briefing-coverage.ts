import { COVERAGE_STATUS_ZH, type CoverageJson } from '../../../analytics/src/contracts.js';
import type { Block } from './briefing-content.js';
import { formatDateLong } from '../common/chinese-format.js';

// The briefing's section on inspection coverage (notice 四(三): 7—8月县级100%全覆盖, 9—11月市级不低于20%
// 抽查), as blocks: self-contained so that the briefing's layout can move it without touching it.
// Figures are GET /api/coverage's (analytics/sql/inspection-coverage), shown as they are.

/** For each duty whose window has opened by the month's end: a sentence, a table, and the enterprises the counties still owe. */
export function coverageBlocks(c: CoverageJson): Block[] {
  const blocks: Block[] = [];
  const duties = c.phases.filter((p) => p.requiredPercent !== null);
  for (const phase of duties) {
    const rows = c.units.map((u) => ({ u, d: u.duties.find((d) => d.duty === phase.key) })).filter((r) => r.d);
    const window = `${formatDateLong(phase.startOn)}至${formatDateLong(phase.endOn)}`;
    if (rows.every((r) => r.d!.status === 'not_started')) {
      blocks.push({ kind: 'paragraph', text: `${phase.name}（${window}，不低于${phase.requiredPercent}%）尚未开始。` });
      continue;
    }
    const met = rows.filter((r) => r.d!.status === 'met').length;
    const short = rows.filter((r) => r.d!.shortfall > 0);
    blocks.push({
      kind: 'paragraph',
      text: `${phase.name}（${window}，不低于${phase.requiredPercent}%，只计该时段内的检查）：截至${formatDateLong(c.asOf < phase.endOn ? c.asOf : phase.endOn)}，` +
        `${met}个单位已达到要求${short.length ? `，${short.length}个单位尚差${short.reduce((a, r) => a + r.d!.shortfall, 0)}家` : ''}。`,
    });
    blocks.push({
      kind: 'table',
      header: ['单位', '排查范围（家）', '已检查（家）', '应检查（家）', '尚差（家）', '状态'],
      widths: [0.26, 0.15, 0.14, 0.15, 0.14, 0.16],
      rows: rows.map(({ u, d }) => [u.name, String(d!.scope), String(d!.checked), String(d!.required), String(d!.shortfall), COVERAGE_STATUS_ZH[d!.status]]),
    });
    // the county's own round owes every enterprise: name them (the spot checks owe a share, not these names)
    if (phase.inspectedBy === 'unit') {
      for (const { u, d } of short) {
        blocks.push({ kind: 'paragraph', list: true, text: `${u.name}未检查企业：${d!.toInspect.map((e) => e.name).join('、')}。` });
      }
    }
  }
  return blocks;
}
