import type { SchemeParams } from '../../api/src/assessment/default-scheme.js';
import type { ScoreParts, ScoreRow, ScoresJson } from './contracts.js';
import { calendarParams, windowParams, type MonthWindow } from './month-window.js';
import type { QueryFile } from './query-file.js';
import { schemeParams } from './scheme.js';
import type { JsonRow } from './types.js';

const PARTS: (keyof ScoreParts)[] = [
  'found', 'rectified', 'overdue', 'scope', 'checked', 'flagged', 'enforced', 'penalised',
  'enforced_rectified', 'cases', 'main_ok', 'member_ok', 'late', 'missed_feedback', 'missed_hazards',
];

function scoreRow(r: JsonRow): ScoreRow {
  const parts = Object.fromEntries(PARTS.map((k) => [k, r[k] as number])) as unknown as ScoreParts;
  return {
    unit: r.unit as string, name: r.name as string, rank: r.rank as number, total: r.total as number,
    I1: r.I1 as number, I2: r.I2 as number, I3: r.I3 as number, I4: r.I4 as number, D: r.D as number, parts,
  };
}

/** bundle.md's scores JSON: every county-level unit, ordered by parent code, rank, then code. */
export async function computeScores(query: QueryFile, w: MonthWindow, scheme: SchemeParams, version: string): Promise<ScoresJson> {
  const rows = await query('scoring/scores.sql', { ...windowParams(w), ...calendarParams(w), ...schemeParams(scheme) });
  return { month: w.month, asOf: w.eom, scheme: version, units: rows.map(scoreRow) };
}
