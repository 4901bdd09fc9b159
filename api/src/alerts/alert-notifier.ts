import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATABASE, ENV } from '../common/tokens.js';
import type { Env } from '../config/env.js';
import type { Database } from '../database/data-source.js';
import type { AlertView } from './alerts.dto.js';
import { ALERT_KIND_ZH, ESCALATED_ZH } from './alert-labels.js';
import type { Escalated } from './alert-lifecycle.js';
import { ALERT_SELECT, toAlertView, type AlertRow } from './alert-rows.js';
import { MAILER, type Mailer } from './mailer.js';
import { DEFAULT_WEBHOOK_OPTIONS, postWebhook } from './webhook.js';

// Alerts beyond the app: each day's new alerts are mailed to the users of their unit
// and posted to the unit's webhook; an escalation is mailed to the city office or the group leader; the
// city office gets a daily digest of everything still unresolved. Mail goes only to enabled users with
// an e-mail address; the city's own alerts (typical case, spot checks, draft ranking) go to the city office.

const SUBJECT_PREFIX = '【危险废物隐患排查整治】';

interface UnitRef { code: string; name: string; level: string }

@Injectable()
export class AlertNotifier {
  private readonly log = new Logger('alerts');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ENV) private readonly env: Env,
    @Optional() @Inject(MAILER) private readonly mailer?: Mailer,
  ) {}

  private get ds(): DataSource { return this.db.dataSource; }

  /** The new alerts (not yet notified), per unit: mail and webhook, then marked notified. */
  async notifyNew(today: string): Promise<{ mails: number; webhooks: number }> {
    const rows = (await this.ds.query(`SELECT ${ALERT_SELECT} FROM alerts a WHERE a.notified_at IS NULL ORDER BY a.unit_code, a.due_on, a.id`)) as AlertRow[];
    const byUnit = group(rows.map(toAlertView), (a) => a.unitCode);
    let mails = 0, webhooks = 0;
    for (const [code, all] of byUnit) {
      const alerts = all.filter((a) => a.state === 'open');
      if (alerts.length) {
        const unit = await this.unit(code);
        const to = await this.recipients(unit);
        if (this.mailer && to.length) {
          await this.mailer.send({ to, subject: `${SUBJECT_PREFIX}${unit.name}：${alerts.length} 条新预警（${today}）`, text: newAlertsText(unit, alerts, today) });
          mails++;
        }
        const [hook] = (await this.ds.query(`SELECT url FROM alert_webhooks WHERE unit_code = $1`, [code])) as { url: string }[];
        if (hook) {
          const ok = await postWebhook(hook.url, { event: 'alerts.new', date: today, unit: { code: unit.code, name: unit.name }, text: newAlertsText(unit, alerts, today), alerts },
            { ...DEFAULT_WEBHOOK_OPTIONS, baseDelayMs: this.env.webhookRetryBaseMs });
          if (ok) webhooks++;
        }
      }
      // marked even when mail is off or failed: switching SMTP on later must not send months of old alerts
      await this.ds.query(`UPDATE alerts SET notified_at = now() WHERE id = ANY($1::bigint[])`, [all.map((a) => String(a.id))]);
    }
    return { mails, webhooks };
  }

  /** Mails each escalation of the day to the city office (level 1) or the group leader (level 2). */
  async notifyEscalated(escalated: Escalated[], today: string): Promise<number> {
    if (!this.mailer || !escalated.length) return 0;
    let mails = 0;
    for (const level of [1, 2] as const) {
      const ids = escalated.filter((e) => e.level === level).map((e) => e.id);
      if (!ids.length) continue;
      const role = level === 1 ? 'city_office' : 'group_leader';
      const to = await this.roleRecipients(role);
      if (!to.length) continue;
      const alerts = ((await this.ds.query(`SELECT ${ALERT_SELECT} FROM alerts a WHERE a.id = ANY($1::bigint[]) ORDER BY a.unit_code, a.due_on`, [ids])) as AlertRow[]).map(toAlertView);
      const names = await this.unitNames();
      const lines = alerts.map((a, i) => `${i + 1}. ${names.get(a.unitCode) ?? a.unitCode}【${ALERT_KIND_ZH[a.kind] ?? a.kind}】${a.message}（截止 ${a.dueOn}）`);
      await this.mailer.send({
        to, subject: `${SUBJECT_PREFIX}预警升级：${alerts.length} 条逾期未处理（${ESCALATED_ZH[role]}，${today}）`,
        text: `以下预警截止后超过宽限期仍未确认或办结，${ESCALATED_ZH[role]}：\n\n${lines.join('\n')}\n\n请督促相关单位处理。`,
      });
      mails++;
    }
    return mails;
  }

  /** The daily digest to the city office: every unresolved alert, by unit, escalated ones marked. */
  async digest(today: string): Promise<boolean> {
    if (!this.mailer) return false;
    const to = await this.roleRecipients('city_office');
    if (!to.length) return false;
    const rows = ((await this.ds.query(`SELECT ${ALERT_SELECT} FROM alerts a WHERE a.state <> 'resolved' ORDER BY a.unit_code, a.due_on, a.id`)) as AlertRow[]).map(toAlertView);
    const names = await this.unitNames();
    const open = rows.filter((a) => a.state === 'open').length;
    const parts = [...group(rows, (a) => a.unitCode)].map(([code, list]) =>
      `${names.get(code) ?? code}（${list.length} 条）\n` + list.map((a) => `  - 【${ALERT_KIND_ZH[a.kind] ?? a.kind}】${a.message}（截止 ${a.dueOn}，${stateZh(a)}）`).join('\n'));
    await this.mailer.send({
      to, subject: `${SUBJECT_PREFIX}每日预警汇总（${today}）：未办结 ${rows.length} 条，其中未确认 ${open} 条`,
      text: rows.length ? `截至 ${today}，未办结预警 ${rows.length} 条：\n\n${parts.join('\n\n')}` : `截至 ${today}，无未办结预警。`,
    });
    return true;
  }

  private async unit(code: string): Promise<UnitRef> {
    const [u] = (await this.ds.query(`SELECT code, name, level FROM units WHERE code = $1`, [code])) as UnitRef[];
    return u ?? { code, name: code, level: 'county' };
  }

  private async unitNames(): Promise<Map<string, string>> {
    const rows = (await this.ds.query(`SELECT code, name FROM units`)) as { code: string; name: string }[];
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** The unit's enabled users with an address; for the city's own alerts, the city office. */
  private async recipients(unit: UnitRef): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT DISTINCT email FROM users WHERE email IS NOT NULL AND disabled_at IS NULL AND (unit_code = $1 OR ($2 AND role = 'city_office')) ORDER BY email`,
      [unit.code, unit.level === 'city'])) as { email: string }[];
    return rows.map((r) => r.email);
  }

  private async roleRecipients(role: string): Promise<string[]> {
    const rows = (await this.ds.query(`SELECT DISTINCT email FROM users WHERE email IS NOT NULL AND disabled_at IS NULL AND role = $1 ORDER BY email`, [role])) as { email: string }[];
    return rows.map((r) => r.email);
  }
}

function newAlertsText(unit: UnitRef, alerts: AlertView[], today: string): string {
  const lines = alerts.map((a, i) => `${i + 1}. 【${ALERT_KIND_ZH[a.kind] ?? a.kind}】${a.message}（截止 ${a.dueOn}）`);
  return `${unit.name}：\n\n截至 ${today}，专项行动有以下 ${alerts.length} 条新预警：\n${lines.join('\n')}\n\n请登录平台确认并按期办理；截止后超过宽限期仍未确认的，将升级至市领导小组办公室。`;
}

function stateZh(a: AlertView): string {
  const s = a.state === 'acknowledged' ? `已确认（${a.acknowledgedBy}）` : '未确认';
  return a.escalatedTo ? `${s}，${ESCALATED_ZH[a.escalatedTo]}` : s;
}

function group<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}
