import type { MigrationInterface, QueryRunner } from 'typeorm';

const LEDGER_TABLES = ['campaigns', 'units', 'enterprises', 'inspections', 'findings', 'hazards', 'actions', 'leaders',
  'leader_inspections', 'assignments', 'feedback', 'drills', 'submissions'];

// A counter that moves on every write to the ledger, whoever writes (the server, the CLI, a script on
// the same PostgreSQL): the analytics copy compares it to the value it loaded to know it is stale.
export class LedgerVersion1764400002000 implements MigrationInterface {
  name = 'LedgerVersion1764400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SEQUENCE ledger_version;
      CREATE FUNCTION bump_ledger_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('ledger_version');
        RETURN NULL;
      END $$;`);
    for (const t of LEDGER_TABLES) {
      await q.query(`CREATE TRIGGER trg_${t}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_ledger_version()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of LEDGER_TABLES) await q.query(`DROP TRIGGER trg_${t}_version ON ${t}`);
    await q.query(`DROP FUNCTION bump_ledger_version(); DROP SEQUENCE ledger_version`);
  }
}
