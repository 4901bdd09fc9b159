// Answers whose shape differs between docs/api.md and what the server has sent so far are read here,
// in one place, so the views see one shape. Pure.
import type { CaseThree, EnforcedHazard, Explanation, TypicalCase } from './types.js';

type Raw = Record<string, unknown> | null | undefined;

const list = <T>(raw: Raw, ...names: string[]): T[] | undefined => {
  for (const n of names) {
    const v = raw?.[n];
    if (Array.isArray(v)) return v as T[];
  }
  return undefined;
};

/** the explanation lists, read under their documented names or the analytics engine's
 * (`overdueHazards`, `uncheckedEnterprises`, `flaggedEnterprises`); a list the answer lacks stays undefined */
export function readExplanation(raw: unknown): Partial<Explanation> & { enforcedHazards?: EnforcedHazard[]; typicalCases?: TypicalCase[] } {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Partial<Explanation> & { enforcedHazards?: EnforcedHazard[]; typicalCases?: TypicalCase[] } = {};
  const set = <K extends keyof typeof out>(k: K, v: (typeof out)[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('overdue', list(r, 'overdue', 'overdueHazards'));
  set('unchecked', list(r, 'unchecked', 'uncheckedEnterprises'));
  set('flagged', list(r, 'flagged', 'flaggedEnterprises'));
  set('leaderMonthsMissed', list(r, 'leaderMonthsMissed'));
  set('missedFridays', list(r, 'missedFridays'));
  set('lateSubmissions', list(r, 'lateSubmissions'));
  set('missedHazards', list(r, 'missedHazards'));
  set('enforcedHazards', list(r, 'enforcedHazards'));
  set('typicalCases', list(r, 'typicalCases'));
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** 一案三查 as documented (`enterpriseMainLeader`, `unitMainLeader`, `roster`) or as nested
 * `enterprise.mainLeader` and `supervisingUnit.{mainLeaders, roster}` */
export function readCaseThree(raw: unknown): CaseThree & { enterpriseName: string | null; unitName: string | null } {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const ent = (r.enterprise && typeof r.enterprise === 'object' ? r.enterprise : {}) as Record<string, unknown>;
  const sup = (r.supervisingUnit && typeof r.supervisingUnit === 'object' ? r.supervisingUnit : {}) as Record<string, unknown>;
  const mainLeaders = Array.isArray(sup.mainLeaders) ? (sup.mainLeaders as string[]).filter(Boolean) : [];
  const roster = list<CaseThree['roster'][number]>(r, 'roster') ?? list<CaseThree['roster'][number]>(sup, 'roster') ?? [];
  const hazard = typeof r.hazard === 'string' ? r.hazard : (r.hazard as CaseThree['hazard']) ?? '';
  return {
    hazard,
    enterpriseMainLeader: str(r.enterpriseMainLeader) ?? str(ent.mainLeader),
    unitMainLeader: str(r.unitMainLeader) ?? (mainLeaders.length ? mainLeaders.join('、') : null),
    roster,
    enterpriseName: str(ent.name),
    unitName: str(sup.name),
  };
}
