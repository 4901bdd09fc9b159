// The OpenAPI schemas of contracts.ts, typed against its interfaces (json-schema.ts says how that
// keeps them in step): GET /api/dispatch, /api/scores, /api/trace, /api/coverage, /api/calendar.
import { DAY, MONTH, s } from './json-schema.js';
import {
  DISPATCH_KEYS, type CalendarDue, type CalendarJson, type CampaignPhase, type CoverageDuty, type CoverageJson, type CoverageUnit,
  type DispatchJson, type DispatchRow, type LookBack, type MissedHazard, type OneCaseThreeChecks, type OverdueHazard,
  type ScoreParts, type ScoreRow, type ScoresJson, type TraceJson,
} from './contracts.js';
import type { Explanation } from './explain.js';

const str = s.string();
const num = s.number();
const month = s.string(MONTH);
const day = s.string(DAY);

export const dispatchRowSchema = s.named('DispatchRow', s.object<DispatchRow>({
  unit: s.string({ description: 'unit code 单位代码' }), name: str, level: s.string({ description: 'province, city or county' }),
  ...s.keys(DISPATCH_KEYS, s.number({ description: 'dispatch figure (spec/bundle.md): counts are integers, C3_amount_wan 万元' })),
}));

export const dispatchJsonSchema = s.named('DispatchJson', s.object<DispatchJson>({
  month, asOf: day, units: s.array(dispatchRowSchema), cityWide: dispatchRowSchema,
}));

export const scorePartsSchema = s.named('ScoreParts', s.object<ScoreParts>({
  found: num, rectified: num, overdue: num, scope: num, checked: num, flagged: num, enforced: num, penalised: num, enforced_rectified: num, cases: num,
  main_ok: s.number({ minimum: 0, maximum: 1, description: 'unrounded share of leader-months that met the rule' }),
  member_ok: s.number({ minimum: 0, maximum: 1, description: 'unrounded share of leader-months that met the rule' }),
  late: num, missed_feedback: num, missed_hazards: num,
}));

export const scoreRowSchema = s.named('ScoreRow', s.object<ScoreRow>({
  unit: str, name: str, rank: s.integer({ minimum: 1 }), total: num, I1: num, I2: num, I3: num, I4: num, D: num, parts: scorePartsSchema,
}));

export const scoresJsonSchema = s.named('ScoresJson', s.object<ScoresJson>({
  month, asOf: day, scheme: s.string({ description: 'the scoring scheme version 打分方案' }), units: s.array(scoreRowSchema),
}));

export const missedSchema = s.object<MissedHazard>({
  hazard: str, unit: str, foundOn: day,
  inspections: s.array(s.object<MissedHazard['inspections'][number]>({ id: str, inspectedOn: day, signers: s.array(str) })),
});
const overdueSchema = s.object<OverdueHazard>({ hazard: str, unit: str, deadline: day, tracker: s.nullable(str), responsiblePerson: s.nullable(str) });
const lookBackSchema = s.object<LookBack>({
  hazard: str, unit: str, enterprise: s.string({ description: 'credit code 统一社会信用代码' }), enterpriseName: str, category: str, closedOn: day,
  refound: s.object<LookBack['refound']>({ hazard: str, unit: str, foundOn: day }),
});

export const traceJsonSchema = s.named('TraceJson', s.object<TraceJson>({
  month, asOf: day, missed: s.array(missedSchema), overdue: s.array(overdueSchema), lookBack: s.array(lookBackSchema),
}));

export const oneCaseThreeChecksSchema = s.named('OneCaseThreeChecks', s.object<OneCaseThreeChecks>({
  hazard: str,
  enterprise: s.object<OneCaseThreeChecks['enterprise']>({ creditCode: str, name: str, mainLeader: s.nullable(str) }),
  reportingUnit: str,
  supervisingUnit: s.object<OneCaseThreeChecks['supervisingUnit']>({
    code: str, name: str, mainLeaders: s.array(str), roster: s.array(s.object<{ name: string; role: string }>({ name: str, role: str })),
  }),
}));

const calendarDueSchema = s.object<CalendarDue>({
  unit: str,
  kind: s.enum(['monthly_report', 'dispatch_table', 'stage_report', 'summary', 'feedback']),
  period: s.nullable(month), due: day, state: s.enum(['met', 'open', 'overdue']), doneOn: s.nullable(day),
  owed: s.nullable(s.integer()), missing: s.nullable(s.integer()),
});

export const calendarJsonSchema = s.named('CalendarJson', s.object<CalendarJson>({ month, asOf: day, dues: s.array(calendarDueSchema) }));

export const campaignPhaseSchema = s.named('CampaignPhase', s.object<CampaignPhase>({
  key: str, name: str, startOn: day, endOn: day, withinPhase: s.nullable(str), requiredPercent: s.nullable(num),
  inspectedBy: s.nullable(s.enum(['unit', 'parent'])),
}));

const coverageDutySchema = s.object<CoverageDuty>({
  duty: str, dutyName: str, from: day, to: day, countedTo: s.nullable(day), inspector: s.nullable(str), requiredPercent: num,
  scope: s.integer(), checked: s.integer(), required: s.integer(), shortfall: s.integer(),
  status: s.enum(['not_started', 'in_progress', 'met', 'behind']),
  toInspect: s.array(s.object<{ creditCode: string; name: string }>({ creditCode: str, name: str })),
});

export const coverageJsonSchema = s.named('CoverageJson', s.object<CoverageJson>({
  month, asOf: day, campaign: str, phases: s.array(campaignPhaseSchema),
  units: s.array(s.object<CoverageUnit>({ unit: str, name: str, level: str, duties: s.array(coverageDutySchema) })),
}));

type Lists = Omit<Explanation, 'unit' | 'month' | 'asOf' | 'score'>;
type Row<K extends keyof Lists> = Lists[K][number];
const enterprise = s.object<Row<'uncheckedEnterprises'>>({ creditCode: str, name: str });

/** The record lists behind a unit's score (explain.ts): GET /api/scores/{unit}'s `explanation`. */
export const explanationListsSchema = s.named('ScoreExplanation', s.object<Lists>({
  overdueHazards: s.array(s.object<Row<'overdueHazards'>>({ ledgerNo: str, deadline: day, rectifiedOn: s.nullable(day), tracker: s.nullable(str), responsiblePerson: s.nullable(str) })),
  uncheckedEnterprises: s.array(enterprise),
  flaggedEnterprises: s.array(s.object<Row<'flaggedEnterprises'>>({ creditCode: str, name: str, findings: s.array(str) })),
  enforcedHazards: s.array(s.object<Row<'enforcedHazards'>>({
    ledgerNo: str, foundOn: day, penalised: s.boolean(), rectified: s.boolean(),
    penalties: s.array(s.object<Row<'enforcedHazards'>['penalties'][number]>({ actionId: str, unit: str, actedOn: day })),
  })),
  typicalCases: s.array(s.object<Row<'typicalCases'>>({ actionId: str, actedOn: day, enterprise: s.nullable(str), enterpriseName: s.nullable(str), crime: s.boolean() })),
  leaderMonthsMissed: s.array(s.object<Row<'leaderMonthsMissed'>>({ leader: str, role: str, month, count: s.integer(), required: s.integer() })),
  missedFridays: s.array(s.object<Row<'missedFridays'>>({ hazard: str, friday: day })),
  lateSubmissions: s.array(s.object<Row<'lateSubmissions'>>({ kind: str, period: s.nullable(str), due: day, submittedOn: s.nullable(day) })),
  missedHazards: s.array(missedSchema),
}));
