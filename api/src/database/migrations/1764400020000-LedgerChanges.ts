import type { MigrationInterface, QueryRunner } from 'typeorm';

// The key of each ledger table, as the analytics copy finds a row again.
const LEDGER_KEYS: Record<string, string[]> = {
  campaigns: ['code'], units: ['code'], enterprises: ['credit_code'], inspections: ['inspection_id'],
  findings: ['inspection_id', 'finding'], hazards: ['ledger_no'], actions: ['action_id'], leaders: ['unit_code', 'name'],
  leader_inspections: ['id'], assignments: ['hazard_ledger_no'], feedback: ['id'], drills: ['id'], submissions: ['id'],
};

// Incremental refresh of the analytics copy, so figures follow a write without reloading the ledger: every write to a ledger table notes the keys of
// the rows it touched, with the writing transaction's id. A reader that loaded the ledger at snapshot S
// applies exactly the changes of transactions not visible in S — commit order, not the order ids were
// handed out, decides (a sequence or a serial would miss a transaction that committed late).
// A statement touching more than BULK rows (an import) notes the whole table instead: one row, not a
// million, and the reader reloads that table.
// Writers also NOTIFY ledger_changed at commit, so a listening server knows at once.
const BULK = 2000;

export class LedgerChanges1764400020000 implements MigrationInterface {
  name = 'LedgerChanges1764400020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_changes (
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        table_name text NOT NULL,
        -- the row's key columns; NULL: the whole table changed
        pk jsonb,
        noted_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX idx_ledger_changes_xid ON ledger_changes(xid);
      -- changes older than this transaction id were pruned: a copy loaded before it reloads whole
      CREATE TABLE ledger_changes_pruned (through xid8 NOT NULL);
      INSERT INTO ledger_changes_pruned VALUES ('0'::xid8);

      CREATE FUNCTION note_ledger_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        key text := (SELECT string_agg(format('%L, r.%I', c, c), ', ') FROM unnest(TG_ARGV) c);
        rel text := CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
        n bigint;
      BEGIN
        EXECUTE format('SELECT count(*) FROM %I', rel) INTO n;
        IF n > ${BULK} THEN
          INSERT INTO ledger_changes (table_name, pk) VALUES (TG_TABLE_NAME, NULL);
        ELSIF n > 0 THEN
          EXECUTE format('INSERT INTO ledger_changes (table_name, pk) SELECT %L, jsonb_build_object(%s) FROM %I r', TG_TABLE_NAME, key, rel);
          -- an update that changed a key also frees the old key
          IF TG_OP = 'UPDATE' THEN
            EXECUTE format('INSERT INTO ledger_changes (table_name, pk) SELECT %L, jsonb_build_object(%s) FROM old_rows r
              EXCEPT SELECT %L, jsonb_build_object(%s) FROM new_rows r', TG_TABLE_NAME, key, TG_TABLE_NAME, key);
          END IF;
        END IF;
        RETURN NULL;
      END $$;

      CREATE FUNCTION note_ledger_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ledger_changes (table_name, pk) VALUES (TG_TABLE_NAME, NULL);
        RETURN NULL;
      END $$;

      CREATE OR REPLACE FUNCTION bump_ledger_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('ledger_version');
        PERFORM pg_notify('ledger_changed', '');
        RETURN NULL;
      END $$;`);
    for (const [t, key] of Object.entries(LEDGER_KEYS)) {
      const args = key.map((c) => `'${c}'`).join(', ');
      // one trigger an event: PostgreSQL allows transition tables only on single-event triggers
      await q.query(`
        CREATE TRIGGER trg_${t}_changes_ins AFTER INSERT ON ${t} REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_rows(${args});
        CREATE TRIGGER trg_${t}_changes_upd AFTER UPDATE ON ${t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_rows(${args});
        CREATE TRIGGER trg_${t}_changes_del AFTER DELETE ON ${t} REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_rows(${args});
        CREATE TRIGGER trg_${t}_changes_trunc AFTER TRUNCATE ON ${t}
          FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_truncate();`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of Object.keys(LEDGER_KEYS)) {
      for (const s of ['ins', 'upd', 'del', 'trunc']) await q.query(`DROP TRIGGER trg_${t}_changes_${s} ON ${t}`);
    }
    await q.query(`
      CREATE OR REPLACE FUNCTION bump_ledger_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('ledger_version');
        RETURN NULL;
      END $$;
      DROP FUNCTION note_ledger_rows(); DROP FUNCTION note_ledger_truncate();
      DROP TABLE ledger_changes, ledger_changes_pruned;`);
  }
}
