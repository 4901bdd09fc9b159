// The users list (GET /api/users) as the page shows it. Pure.
import type { UpdateUserDto } from '../../../../api/src/ledger/users/users.dto.js';
import type { Role } from '../../api/types.js';
import { ROLE_LABEL } from '../../labels.js';

/** an item of GET /api/users (the shared Users API contract) */
export interface UserItem {
  id: string | number;
  username: string;
  role: Role;
  unitCode: string | null;
  createdAt: string;
  /** absent before the API knows disabling: then every user is enabled */
  disabled?: boolean;
  /** where the unit's alerts are mailed */
  email?: string | null;
}

/** roles bound to a unit: 所属单位 is required for them and refused for the others */
export const UNIT_BOUND: readonly Role[] = ['county_branch', 'inspector'];

export function roleZh(role: string): string {
  return (ROLE_LABEL as Record<string, string>)[role] ?? role;
}

export function stateZh(u: UserItem): '启用' | '停用' {
  return u.disabled ? '停用' : '启用';
}

/** the body of POST /api/users from what was typed: the unit only for a unit-bound role */
export function newUserBody(v: { username?: string; role?: string; unitCode?: string; password?: string; email?: string }) {
  const bound = (UNIT_BOUND as readonly string[]).includes(v.role ?? '');
  return { username: v.username ?? '', role: v.role ?? '', password: v.password ?? '', ...(bound && v.unitCode ? { unitCode: v.unitCode } : {}), ...(v.email ? { email: v.email } : {}) };
}

/**
 * The body of PATCH /api/users/:username from the form (the role and unit wanted): only what changes. A
 * city role holds no unit, so a unit left chosen with one is sent for the API to refuse beside 所属单位,
 * and an empty unit is sent as null (refused for a unit-bound role). The API ends the user's tokens when
 * the role or unit changes (docs/api.md).
 */
export function roleChangeBody(before: Pick<UserItem, 'role' | 'unitCode' | 'email'>, v: { role?: string; unitCode?: string; email?: string }): UpdateUserDto {
  const role = (v.role ?? before.role) as Role;
  const bound = (UNIT_BOUND as readonly string[]).includes(role);
  const unitCode = v.unitCode ?? null;
  // an emptied address removes it; a form without the field leaves it as it is
  const email = v.email === undefined ? before.email ?? null : v.email || null;
  return {
    ...(role !== before.role ? { role } : {}),
    ...(unitCode !== before.unitCode || (unitCode && !bound) ? { unitCode } : {}),
    ...(email !== (before.email ?? null) ? { email } : {}),
  };
}
