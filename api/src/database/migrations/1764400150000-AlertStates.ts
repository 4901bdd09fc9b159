import type { MigrationInterface, QueryRunner } from 'typeorm';

// Alerts that reach people and escalate. An alert is open until the unit
// acknowledges it (who, when, a note) or the duty is met (resolved, on the day the daily run saw it met);
// an alert left open past the scheme's grace period escalates to the city office (level 1), and after
// another grace period to the group leader (level 2). `notified_at` is set once the alert's mail and
// webhook went out, so a re-run of the day sends nothing twice. Users get an optional e-mail address,
// and a unit may name a webhook (its office's own IM bot).
export class AlertStates1764400150000 implements MigrationInterface {
  name = 'AlertStates1764400150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE alerts
        ADD COLUMN state text NOT NULL DEFAULT 'open' CONSTRAINT chk_alerts_state CHECK (state IN ('open','acknowledged','resolved')),
        ADD COLUMN acknowledged_by text,
        ADD COLUMN acknowledged_at timestamptz,
        ADD COLUMN ack_note text,
        ADD COLUMN resolved_on date,
        ADD COLUMN escalation_level integer NOT NULL DEFAULT 0 CONSTRAINT chk_alerts_escalation CHECK (escalation_level BETWEEN 0 AND 2),
        ADD COLUMN escalated_on date,
        ADD COLUMN notified_at timestamptz;
      -- the alerts raised before this migration were seen in the app: they are not mailed again now
      UPDATE alerts SET notified_at = created_at;
      CREATE INDEX ix_alerts_state_due ON alerts (state, due_on);
      CREATE INDEX ix_alerts_unit_state ON alerts (unit_code, state);

      ALTER TABLE users ADD COLUMN email text;

      CREATE TABLE alert_webhooks (
        unit_code text PRIMARY KEY REFERENCES units(code),
        url text NOT NULL CONSTRAINT chk_alert_webhooks_url CHECK (url ~ '^https?://'),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE alert_webhooks;
      ALTER TABLE users DROP COLUMN email;
      DROP INDEX ix_alerts_unit_state; DROP INDEX ix_alerts_state_due;
      ALTER TABLE alerts DROP COLUMN notified_at, DROP COLUMN escalated_on, DROP COLUMN escalation_level, DROP COLUMN resolved_on,
        DROP COLUMN ack_note, DROP COLUMN acknowledged_at, DROP COLUMN acknowledged_by, DROP COLUMN state;
    `);
  }
}
