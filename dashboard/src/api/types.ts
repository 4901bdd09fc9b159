// Shapes of the HTTP API (docs/api.md and spec/bundle.md). Dates are `YYYY-MM-DD` strings in CST,
// months `YYYY-MM`; scores are numbers exact to the cent.

import type { CampaignPhase, CoverageDuty, CoverageJson, CoverageStatus, CoverageUnit, DispatchKey, ScoreParts, ScoreRow, ScoresJson } from '../../../analytics/src/contracts.js';
import type { Explanation as EngineExplanation } from '../../../analytics/src/explain.js';
import type { Movement } from '../../../api/src/assessment/ranking-diff.js';
import type { RankingParent } from '../../../api/src/assessment/ranking-peers.js';
import type { CampaignDto } from '../../../api/src/campaign/campaigns.dto.js';
import type { HazardSignoff, TimelineEvent as ApiTimelineEvent } from '../../../api/src/ledger/hazards/hazards.repository.js';

// the server's contract types, where the board reads them as they are
export type { CampaignPhase, CoverageDuty, CoverageJson, CoverageStatus, CoverageUnit, DispatchKey, HazardSignoff, Movement, ScoreParts };

export type Role = 'city_office' | 'group_leader' | 'county_branch' | 'inspector' | 'viewer';

export interface User {
  username: string;
  role: Role;
  unitCode: string | null;
}

export interface LoginAnswer {
  accessToken: string;
  user: User;
}

export type UnitLevel = 'province' | 'city' | 'county' | 'zone';

export interface Unit {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
}

/** a campaign (行动) as GET /api/campaigns lists it, with its assessed months */
export type Campaign = CampaignDto;

/** a unit's row of the ranking: the scores JSON's, with its movement since last month */
export interface UnitScore extends ScoreRow {
  movement: Movement | null;
}

export interface Published {
  publishedAt: string;
  schemeVersion: string;
}

/** GET /api/scores: one parent's county-level units (default the user's city), a page of them */
export interface Ranking extends Omit<ScoresJson, 'units'> {
  units: UnitScore[];
  published: Published | null;
  /** null: every county-level unit of the ledger (parent=all) */
  parent: RankingParent;
  /** the parent's county-level units; `units` holds page `page` of `pageSize` of them */
  total: number;
  page: number;
  pageSize: number;
}

export interface OverdueItem {
  ledgerNo: string;
  deadline: string;
  rectifiedOn: string | null;
  tracker: string | null;
  responsiblePerson: string | null;
}

export interface EnterpriseRef {
  creditCode: string;
  name: string;
  /** the spot-check problems found (flagged enterprises), when the server lists them */
  findings?: string[];
}

/** I3's records, when the server lists them */
export interface EnforcedHazard {
  ledgerNo: string;
  foundOn: string;
  penalised: boolean;
  rectified: boolean;
}

/** I3's typical cases (the engine's explanation, declared once there) */
export type TypicalCase = EngineExplanation['typicalCases'][number];

export interface LeaderMonthMissed {
  leader: string;
  role: 'main' | 'member';
  month: string;
  count: number;
  required: number;
}

export interface MissedFriday {
  hazard: string;
  friday: string;
}

export interface LateSubmission {
  kind: SubmissionKind;
  period: string | null;
  due: string;
  submittedOn: string | null;
}

export interface SignedInspection {
  id: string;
  inspectedOn: string;
  signers: string[];
}

export interface MissedHazard {
  hazard: string;
  foundOn: string;
  inspections: SignedInspection[];
}

export interface Explanation {
  overdue: OverdueItem[];
  unchecked: EnterpriseRef[];
  flagged: EnterpriseRef[];
  leaderMonthsMissed: LeaderMonthMissed[];
  missedFridays: MissedFriday[];
  lateSubmissions: LateSubmission[];
  missedHazards: MissedHazard[];
}

export interface UnitScoreDetail extends UnitScore {
  month: string;
  asOf: string;
  scheme: string;
  /** read through api/normalize.ts readExplanation: the list names differ between the docs and the server */
  explanation: unknown;
}

export interface TrendPoint extends Pick<ScoreRow, 'rank' | 'total' | 'I1' | 'I2' | 'I3' | 'I4' | 'D'> {
  month: string;
}

/** one dispatch-table row; keys A1…C10 as in spec/domain.md section 5 */
export type DispatchRow = {
  unit: string;
  name: string;
  level: UnitLevel | 'all';
} & Record<DispatchKey, number>;


export interface Dispatch {
  month: string;
  asOf: string;
  units: DispatchRow[];
  cityWide: DispatchRow;
}

export type HazardSource = 'self_check' | 'enforcement' | 'public_report' | 'superior_assignment';
export type HazardStatus = 'open' | 'rectified' | 'closed';
export type ListedLevel = 'county' | 'city' | 'government';
export type HazardSort = 'found_on' | '-found_on' | 'deadline' | '-deadline' | 'ledger_no' | '-ledger_no';

export interface HazardListItem {
  ledgerNo: string;
  unitCode: string;
  enterpriseCreditCode: string;
  enterpriseName: string;
  source: HazardSource;
  foundOn: string;
  category: string | null;
  deadline: string | null;
  rectifiedOn: string | null;
  closedOn: string | null;
  listedLevel: ListedLevel | null;
  overdue: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// a hazard's timeline (GET /api/hazards/:ledgerNo), declared once by the API
export type TimelineEntry = ApiTimelineEvent;
export type TimelineEvent = ApiTimelineEvent['event'];

/** the hazard page: the list item's fields, the plan and the timeline (extra fields are shown when present) */
export interface HazardDetail extends HazardListItem {
  description?: string | null;
  confirmedOn?: string | null;
  listedOn?: string | null;
  tracker?: string | null;
  responsiblePerson?: string | null;
  measures?: string | null;
  fundsWan?: number | null;
  contingencyPlan?: string | null;
  closedBy?: string | null;
  /** the enterprise's jurisdiction (所属县区) */
  jurisdiction?: string;
  /** the enterprise main leader's signature, the first level of 两级确认 */
  enterpriseConfirmedOn?: string | null;
  assignment?: { unitCode: string; unitName?: string; assignedOn: string } | null;
  signoffs?: HazardSignoff[];
  timeline: TimelineEntry[];
}

// 责任追溯 (GET /api/trace): the analytics contract, declared once there
export type { LookBack, MissedHazard as TraceMissed, OverdueHazard as TraceOverdue, TraceJson as Trace } from '../../../analytics/src/contracts.js';

export interface CaseThree {
  hazard: string | Partial<HazardDetail>;
  enterpriseMainLeader: string | null;
  unitMainLeader: string | null;
  roster: { name: string; role: 'main' | 'member' }[];
}

// the alert as GET /api/alerts answers it: declared once, by the API
export type { AlertKind, AlertView as Alert } from '../../../api/src/alerts/alert-contract.js';

export type SubmissionKind = 'monthly_report' | 'dispatch_table' | 'stage_report' | 'summary';

/** ledger endpoints beyond docs/api.md, used by the board when the server offers them */
export interface InspectionRow {
  inspectionId: string;
  unitCode: string;
  enterpriseCreditCode: string;
  inspectedOn: string;
}

export interface EnterpriseRow {
  creditCode: string;
  name: string;
  unitCode: string;
  inScope?: boolean;
}
