import type { MigrationInterface, QueryRunner } from 'typeorm';

// 谁签名、谁负责: every step of a hazard's lifecycle made through the application is signed by a named
// person (the enterprise's main leader for the first confirmation, the unit's signer for the second, the
// tracker's office for the listing, …). The hazard row keeps the step's result (confirmed_on, listed_on,
// closed_by); this table keeps who signed each step, when, and which account entered it. A signature is
// never changed or removed.
export class HazardSignoffs1764400010000 implements MigrationInterface {
  name = 'HazardSignoffs1764400010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hazard_signoffs (
        id bigserial PRIMARY KEY,
        hazard_ledger_no text NOT NULL REFERENCES hazards(ledger_no),
        step text NOT NULL CONSTRAINT chk_hazard_signoffs_step CHECK (step IN
          ('report','confirm_enterprise','confirm_unit','list','assign','feedback','plan','rectify','close')),
        signer text NOT NULL CONSTRAINT chk_hazard_signoffs_signer CHECK (signer <> ''),
        signed_on date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX idx_hazard_signoffs_hazard ON hazard_signoffs(hazard_ledger_no, id);
      -- every step but feedback (weekly) is signed once per hazard
      CREATE UNIQUE INDEX uq_hazard_signoffs_step ON hazard_signoffs(hazard_ledger_no, step) WHERE step <> 'feedback';
      CREATE FUNCTION hazard_signoffs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'hazard_signoffs: a signature is never changed or removed (% refused)', TG_OP;
      END $$;
      CREATE TRIGGER trg_hazard_signoffs_append_only BEFORE UPDATE OR DELETE ON hazard_signoffs
        FOR EACH ROW EXECUTE FUNCTION hazard_signoffs_refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hazard_signoffs; DROP FUNCTION hazard_signoffs_refuse_change()`);
  }
}
