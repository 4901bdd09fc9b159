import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

// The entities must map the migrated schema: every entity column exists in its table with a matching
// type and nullability (the migration, not the entities, is the schema's source of truth).
describeWith([], 'entities map the migrated schema', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase('embedded'); });
  afterAll(async () => { await t?.drop(); });

  it('has a table for every entity and a column for every entity column', async () => {
    const ds = t.db.dataSource;
    const problems: string[] = [];
    for (const meta of ds.entityMetadatas) {
      const cols = await ds.query(`SELECT column_name, is_nullable, data_type, udt_name FROM information_schema.columns WHERE table_name = $1`, [meta.tableName]);
      if (!cols.length) problems.push(`no table ${meta.tableName}`);
      const byName = new Map(cols.map((c: { column_name: string }) => [c.column_name, c]));
      for (const c of meta.columns) {
        const db = byName.get(c.databaseName) as { is_nullable: string; data_type: string; udt_name: string } | undefined;
        if (!db) { problems.push(`${meta.tableName}.${c.databaseName} missing`); continue; }
        if ((db.is_nullable === 'YES') !== c.isNullable && !c.isPrimary) problems.push(`${meta.tableName}.${c.databaseName} nullability differs`);
        const want = String(c.type).replace('char', 'bpchar').replace('integer', 'int4').replace('bigint', 'int8').replace('boolean', 'bool');
        const got = c.isArray ? db.udt_name.replace(/^_/, '') : db.udt_name;
        if (got !== want) problems.push(`${meta.tableName}.${c.databaseName}: entity ${want}, table ${got}`);
      }
    }
    expect(problems).toEqual([]);
    expect(ds.entityMetadatas.length).toBe(21); // 18 + audit_checkpoints (anchors the audit chain) + document_numbers (the 文号 register) + alert_webhooks
  });
});
