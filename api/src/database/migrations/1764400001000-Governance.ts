import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_SCHEME } from '../../../../analytics/src/default-scheme.js';

// Users, the audit trail, scoring schemes, published rankings and alerts: what the office keeps
// about the ledger rather than the ledger itself.
export class Governance1764400001000 implements MigrationInterface {
  name = 'Governance1764400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id bigserial PRIMARY KEY,
        username text NOT NULL CONSTRAINT uq_users_username UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CONSTRAINT chk_users_role CHECK (role IN ('city_office','group_leader','county_branch','inspector','viewer')),
        unit_code text REFERENCES units(code),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_users_unit CHECK (role NOT IN ('county_branch','inspector') OR unit_code IS NOT NULL)
      );

      -- Append-only: each entry carries the hash of the one before it (see audit/audit-chain.ts).
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        table_name text NOT NULL,
        record_key text NOT NULL,
        before jsonb,
        after jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
      END $$;
      CREATE TRIGGER trg_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

      CREATE TABLE scoring_schemes (
        version text PRIMARY KEY,
        based_on text REFERENCES scoring_schemes(version),
        params jsonb NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE published_rankings (
        month char(7) PRIMARY KEY,
        scheme_version text NOT NULL REFERENCES scoring_schemes(version),
        data_digest text NOT NULL,
        payload jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL
      );

      CREATE TABLE alerts (
        id bigserial PRIMARY KEY,
        unit_code text NOT NULL REFERENCES units(code),
        kind text NOT NULL,
        due_on date NOT NULL,
        record_ref text NOT NULL DEFAULT '',
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_alerts UNIQUE (unit_code, kind, due_on, record_ref)
      );
    `);
    await q.query(`INSERT INTO scoring_schemes (version, params, note) VALUES ('default', $1, 'domain.md section 6')`, [
      JSON.stringify(DEFAULT_SCHEME),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alerts, published_rankings, scoring_schemes, audit_log, users;
      DROP FUNCTION audit_log_refuse_change()`);
  }
}
