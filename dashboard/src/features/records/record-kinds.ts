import type { Role, Unit, User } from '../../api/types.js';

// The ledger's records (记录) a unit keeps besides hazards, and who writes each (docs/api.md): the city
// office everything, a county branch its own unit's, an inspector inspections (and their corrections)
// only; group leaders and viewers read.
export type RecordKind = 'enterprises' | 'inspections' | 'actions' | 'leaders' | 'leader-inspections' | 'drills' | 'submissions';

const OFFICE_AND_COUNTY: readonly Role[] = ['city_office', 'county_branch'];

export const RECORD_KINDS: readonly { kind: RecordKind; label: string; writers: readonly Role[] }[] = [
  { kind: 'enterprises', label: '企业', writers: OFFICE_AND_COUNTY },
  { kind: 'inspections', label: '检查', writers: ['city_office', 'county_branch', 'inspector'] },
  { kind: 'actions', label: '执法', writers: OFFICE_AND_COUNTY },
  { kind: 'leaders', label: '领导', writers: OFFICE_AND_COUNTY },
  { kind: 'leader-inspections', label: '领导检查', writers: OFFICE_AND_COUNTY },
  { kind: 'drills', label: '演练', writers: OFFICE_AND_COUNTY },
  { kind: 'submissions', label: '报送', writers: OFFICE_AND_COUNTY },
];

export function isRecordKind(k: string | undefined): k is RecordKind {
  return RECORD_KINDS.some((r) => r.kind === k);
}

export function mayWrite(user: User, kind: RecordKind): boolean {
  return RECORD_KINDS.find((r) => r.kind === kind)?.writers.includes(user.role) ?? false;
}

/** What a section needs to know of who is looking: the unit the list shows and the unit a form writes for. */
export interface RecordScope {
  user: User;
  /** the unit the lists are filtered by ('' = every unit the user reads) */
  unit: string;
  /** a unit-bound user writes for its own unit; the city office picks one in the form (null) */
  ownUnit: string | null;
  units: Unit[];
}

/** the units a record may be reported by (no province) */
export const reportingUnits = (units: Unit[]) => units.filter((u) => u.level !== 'province').map((u) => ({ value: u.code, label: u.name }));
/** county-level units: an enterprise's jurisdiction (属地) */
export const jurisdictions = (units: Unit[]) => units.filter((u) => u.level === 'county' || u.level === 'zone').map((u) => ({ value: u.code, label: u.name }));
