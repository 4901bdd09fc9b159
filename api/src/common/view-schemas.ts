// The OpenAPI schemas of the API's own answers (the ledger's views, jobs, releases), each typed against
// the interface the code returns (analytics/src/json-schema.ts says how that keeps them in step).
import { DAY, MONTH, s, type Schema } from '../../../analytics/src/json-schema.js';
import type { Page } from '../ledger/common/page.dto.js';
import type { ActionView } from '../ledger/actions/actions.service.js';
import type { DrillView } from '../ledger/drills/drills.service.js';
import type { EnterpriseView } from '../ledger/enterprises/enterprises.service.js';
import type { FindingRow, InspectionView } from '../ledger/inspections/inspections.service.js';
import type { AssignmentRow, FeedbackRow } from '../ledger/assignments/assignments.service.js';
import type { LeaderInspectionView, LeaderView } from '../ledger/leaders/leaders.service.js';
import type { SubmissionView } from '../ledger/submissions/submissions.service.js';
import type { UserView } from '../ledger/users/users.service.js';
import type { findHazard, HazardListItem, HazardSignoff, TimelineEvent } from '../ledger/hazards/hazards.repository.js';
import { ALERT_KINDS, ALERT_STATES, type AlertView } from '../alerts/alert-contract.js';
import type { ImportJob, ImportProblem } from '../imports/import-job.js';
import type { FileCounts } from '../bundle/write-bundle.js';
import type { Difference, ReconciliationResult } from '../reconcile/reconciliation.types.js';
import type { StoredReconciliation } from '../reconcile/reconciliations.repository.js';
import type { PublicRelease } from '../public/public-releases.js';
import type { PublicHazard, PublicHazards, PublicUnit } from '../public/public-hazards.js';

const str = s.string();
const day = s.string(DAY);
const month = s.string(MONTH);
const time = s.string({ format: 'date-time' });
const int = s.integer();
const maybe = <T>(x: Schema<T>) => s.nullable(x);

/** `{items, total, page, pageSize}` of every list (page.dto.ts) */
export function pageOf<T>(name: string, item: Schema<T>): Schema<Page<T>> {
  return s.named(`${name}Page`, s.object<Page<T>>({ items: s.array(item), total: int, page: s.integer({ minimum: 1 }), pageSize: s.integer({ minimum: 1, maximum: 500 }) }));
}

export const actionView = s.named('ActionView', s.object<ActionView>({
  actionId: str, unitCode: str, kind: str, actedOn: day, enterpriseCreditCode: maybe(str), hazardLedgerNo: maybe(str),
  targetUnitCode: maybe(str), persons: int, amountWan: maybe(s.number({ description: '万元' })), crime: s.boolean(),
}));

export const drillView = s.named('DrillView', s.object<DrillView>({ id: str, enterpriseCreditCode: str, unitCode: str, drilledOn: day }));

export const enterpriseView = s.named('EnterpriseView', s.object<EnterpriseView>({
  creditCode: str, name: str, unitCode: str, industry: str, riskLevel: str, highRisk: s.boolean(), parentCreditCode: maybe(str), mainLeader: maybe(str), inScope: s.boolean(),
}));

const inspectionFields = {
  inspectionId: str, unitCode: str, enterpriseCreditCode: str, inspectedOn: day, signedBy: s.array(str),
  majorHazardsFound: int, correctsInspectionId: maybe(str), correctedBy: maybe(str), findings: s.array(str),
};
export const inspectionView = s.named('InspectionView', s.object<InspectionView>(inspectionFields));
export const inspectionDetail = s.named('InspectionDetail', s.object<InspectionView & { jurisdiction: string }>({ ...inspectionFields, jurisdiction: str }));

export const leaderView = s.named('LeaderView', s.object<LeaderView>({ unitCode: str, name: str, role: s.enum(['main', 'member']) }));
export const leaderInspectionView = s.named('LeaderInspectionView', s.object<LeaderInspectionView>({
  id: str, unitCode: str, leaderName: str, inspectedOn: day, enterpriseCreditCode: maybe(str),
}));

export const submissionView = s.named('SubmissionView', s.object<SubmissionView>({ id: str, unitCode: str, kind: str, period: maybe(str), submittedOn: day }));

export const userView = s.named('UserView', s.object<UserView>({
  id: str, username: str, role: str, unitCode: maybe(str), createdAt: time, disabled: s.boolean(), email: maybe(str),
}));

export const hazardListItem = s.named('HazardListItem', s.object<HazardListItem>({
  ledgerNo: str, unitCode: str, enterpriseCreditCode: str, enterpriseName: str, source: str, foundOn: day,
  category: maybe(str), deadline: maybe(day), rectifiedOn: maybe(day), closedOn: maybe(day), listedLevel: maybe(str), overdue: s.boolean(),
}));

export const alertView = s.named('AlertView', s.object<AlertView>({
  id: int, unitCode: str, kind: s.enum(ALERT_KINDS), dueOn: day, recordRef: str, message: str, createdAt: time, state: s.enum(ALERT_STATES),
  acknowledgedBy: maybe(str), acknowledgedAt: maybe(time), note: maybe(str), resolvedOn: maybe(day),
  escalatedTo: maybe(s.enum(['city_office', 'group_leader'])), escalatedOn: maybe(day),
}));

const importProblem = s.object<ImportProblem>({ file: str, line: maybe(int), column: maybe(str), message: str, messageZh: str, text: str });
export const importJob = s.named('ImportJob', s.object<ImportJob>({
  id: str, status: s.enum(['checking', 'writing', 'done', 'refused', 'failed']), fileName: str, unit: maybe(str), actor: str,
  rowsTotal: int, rowsChecked: int, rowsWritten: int, problems: s.array(importProblem),
  counts: maybe(s.record(s.object<FileCounts>({ inserted: int, updated: int, unchanged: int }), { description: 'by bundle file' })),
  error: maybe(str), startedAt: time, finishedAt: maybe(time),
}));

const difference = s.object<Difference>({ item: str, label: str, reported: maybe(s.number()), ledger: s.number(), records: s.array(str) });
export const reconciliationResult = s.named('ReconciliationResult', s.object<ReconciliationResult>({
  id: int, unit: str, month, sheet: str, reconciledAt: time, differences: s.array(difference),
}));
export const storedReconciliation = s.named('StoredReconciliation', s.object<StoredReconciliation>({
  id: int, unit: str, month, fileName: maybe(str), sheet: str, differenceCount: int, differences: s.array(difference),
  ledgerVersion: str, reconciledAt: time, reconciledBy: str,
}));

export const publicRelease = s.named('PublicRelease', s.object<PublicRelease>({ month, releasedAt: time }));
const publicHazard = s.object<PublicHazard>({ ledgerNo: str, enterprise: str, category: maybe(str), listing: maybe(str), deadline: maybe(day), state: str });
export const publicHazards = s.named('PublicHazards', s.object<PublicHazards>({
  month, asOf: day, releasedAt: time, units: s.array(s.object<PublicUnit>({ unit: str, name: str, hazards: s.array(publicHazard) })),
}));

/** GET /api/hazards/{ledgerNo}, and the answer of every step of the lifecycle */
export type HazardDetail = NonNullable<Awaited<ReturnType<typeof findHazard>>>;

export const hazardDetail = s.named('HazardDetail', s.object<HazardDetail>({
  ledgerNo: str, unitCode: str, jurisdiction: s.string({ description: 'the enterprise\'s unit 属地' }), enterpriseCreditCode: str, enterpriseName: str,
  source: str, foundOn: day, description: maybe(str), category: maybe(str), inspectionId: maybe(str), enterpriseConfirmedOn: maybe(day),
  confirmedOn: maybe(day), listedLevel: maybe(str), listedOn: maybe(day), tracker: maybe(str), responsiblePerson: maybe(str), measures: maybe(str),
  fundsWan: maybe(s.number({ description: '万元' })), deadline: maybe(day), overdue: s.boolean(), contingencyPlan: maybe(str),
  rectifiedOn: maybe(day), closedOn: maybe(day), closedBy: maybe(str),
  assignment: maybe(s.object<{ unitCode: string; unitName: string; assignedOn: string }>({ unitCode: str, unitName: str, assignedOn: day })),
  signoffs: s.array(s.object<HazardSignoff>({ step: str, signer: str, signedOn: day, recordedBy: str })),
  timeline: s.array(s.object<TimelineEvent>({
    event: s.enum(['found', 'confirmed', 'listed', 'assigned', 'feedback', 'deadline', 'rectified', 'closed']), on: day, by: maybe(str), detail: maybe(str),
    overdue: s.optional(s.boolean()),
  }), { description: 'the steps in date order' }),
}));

export const findingRow = s.named('FindingRow', s.object<FindingRow>({ inspectionId: str, finding: str, unitCode: str, enterpriseCreditCode: str, inspectedOn: day }));
export const assignmentRow = s.named('AssignmentRow', s.object<AssignmentRow>({ hazardLedgerNo: str, unitCode: s.string({ description: 'the unit it is assigned to' }), assignedOn: day, hazardUnitCode: str, closedOn: maybe(day) }));
export const feedbackRow = s.named('FeedbackRow', s.object<FeedbackRow>({ id: str, hazardLedgerNo: str, unitCode: str, feedbackOn: day, documentNo: str, progress: maybe(str) }));
