import type { SchemeParams } from './default-scheme.js';
import type { MissedHazard, ScoreRow, ScoresJson } from './contracts.js';
import { AnalyticsError, AnalyticsErrorCode } from './errors.js';
import { calendarParams, windowParams, type MonthWindow } from './month-window.js';
import type { QueryFile } from './query-file.js';
import { schemeParams } from './scheme.js';

/** The records behind each count of one county-level unit's score (what a deduction is made of). */
export interface Explanation {
  unit: string;
  month: string;
  asOf: string;
  score: ScoreRow;
  /** I1 overdue */
  overdueHazards: { ledgerNo: string; deadline: string; rectifiedOn: string | null; tracker: string | null; responsiblePerson: string | null }[];
  /** I2: in scope, not checked */
  uncheckedEnterprises: { creditCode: string; name: string }[];
  /** I2 flagged */
  flaggedEnterprises: { creditCode: string; name: string; findings: string[] }[];
  /** I3: enforced hazards, with or without penalty, rectified or not */
  enforcedHazards: { ledgerNo: string; foundOn: string; penalised: boolean; rectified: boolean; penalties: { actionId: string; unit: string; actedOn: string }[] }[];
  /** I3 cases */
  typicalCases: { actionId: string; actedOn: string; enterprise: string | null; enterpriseName: string | null; crime: boolean }[];
  /** I4: leader-months that missed the rule */
  leaderMonthsMissed: { leader: string; role: string; month: string; count: number; required: number }[];
  /** D: missed feedback Fridays */
  missedFridays: { hazard: string; friday: string }[];
  /** D: late or missing submissions */
  lateSubmissions: { kind: string; period: string | null; due: string; submittedOn: string | null }[];
  /** D: missed hazards with the clean-signed inspections */
  missedHazards: MissedHazard[];
}

const LISTS = {
  overdueHazards: 'explain/overdue-hazards.sql',
  uncheckedEnterprises: 'explain/unchecked-enterprises.sql',
  flaggedEnterprises: 'explain/flagged-enterprises.sql',
  enforcedHazards: 'explain/enforced-hazards.sql',
  typicalCases: 'explain/typical-cases.sql',
  leaderMonthsMissed: 'explain/leader-months-missed.sql',
  missedFridays: 'explain/missed-fridays.sql',
  lateSubmissions: 'explain/late-submissions.sql',
} as const;

/** `scores`: the month's scores under `scheme` (the engine's), whose row of `unit` heads the explanation. */
export async function explainUnit(
  query: QueryFile, w: MonthWindow, unit: string, scheme: SchemeParams, scores: ScoresJson,
): Promise<Explanation> {
  const score = scores.units.find((u) => u.unit === unit);
  if (!score) {
    throw new AnalyticsError(AnalyticsErrorCode.UNKNOWN_UNIT,
      `unit ${JSON.stringify(unit)} is not a county-level unit (county or zone) of the ledger: only those are scored`);
  }
  const params = { ...windowParams(w), ...calendarParams(w), ...schemeParams(scheme), unit };
  const entries = await Promise.all(Object.entries(LISTS).map(async ([key, file]) => [key, await query(file, params)] as const));
  const missed = (await query('traceback/missed-hazards.sql', params)).filter((m) => m.unit === unit);
  return {
    unit, month: w.month, asOf: w.eom, score,
    ...(Object.fromEntries(entries) as unknown as Omit<Explanation, 'unit' | 'month' | 'asOf' | 'score' | 'missedHazards'>),
    missedHazards: missed as unknown as MissedHazard[],
  };
}
