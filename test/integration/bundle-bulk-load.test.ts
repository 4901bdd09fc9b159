import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { csvRowCounts, tableCounts } from '../support/bundles.js';
import { BUNDLE_FILES } from '../../api/src/bundle/bundle-files.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { withConstraintsSetAside } from '../../api/src/bundle/set-aside-constraints.js';
import { copyCapableClient } from '../../analytics/src/pg-copy.js';
import type pg from 'pg';

// A large import drops a table's foreign keys and secondary indexes inside its transaction and puts
// them back after the load (api/src/bundle/set-aside-constraints.ts). `bulkRows: 1` takes that path
// for every file of the sample, so the test needs no province-sized bundle.
const TABLES = BUNDLE_FILES.map((f) => f.table);

async function schemaOf(t: TestDatabase): Promise<string[]> {
  const rows: { d: string }[] = await t.db.dataSource.query(
    `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conrelid::regclass::text = ANY($1)
     UNION ALL SELECT indexdef FROM pg_indexes WHERE tablename = ANY($1) ORDER BY 1`,
    [TABLES],
  );
  return rows.map((r) => r.d);
}

/** the catalogue ids of the tables' constraints of some kinds: a dropped and re-added constraint has a new one */
async function constraintIds(t: TestDatabase, kinds = ['f']): Promise<string[]> {
  const rows: { oid: string }[] = await t.db.dataSource.query(`SELECT oid::text FROM pg_constraint WHERE contype = ANY($2) AND conrelid::regclass::text = ANY($1) ORDER BY oid`, [TABLES, kinds]);
  return rows.map((r) => r.oid);
}

describeWith(['postgres'], 'bundle import with constraints set aside (postgres)', () => {
  let t: TestDatabase;
  let before: string[];
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    before = await schemaOf(t);
  });
  afterAll(async () => { await t?.drop(); });

  it('imports the sample and leaves every foreign key and index as the migrations made it', async () => {
    const ids = await constraintIds(t, ['f', 'p', 'u']);
    await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test', bulkRows: 1 });
    const { audit_log, ...ledger } = await tableCounts(t.db.dataSource);
    expect(ledger).toEqual(csvRowCounts());
    expect(audit_log).toBeGreaterThan(0);
    const after = await schemaOf(t);
    expect(after).toEqual(before);
    expect(after.filter((d) => d.includes('FOREIGN KEY')).length).toBeGreaterThan(20);
    // the bulk path was taken: the foreign keys were dropped and made again, and in the tables that were
    // empty the primary keys and unique constraints too. Only campaigns held rows (the migrations' own
    // campaign): its key stayed where it was.
    const now = await constraintIds(t, ['f', 'p', 'u']);
    const kept: { name: string }[] = await t.db.dataSource.query(`SELECT conname AS name FROM pg_constraint WHERE oid::text = ANY($1)`, [now.filter((id) => ids.includes(id))]);
    expect(kept.map((k) => k.name)).toEqual(['campaigns_pkey']);
  });

  it('keeps the keys working after the rebuild: a second inspection with a known id, or a drill twice, is refused by the database', async () => {
    await expect(t.db.dataSource.query(`INSERT INTO inspections SELECT * FROM inspections LIMIT 1`)).rejects.toThrow(/duplicate key value violates unique constraint "inspections_pkey"/);
    await expect(t.db.dataSource.query(`INSERT INTO drills (enterprise_credit_code, drilled_on) SELECT enterprise_credit_code, drilled_on FROM drills LIMIT 1`))
      .rejects.toThrow(/duplicate key value violates unique constraint "uq_drills"/);
  });

  it('keeps the foreign keys working after the rebuild: a hazard of an unknown enterprise is refused by the database', async () => {
    await expect(t.db.dataSource.query(
      `INSERT INTO hazards (ledger_no, enterprise_credit_code, unit_code, source, found_on) SELECT 'X-1', '000000000000000000', unit_code, source, found_on FROM hazards LIMIT 1`,
    )).rejects.toThrow(/foreign key/);
  });

  it('into a table that holds rows sets aside only its foreign keys and indexes: its keys stay for ON CONFLICT', async () => {
    const [keys, foreign] = [await constraintIds(t, ['p', 'u']), await constraintIds(t, ['f'])];
    const kinds = async (c: pg.ClientBase) => (await c.query<{ k: string }>(`SELECT contype::text AS k FROM pg_constraint WHERE conrelid = 'drills'::regclass ORDER BY 1`)).rows.map((r) => r.k);
    let during: string[] = [];
    await t.db.dataSource.transaction(async (m) => {
      const client = (await copyCapableClient(m))!;
      expect(await kinds(client)).toEqual(['f', 'p', 'u']);
      await withConstraintsSetAside(client, 'drills', async () => { during = await kinds(client); }, false);
    });
    expect(during).toEqual(['p', 'u']);
    // the keys are the same catalogue entries; only the drills' foreign key was made again
    expect(await constraintIds(t, ['p', 'u'])).toEqual(keys);
    const now = await constraintIds(t, ['f']);
    expect(now.filter((id) => !foreign.includes(id))).toHaveLength(1);
    expect(now).toHaveLength(foreign.length);
  });

  it('imports the same bundle again with nothing changed', async () => {
    const r = await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test', bulkRows: 1 });
    expect(Object.values(r.files).every((c) => c.inserted === 0 && c.updated === 0)).toBe(true);
    expect(await schemaOf(t)).toEqual(before);
  });
});
