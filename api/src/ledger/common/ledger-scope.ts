import type { EntityManager } from 'typeorm';
import type { TokenClaims } from '../../auth/tokens.js';
import { isCityUser, scopeUnit } from '../../auth/scope.js';
import { DomainError } from '../../common/domain-error.js';
import type { Where } from './list-query.js';

// Who sees what (domain.md section 3), in one place for every ledger record. A county-level unit's users
// read the records their unit reports, and records of any unit about enterprises in their jurisdiction;
// they write only the records their unit reports, about enterprises in their jurisdiction. City roles
// read all; what each role may write at all is the route's @Roles rule.

/** The unit a reader is limited to, or undefined for the city roles. */
export const readScope = (u: TokenClaims): string | undefined => scopeUnit(u);

/** SQL: the enterprise `col` lies in the unit `?`'s jurisdiction. */
export const inJurisdiction = (col: string) => `EXISTS (SELECT 1 FROM enterprises sx WHERE sx.credit_code = ${col} AND sx.unit_code = ?)`;

/** Limits a list of records with a reporting unit and an (optional) enterprise to what `u` may read. */
export function scopeByUnitOrEnterprise(w: Where, u: TokenClaims, unitCol: string, enterpriseCol: string | null, extra: string[] = []): void {
  const s = readScope(u);
  if (!s) return;
  const ors = [`${unitCol} = ?`, ...(enterpriseCol ? [inJurisdiction(enterpriseCol)] : []), ...extra];
  w.add(ors.join(' OR '), s);
}

export function outOfScope(what: string): DomainError {
  return new DomainError('OUT_OF_SCOPE', `无权访问: ${what} is outside your unit's records (yours are those your unit reports, and records about enterprises in its jurisdiction)`);
}

/** A read of one record: unit-bound readers see it when one of the record's units is theirs. */
export function assertMayRead(u: TokenClaims, units: (string | null | undefined)[], what: string): void {
  if (isCityUser(u)) return;
  if (!units.some((x) => x && x === u.unit)) throw outOfScope(what);
}

/** The reporting unit of a new record: a unit-bound writer's own unit; a city writer must name one. */
export function writeUnit(u: TokenClaims, given: string | undefined, what: string): string {
  if (isCityUser(u)) {
    if (!given) throw new DomainError('BAD_PARAMETER', `unitCode is required: name the unit that reports this ${what}`);
    return given;
  }
  if (given && given !== u.unit) throw new DomainError('OUT_OF_SCOPE', `无权操作: you write records of unit ${u.unit} only, not of ${given}`);
  return u.unit!;
}

/** A write to a record that a unit reports: unit-bound writers only to their own unit's. */
export function assertMayWriteUnit(u: TokenClaims, unit: string, what: string): void {
  if (!isCityUser(u) && u.unit !== unit) throw new DomainError('OUT_OF_SCOPE', `无权操作: ${what} is reported by unit ${unit}; you write records of unit ${u.unit} only`);
}

/** The enterprise's jurisdiction; unit-bound writers may write only about enterprises in theirs. */
export async function assertEnterpriseWritable(m: EntityManager, u: TokenClaims, creditCode: string, field = 'enterpriseCreditCode'): Promise<string> {
  const [e] = (await m.query(`SELECT unit_code FROM enterprises WHERE credit_code = $1`, [creditCode])) as { unit_code: string }[];
  if (!e) throw new DomainError('BAD_REFERENCE', `${field}: no enterprise with credit code ${creditCode} in the ledger`);
  if (!isCityUser(u) && e.unit_code !== u.unit) {
    throw new DomainError('OUT_OF_SCOPE', `无权操作: enterprise ${creditCode} lies in unit ${e.unit_code}'s jurisdiction, not in yours (${u.unit})`);
  }
  return e.unit_code;
}
