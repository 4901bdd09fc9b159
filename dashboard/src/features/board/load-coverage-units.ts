// The board's coverage cards read GET /api/coverage as Arrow (COVERAGE_ARROW): the duties' figures and the
// enterprises still to inspect come as two tables (a county's to-inspect list is its whole scope before the
// window opens), and are put back together here as the JSON answer's units.
import { apiGetArrow, query } from '../../api/client.js';
import type { CoverageDuty, CoverageUnit } from '../../api/types.js';

type DutyRow = Omit<CoverageDuty, 'toInspect'> & { unit: string; unitName: string; level: string };
interface ToInspectRow { unit: string; duty: string; creditCode: string; name: string }

/** Rows of the two Arrow tables as the JSON answer's units, in the server's order. */
export function coverageUnitsOf(duties: DutyRow[], toInspect: ToInspectRow[]): CoverageUnit[] {
  const lists = new Map<string, CoverageDuty['toInspect']>();
  for (const e of toInspect) {
    const key = `${e.unit}\u0000${e.duty}`;
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    list.push({ creditCode: e.creditCode, name: e.name });
  }
  const units = new Map<string, CoverageUnit>();
  for (const { unit, unitName, level, ...d } of duties) {
    let u = units.get(unit);
    if (!u) units.set(unit, (u = { unit, name: unitName, level, duties: [] }));
    u.duties.push({ ...d, toInspect: lists.get(`${unit}\u0000${d.duty}`) ?? [] });
  }
  return [...units.values()];
}

/**
 * The month's coverage units (scoped by the server to what the user may read); null when the server cannot
 * say. `withToInspect: false` (the map: figures only) leaves the enterprise lists empty and does not fetch them.
 */
export async function loadCoverageUnits(month: string, signal: AbortSignal, o: { withToInspect?: boolean } = {}): Promise<CoverageUnit[] | null> {
  const path = `/api/coverage${query({ month })}`;
  try {
    const [duties, toInspect] = await Promise.all([
      apiGetArrow<DutyRow>(path, signal, 'duties'),
      o.withToInspect === false ? { rows: [] } : apiGetArrow<ToInspectRow>(path, signal, 'toInspect'),
    ]);
    return coverageUnitsOf(duties.rows, toInspect.rows);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    return null;
  }
}
