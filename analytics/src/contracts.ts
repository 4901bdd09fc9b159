// The JSON contracts of spec/bundle.md (dispatch, scores, trace) and the engine's explanations.

export const DISPATCH_KEYS = [
  'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10',
  'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8',
  'C1', 'C2', 'C3_count', 'C3_amount_wan', 'C4', 'C5', 'C6_suspended', 'C6_closed', 'C7', 'C8_cases',
  'C8_crime_cases', 'C9', 'C10',
] as const;
export type DispatchKey = (typeof DISPATCH_KEYS)[number];

export type DispatchRow = { unit: string; name: string; level: string } & Record<DispatchKey, number>;

export interface DispatchJson {
  month: string;
  asOf: string;
  units: DispatchRow[];
  cityWide: DispatchRow;
}

// A type alias, not an interface: it then fits Record<string, number> where callers treat parts
// generically (an interface has no implicit index signature).
export type ScoreParts = {
  found: number; rectified: number; overdue: number;
  scope: number; checked: number; flagged: number;
  enforced: number; penalised: number; enforced_rectified: number; cases: number;
  /** unrounded shares of leader-months that met the rule, 0 … 1 */
  main_ok: number; member_ok: number;
  late: number; missed_feedback: number; missed_hazards: number;
};

export interface ScoreRow {
  unit: string; name: string; rank: number; total: number;
  I1: number; I2: number; I3: number; I4: number; D: number;
  parts: ScoreParts;
}

export interface ScoresJson {
  month: string;
  asOf: string;
  scheme: string;
  units: ScoreRow[];
}

export interface MissedHazard {
  hazard: string;
  unit: string;
  foundOn: string;
  inspections: { id: string; inspectedOn: string; signers: string[] }[];
}

export interface OverdueHazard {
  hazard: string; unit: string; deadline: string; tracker: string | null; responsiblePerson: string | null;
}

/**
 * 回头看: a closed hazard and a later one at the same enterprise in exactly the same category. The one
 * shape of GET /api/trace's lookBack, the page (dashboard/src/features/traceback) and docs/api.md.
 */
export interface LookBack {
  /** the closed (销号) hazard's ledger number and its unit */
  hazard: string; unit: string;
  /** the enterprise's credit code, and its name for people to read */
  enterprise: string; enterpriseName: string;
  category: string; closedOn: string;
  /** the hazard found again (再次发现) after the close-out */
  refound: { hazard: string; unit: string; foundOn: string };
}

export interface TraceJson {
  month: string;
  asOf: string;
  missed: MissedHazard[];
  overdue: OverdueHazard[];
  lookBack: LookBack[];
}

/** 一案三查 for one hazard */
export interface OneCaseThreeChecks {
  hazard: string;
  enterprise: { creditCode: string; name: string; mainLeader: string | null };
  reportingUnit: string;
  /** the enterprise's jurisdiction (属地), which supervises it */
  supervisingUnit: { code: string; name: string; mainLeaders: string[]; roster: { name: string; role: string }[] };
}

/** 月度日历: one due date of one county-level unit in the month, and where it stands */
export type DueKind = 'monthly_report' | 'dispatch_table' | 'stage_report' | 'summary' | 'feedback';
export type DueState = 'met' | 'open' | 'overdue';

export interface CalendarDue {
  unit: string;
  kind: DueKind;
  /** the month a monthly report or dispatch table covers; null for the others */
  period: string | null;
  due: string;
  state: DueState;
  /** a submission's first date on or before the as-of day (late when after `due`); null for feedback */
  doneOn: string | null;
  /** feedback: the assigned hazards open that Friday, and those without a feedback that week */
  owed: number | null;
  missing: number | null;
}

export interface CalendarJson {
  month: string;
  /** the CST day the states are as of */
  asOf: string;
  dues: CalendarDue[];
}
/** A phase of a campaign (实施阶段), or a coverage duty inside one (withinPhase, requiredPercent and inspectedBy set). */
export interface CampaignPhase {
  key: string;
  name: string;
  startOn: string;
  endOn: string;
  withinPhase: string | null;
  requiredPercent: number | null;
  /** whose inspections count: the county-level unit's own ('unit') or its parent's, the city ('parent') */
  inspectedBy: 'unit' | 'parent' | null;
}

export type CoverageStatus = 'not_started' | 'in_progress' | 'met' | 'behind';

/** One coverage duty of one county-level unit as of the month's end (analytics/sql/inspection-coverage/coverage.sql). */
export interface CoverageDuty {
  /** the duty's phase key: `county_coverage` (7—8月 100%), `city_spot_check` (9—11月 ≥ 20%) */
  duty: string;
  dutyName: string;
  from: string;
  to: string;
  /** the last day counted, min(to, month end); null before the window opens */
  countedTo: string | null;
  /** the unit whose inspections count */
  inspector: string | null;
  requiredPercent: number;
  /** in-scope enterprises of the unit's jurisdiction */
  scope: number;
  /** of them, inspected by the inspector inside the window up to countedTo */
  checked: number;
  /** ⌈scope × requiredPercent / 100⌉ */
  required: number;
  shortfall: number;
  status: CoverageStatus;
  /** the in-scope enterprises not yet inspected in the window, by credit code */
  toInspect: { creditCode: string; name: string }[];
}

export interface CoverageUnit {
  unit: string;
  name: string;
  level: string;
  duties: CoverageDuty[];
}

/** GET /api/coverage and `npm run cli -- coverage --month M --out FILE` */
export interface CoverageJson {
  month: string;
  asOf: string;
  campaign: string;
  phases: CampaignPhase[];
  units: CoverageUnit[];
}

/** The statuses as the CLI, the board and the briefing word them. */
export const COVERAGE_STATUS_ZH: Record<CoverageStatus, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  met: '已达标',
  behind: '未达标',
};
