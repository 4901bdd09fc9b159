// The fields of an enforcement action (执法) by kind, for the new-action form and its correction (更正),
// and the PATCH body of a correction. Pure, so the rules are tested without a browser.
import type { CreateActionDto, UpdateActionDto } from '../../../../api/src/ledger/actions/actions.dto.js';
import type { ActionView } from '../../../../api/src/ledger/actions/actions.service.js';
import type { FieldSpec } from '../../ui/form/field-spec.js';
import { bool, num, text, type FormValues } from '../../ui/form/values.js';
import { reportingUnits, type RecordScope } from './record-kinds.js';

// What each kind needs (the API checks the same, actions.service.ts): an enterprise for the actions on
// one, a target unit for 帮扶指导/约谈 of a unit, an amount for a penalty, persons where the dispatch
// table counts people (C5, C9), the 危险作业罪 mark on a typical case.
const ON_ENTERPRISE: readonly string[] = ['assistance_enterprise', 'penalty', 'dual_penalty', 'suspension', 'closure', 'exposure', 'interview', 'joint_punishment', 'typical_case'];
const ON_UNIT: readonly string[] = ['assistance_unit', 'interview_unit'];
const COUNTS_PERSONS: readonly string[] = ['judicial_transfer', 'accountability'];

/** the fields a kind shows after the kind itself (no 执法编号, no 执法单位: those the correction keeps) */
export function actionDetailFields(kind: string, s: RecordScope): FieldSpec[] {
  const f: FieldSpec[] = [{ name: 'actedOn', label: '执法日期', kind: 'date', required: true }];
  if (ON_UNIT.includes(kind)) f.push({ name: 'targetUnitCode', label: '对象单位', kind: 'select', options: reportingUnits(s.units), required: true });
  else {
    f.push({ name: 'enterpriseCreditCode', label: '企业 (统一社会信用代码)', required: ON_ENTERPRISE.includes(kind) });
    f.push({ name: 'hazardLedgerNo', label: '台账编号', hint: '针对的隐患（可不填）' });
  }
  if (kind === 'penalty' || kind === 'dual_penalty') f.push({ name: 'amountWan', label: '罚款（万元）', kind: 'number', required: kind === 'penalty' });
  if (COUNTS_PERSONS.includes(kind)) f.push({ name: 'persons', label: '人数', kind: 'number', required: true });
  if (kind === 'typical_case') f.push({ name: 'crime', label: '危险作业罪', kind: 'checkbox' });
  return f;
}

/** the new-action form: its id and, for the city office, the acting unit, then the kind's fields */
export function newActionFields(kind: string, s: RecordScope): FieldSpec[] {
  const f: FieldSpec[] = [{ name: 'actionId', label: '执法编号', hint: '不填则自动生成' }];
  if (!s.ownUnit) f.push({ name: 'unitCode', label: '执法单位', kind: 'select', options: reportingUnits(s.units), required: true });
  return [...f, ...actionDetailFields(kind, s)];
}

export function newActionBody(kind: string, s: RecordScope, v: FormValues): CreateActionDto {
  return {
    actionId: text(v, 'actionId'),
    unitCode: s.ownUnit ?? text(v, 'unitCode'),
    kind,
    actedOn: text(v, 'actedOn') ?? '',
    enterpriseCreditCode: text(v, 'enterpriseCreditCode'),
    hazardLedgerNo: text(v, 'hazardLedgerNo'),
    targetUnitCode: text(v, 'targetUnitCode'),
    amountWan: num(v, 'amountWan'),
    persons: num(v, 'persons'),
    crime: kind === 'typical_case' ? bool(v, 'crime') : undefined,
  };
}

/** what the correction form starts from: the action as stored */
export function actionValues(a: ActionView): FormValues {
  return {
    actedOn: a.actedOn,
    enterpriseCreditCode: a.enterpriseCreditCode ?? '',
    hazardLedgerNo: a.hazardLedgerNo ?? '',
    targetUnitCode: a.targetUnitCode ?? '',
    amountWan: a.amountWan === null ? '' : String(a.amountWan),
    persons: String(a.persons),
    crime: a.crime,
  };
}

/** PATCH /api/actions/:actionId: a field the API clears is sent as null */
export type ActionPatch = { [K in keyof UpdateActionDto]?: UpdateActionDto[K] | null };

const NULLABLE = ['enterpriseCreditCode', 'hazardLedgerNo', 'targetUnitCode', 'amountWan'] as const;

/**
 * Only what the correction changes: a field emptied (or one the new kind does not have) that held a value
 * is cleared, so a penalty turned into a closure does not keep its fine; 人数 is never cleared (the ledger
 * counts one person when none is given), and 危险作业罪 is false outside a typical case.
 */
export function actionPatch(before: ActionView, kind: string, s: RecordScope, v: FormValues): ActionPatch {
  const shown = new Set(actionDetailFields(kind, s).map((f) => f.name));
  const p: ActionPatch = {};
  if (kind !== before.kind) p.kind = kind;
  const actedOn = text(v, 'actedOn');
  if (actedOn !== undefined && actedOn !== before.actedOn) p.actedOn = actedOn;
  for (const k of NULLABLE) {
    const now = shown.has(k) ? (k === 'amountWan' ? num(v, k) : text(v, k)) : undefined;
    const was = before[k] ?? undefined;
    if (now === was) continue;
    (p as Record<string, unknown>)[k] = now ?? null;
  }
  const persons = shown.has('persons') ? num(v, 'persons') : undefined;
  if (persons !== undefined && persons !== before.persons) p.persons = persons;
  const crime = shown.has('crime') && bool(v, 'crime');
  if (crime !== before.crime) p.crime = crime;
  return p;
}
