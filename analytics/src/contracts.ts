// The JSON contracts of spec/bundle.md (dispatch, scores, trace) and the engine's explanations, and each
// route's Arrow answer beside its JSON (analytics/src/arrow.ts maps one to the other).
import type { ArrowColumn, ArrowContract } from './arrow.js';
import type { Explanation } from './explain.js';

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

/**
 * GET /api/coverage as Arrow: table `duties` (the default), one row a unit and duty with its figures, and
 * table `toInspect`, one row an enterprise still to inspect (the board's long list: a county's whole
 * scope before the window's inspections). The phases stay in the JSON answer.
 */
export const COVERAGE_ARROW: ArrowContract<CoverageJson> = {
  tables: {
    duties: {
      rows: (c) => c.units.flatMap((u) => u.duties.map((d) => ({ ...d, unit: u.unit, unitName: u.name, level: u.level }))),
      columns: [
        { name: 'unit', type: 'code' }, { name: 'unitName', type: 'utf8' }, { name: 'level', type: 'code' },
        { name: 'duty', type: 'code' }, { name: 'dutyName', type: 'utf8' }, { name: 'from', type: 'date' }, { name: 'to', type: 'date' },
        { name: 'countedTo', type: 'date' }, { name: 'inspector', type: 'code' }, { name: 'requiredPercent', type: 'float' },
        { name: 'scope', type: 'int' }, { name: 'checked', type: 'int' }, { name: 'required', type: 'int' }, { name: 'shortfall', type: 'int' },
        { name: 'status', type: 'code' },
      ],
    },
    toInspect: {
      rows: (c) => c.units.flatMap((u) => u.duties.flatMap((d) => d.toInspect.map((e) => ({ unit: u.unit, duty: d.duty, creditCode: e.creditCode, name: e.name })))),
      columns: [{ name: 'unit', type: 'code' }, { name: 'duty', type: 'code' }, { name: 'creditCode', type: 'utf8' }, { name: 'name', type: 'utf8' }],
    },
  },
  meta: (c) => ({ month: c.month, asOf: c.asOf, campaign: c.campaign }),
};

/** The statuses as the CLI, the board and the briefing word them. */
export const COVERAGE_STATUS_ZH: Record<CoverageStatus, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  met: '已达标',
  behind: '未达标',
};

// ── Arrow answers (Accept: application/vnd.apache.arrow.stream) of the analytics routes ──────────────────

const DISPATCH_COLUMNS: readonly ArrowColumn[] = [
  { name: 'unit', type: 'code' }, { name: 'name', type: 'utf8' }, { name: 'level', type: 'code' },
  // every figure a count, but C3_amount_wan: 万元 with 2 decimals (domain.md section 5)
  ...DISPATCH_KEYS.map((k): ArrowColumn => ({ name: k, type: k === 'C3_amount_wan' ? { decimal: 2 } : 'int' })),
];

/** GET /api/dispatch: the units' rows (table `units`) and the city-wide row (table `cityWide`) */
export const DISPATCH_ARROW: ArrowContract<DispatchJson> = {
  tables: {
    units: { rows: (d) => d.units, columns: DISPATCH_COLUMNS },
    cityWide: { rows: (d) => [d.cityWide], columns: DISPATCH_COLUMNS },
  },
  meta: (d) => ({ month: d.month, asOf: d.asOf }),
};

/** I1…I4, D and the total, each rounded to 2 decimals (domain.md): exact as Decimal128 scale 2 */
const SCORE_FIGURES: readonly ArrowColumn[] = (['total', 'I1', 'I2', 'I3', 'I4', 'D'] as const).map((k) => ({ name: k, type: { decimal: 2 } }));
const COUNT_PARTS = ['found', 'rectified', 'overdue', 'scope', 'checked', 'flagged', 'enforced', 'penalised', 'enforced_rectified', 'cases', 'late', 'missed_feedback', 'missed_hazards'] as const;

/** GET /api/scores: one row a unit, its parts flattened (`parts.found` …) and its movement since last month */
export const SCORES_ARROW: ArrowContract<ScoresJson> = {
  tables: {
    units: {
      rows: (s) => s.units,
      columns: [
        { name: 'unit', type: 'code' }, { name: 'name', type: 'utf8' }, { name: 'rank', type: 'int' }, ...SCORE_FIGURES,
        ...COUNT_PARTS.map((k): ArrowColumn => ({ name: `parts.${k}`, type: 'int' })),
        // unrounded shares 0 … 1 of leader-months: no exact decimal form, a double as in the JSON
        { name: 'parts.main_ok', type: 'float' }, { name: 'parts.member_ok', type: 'float' },
        { name: 'movement.rankChange', type: 'int' }, { name: 'movement.totalChange', type: { decimal: 2 } },
      ],
    },
  },
  meta: (s) => ({ month: s.month, asOf: s.asOf, scheme: s.scheme }),
};

/** one month of GET /api/scores/:unit/trend */
export interface ScoreTrendPoint { month: string; rank: number; total: number; I1: number; I2: number; I3: number; I4: number; D: number }

/** GET /api/scores/:unit/trend: one row a month */
export const SCORE_TREND_ARROW: ArrowContract<ScoreTrendPoint[]> = {
  tables: { months: { rows: (t) => t, columns: [{ name: 'month', type: 'code' }, { name: 'rank', type: 'int' }, ...SCORE_FIGURES] } },
};

/** a missed hazard and the clean-signed inspections that missed it (GET /api/trace, a unit's explanation) */
const MISSED_HAZARD_COLUMNS: readonly ArrowColumn[] = [
  { name: 'hazard', type: 'utf8' }, { name: 'unit', type: 'code' }, { name: 'foundOn', type: 'date' },
  { name: 'inspections', type: { records: [{ name: 'id', type: 'utf8' }, { name: 'inspectedOn', type: 'date' }, { name: 'signers', type: 'codes' }] } },
];

/** GET /api/trace: three tables, `missed` (the default), `overdue` and `lookBack` */
export const TRACE_ARROW: ArrowContract<TraceJson> = {
  tables: {
    missed: {
      rows: (t) => t.missed,
      columns: MISSED_HAZARD_COLUMNS,
    },
    overdue: {
      rows: (t) => t.overdue,
      columns: [
        { name: 'hazard', type: 'utf8' }, { name: 'unit', type: 'code' }, { name: 'deadline', type: 'date' },
        { name: 'tracker', type: 'utf8' }, { name: 'responsiblePerson', type: 'utf8' },
      ],
    },
    lookBack: {
      rows: (t) => t.lookBack,
      columns: [
        { name: 'hazard', type: 'utf8' }, { name: 'unit', type: 'code' }, { name: 'enterprise', type: 'utf8' }, { name: 'enterpriseName', type: 'utf8' },
        { name: 'category', type: 'code' }, { name: 'closedOn', type: 'date' },
        { name: 'refound.hazard', type: 'utf8' }, { name: 'refound.unit', type: 'code' }, { name: 'refound.foundOn', type: 'date' },
      ],
    },
  },
  meta: (t) => ({ month: t.month, asOf: t.asOf }),
};

/** GET /api/scores/:unit as far as its Arrow answer goes: the unit, and the record lists of its explanation */
export interface UnitExplanationJson {
  unit: string;
  month: string;
  asOf: string;
  scheme: string;
  explanation: Omit<Explanation, 'unit' | 'month' | 'asOf' | 'score'>;
}

/**
 * GET /api/scores/:unit as Arrow: one table a record list of the explanation, chosen with `table=` (default
 * `overdueHazards`); the score row stays in the JSON answer. The lists grow with the ledger (every Friday a
 * hazard went without feedback, every enterprise still unchecked), the score row does not.
 */
export const UNIT_EXPLANATION_ARROW: ArrowContract<UnitExplanationJson> = {
  tables: {
    overdueHazards: {
      rows: (u) => u.explanation.overdueHazards,
      columns: [
        { name: 'ledgerNo', type: 'utf8' }, { name: 'deadline', type: 'date' }, { name: 'rectifiedOn', type: 'date' },
        { name: 'tracker', type: 'utf8' }, { name: 'responsiblePerson', type: 'utf8' },
      ],
    },
    uncheckedEnterprises: { rows: (u) => u.explanation.uncheckedEnterprises, columns: [{ name: 'creditCode', type: 'utf8' }, { name: 'name', type: 'utf8' }] },
    flaggedEnterprises: {
      rows: (u) => u.explanation.flaggedEnterprises,
      columns: [{ name: 'creditCode', type: 'utf8' }, { name: 'name', type: 'utf8' }, { name: 'findings', type: 'codes' }],
    },
    enforcedHazards: {
      rows: (u) => u.explanation.enforcedHazards,
      columns: [
        { name: 'ledgerNo', type: 'utf8' }, { name: 'foundOn', type: 'date' }, { name: 'penalised', type: 'bool' }, { name: 'rectified', type: 'bool' },
        { name: 'penalties', type: { records: [{ name: 'actionId', type: 'utf8' }, { name: 'unit', type: 'utf8' }, { name: 'actedOn', type: 'date' }] } },
      ],
    },
    typicalCases: {
      rows: (u) => u.explanation.typicalCases,
      columns: [
        { name: 'actionId', type: 'utf8' }, { name: 'actedOn', type: 'date' }, { name: 'enterprise', type: 'utf8' },
        { name: 'enterpriseName', type: 'utf8' }, { name: 'crime', type: 'bool' },
      ],
    },
    leaderMonthsMissed: {
      rows: (u) => u.explanation.leaderMonthsMissed,
      columns: [
        { name: 'leader', type: 'utf8' }, { name: 'role', type: 'code' }, { name: 'month', type: 'code' },
        { name: 'count', type: 'int' }, { name: 'required', type: 'int' },
      ],
    },
    missedFridays: { rows: (u) => u.explanation.missedFridays, columns: [{ name: 'hazard', type: 'utf8' }, { name: 'friday', type: 'date' }] },
    lateSubmissions: {
      rows: (u) => u.explanation.lateSubmissions,
      columns: [{ name: 'kind', type: 'code' }, { name: 'period', type: 'code' }, { name: 'due', type: 'date' }, { name: 'submittedOn', type: 'date' }],
    },
    missedHazards: { rows: (u) => u.explanation.missedHazards, columns: MISSED_HAZARD_COLUMNS },
  },
  meta: (u) => ({ unit: u.unit, month: u.month, asOf: u.asOf, scheme: u.scheme }),
};
