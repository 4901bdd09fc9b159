// Roles of domain.md section 1. City roles read everything; unit roles are bound to their unit.
export const ROLES = ['city_office', 'group_leader', 'county_branch', 'inspector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CITY_ROLES: readonly Role[] = ['city_office', 'group_leader', 'viewer'];
export const UNIT_ROLES: readonly Role[] = ['county_branch', 'inspector'];

export function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}
