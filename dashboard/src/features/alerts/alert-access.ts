import type { AlertView } from '../../../../api/src/alerts/alert-contract.js';

// Who may 确认 an alert, as POST /api/alerts/:id/acknowledge decides (api/src/alerts/alerts.service.ts):
// the city office any; a county branch its unit's; the group leader those escalated to it.
export function mayAcknowledge(user: { role: string; unitCode: string | null }, a: AlertView): boolean {
  if (a.state !== 'open') return false;
  if (user.role === 'city_office') return true;
  if (user.role === 'county_branch') return user.unitCode === a.unitCode;
  if (user.role === 'group_leader') return a.escalatedTo === 'group_leader';
  return false;
}
