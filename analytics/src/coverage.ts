import type { CampaignPhase, CoverageDuty, CoverageJson, CoverageUnit } from './contracts.js';
import type { MonthWindow } from './month-window.js';
import type { QueryFile } from './query-file.js';
import { dateParam } from './types.js';

/**
 * The campaign's phases and each county-level unit's coverage duties as of the month's end (notice
 * section 四(三): 7—8月 100% by the county, 9—11月 ≥ 20% spot checks by the city). The figures come
 * whole from analytics/sql/inspection-coverage/coverage.sql; here they are only grouped by unit.
 */
export async function computeCoverage(query: QueryFile, w: MonthWindow): Promise<CoverageJson> {
  const [phases, rows] = await Promise.all([
    query('inspection-coverage/campaign-phases.sql', { campaign: w.campaign }),
    query('inspection-coverage/coverage.sql', { campaign: w.campaign, eom: dateParam(w.eom) }),
  ]);
  const units: CoverageUnit[] = [];
  for (const r of rows) {
    let u = units.at(-1);
    if (u?.unit !== r.unit) units.push((u = { unit: r.unit as string, name: r.name as string, level: r.level as string, duties: [] }));
    const { unit: _unit, name: _name, level: _level, ...duty } = r;
    u.duties.push(duty as unknown as CoverageDuty);
  }
  return { month: w.month, asOf: w.eom, campaign: w.campaign, phases: phases as unknown as CampaignPhase[], units };
}
