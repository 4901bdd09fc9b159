import type { MigrationInterface, QueryRunner } from 'typeorm';

// Hand-filled 调度表 checked against the ledger (如实填报): each check is kept, with what the table
// reported and every difference found, so the office can show a unit its record and count it in the
// briefing. Not a ledger table: writing one does not move the ledger version.
export class Reconciliations1764400003000 implements MigrationInterface {
  name = 'Reconciliations1764400003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconciliations (
        id bigserial PRIMARY KEY,
        unit_code text NOT NULL REFERENCES units(code),
        month char(7) NOT NULL CONSTRAINT chk_reconciliations_month CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        file_name text,
        sheet_name text NOT NULL,
        -- dispatch key → the value read from the table (null where the cell was left blank)
        reported jsonb NOT NULL,
        -- [{item, reported, ledger, records}] as the API answers it
        differences jsonb NOT NULL,
        difference_count integer NOT NULL CONSTRAINT chk_reconciliations_count CHECK (difference_count >= 0),
        -- the ledger version the figures were computed from, so a later recheck can tell the data moved
        ledger_version text NOT NULL,
        reconciled_at timestamptz NOT NULL DEFAULT now(),
        reconciled_by text NOT NULL
      );
      CREATE INDEX idx_reconciliations_unit ON reconciliations(unit_code, month, reconciled_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconciliations`);
  }
}
