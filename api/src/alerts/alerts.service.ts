import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-chain.js';
import { isCityUser } from '../auth/scope.js';
import type { TokenClaims } from '../auth/tokens.js';
import { DomainError } from '../common/domain-error.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import type { AlertQueryDto, AlertView } from './alerts.dto.js';
import { ALERT_SELECT, toAlertView, type AlertRow } from './alert-rows.js';

/** Alerts as people see and answer them: listed per unit, acknowledged with a note, webhooks per unit. */
@Injectable()
export class AlertsService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A unit's users see their unit's alerts; city roles see all, or one unit's. */
  async list(u: TokenClaims, q: AlertQueryDto): Promise<AlertView[]> {
    const unit = q.unit ?? (isCityUser(u) ? undefined : u.unit ?? '__none__');
    if (unit) assertMayUseUnit(u, unit);
    const rows = (await this.db.dataSource.query(
      `SELECT ${ALERT_SELECT} FROM alerts a
       WHERE ($1::text IS NULL OR a.unit_code = $1) AND ($2::text IS NULL OR a.kind = $2) AND ($3::text IS NULL OR a.state = $3)
       ORDER BY a.due_on DESC, a.id DESC LIMIT 1000`, [unit ?? null, q.kind ?? null, q.state ?? null])) as AlertRow[];
    return rows.map(toAlertView);
  }

  /** open → acknowledged, by a user of the alert's unit or the city office (group leader: once escalated to them). */
  async acknowledge(u: TokenClaims, id: string, note: string): Promise<AlertView> {
    if (!/^\d{1,18}$/.test(id)) throw new DomainError('UNKNOWN_RECORD', `alert ${id}: no such alert`);
    return this.db.dataSource.transaction(async (m) => {
      const [a] = (await m.query(`SELECT ${ALERT_SELECT} FROM alerts a WHERE a.id = $1::bigint FOR UPDATE`, [id])) as AlertRow[];
      if (!a) throw new DomainError('UNKNOWN_RECORD', `alert ${id}: no such alert`);
      if (u.role === 'group_leader' && a.escalation_level < 2) throw new DomainError('OUT_OF_SCOPE', `alert ${id} has not been escalated to the group leader; the unit or the city office acknowledges it`);
      if (!isCityUser(u) && u.unit !== a.unit_code) throw new DomainError('OUT_OF_SCOPE', `无权访问: alert ${id} belongs to unit ${a.unit_code}`);
      if (a.state !== 'open') throw new DomainError('ILLEGAL_TRANSITION', `alert ${id} is ${a.state}; only an open alert can be acknowledged`);
      await m.query(`UPDATE alerts SET state = 'acknowledged', acknowledged_by = $2, acknowledged_at = now(), ack_note = $3 WHERE id = $1::bigint`, [id, u.sub, note]);
      const [after] = (await m.query(`SELECT ${ALERT_SELECT} FROM alerts a WHERE a.id = $1::bigint`, [id])) as AlertRow[];
      await appendAudit(m, [{ actor: u.sub, action: 'alert.acknowledge', tableName: 'alerts', recordKey: id, before: { state: a.state }, after: { state: 'acknowledged', note } }]);
      return toAlertView(after);
    });
  }

  async setWebhook(u: TokenClaims, unit: string, url: string | null): Promise<{ unitCode: string; url: string | null }> {
    assertMayUseUnit(u, unit);
    return this.db.dataSource.transaction(async (m) => {
      const [known] = (await m.query(`SELECT 1 FROM units WHERE code = $1`, [unit])) as unknown[];
      if (!known) throw new DomainError('UNKNOWN_UNIT', `unit ${unit} is not in the ledger`);
      const [before] = (await m.query(`SELECT url FROM alert_webhooks WHERE unit_code = $1`, [unit])) as { url: string }[];
      if (url === null) await m.query(`DELETE FROM alert_webhooks WHERE unit_code = $1`, [unit]);
      else await m.query(`INSERT INTO alert_webhooks (unit_code, url) VALUES ($1, $2) ON CONFLICT (unit_code) DO UPDATE SET url = $2, updated_at = now()`, [unit, url]);
      // the URL may carry the bot's token: the audit trail says that it changed, not what it is
      await appendAudit(m, [{ actor: u.sub, action: 'alert.webhook', tableName: 'alert_webhooks', recordKey: unit, before: { set: Boolean(before) }, after: { set: url !== null } }]);
      return { unitCode: unit, url };
    });
  }
}

function assertMayUseUnit(u: TokenClaims, unit: string): void {
  if (!isCityUser(u) && u.unit !== unit) throw new DomainError('OUT_OF_SCOPE', `无权访问: unit ${unit}'s alerts are visible to the city office and to ${unit} only`);
}
