import { CITY_ROLES } from './roles.js';
import type { TokenClaims } from './tokens.js';
import { DomainError } from '../common/domain-error.js';

// Who sees what (domain.md section 3): city roles read all; a unit's users read their own unit's records.
export function isCityUser(u: TokenClaims): boolean {
  return CITY_ROLES.includes(u.role);
}

/** The unit a unit-bound user is limited to, or undefined for city roles. */
export function scopeUnit(u: TokenClaims): string | undefined {
  return isCityUser(u) ? undefined : (u.unit ?? '__none__');
}

export function assertMayReadUnit(u: TokenClaims, unit: string): void {
  if (!isCityUser(u) && u.unit !== unit) throw new DomainError('OUT_OF_SCOPE', `无权访问: unit ${unit}'s records are visible to the city office and to ${unit} only`);
}
