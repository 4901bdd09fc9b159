// The users list (GET /api/users) as the page shows it. Pure.
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
  /** where the unit's alerts are mailed (issue 15) */
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
