import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../api/src/database/entities.js';
import { MIGRATIONS } from '../../api/src/database/migrations/index.js';
import { canonicalJson, GENESIS_HASH, verifyAuditChain } from '../../api/src/audit/audit-chain.js';

// Migration AuditAnchors re-keys a trail written before the chain was keyed (plain SHA-256), after
// checking it under the old scheme — 12 entries, so the old text-ordered walk would have broken it at 10 —
// and refuses to re-key one that does not verify, which would launder the change.

const BEFORE = MIGRATIONS.findIndex((m) => m.name === 'AuditAnchors1764400030000');
let pglite: PGlite | undefined;
let dir: string | undefined;
afterEach(async () => {
  await pglite?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function unkeyedTrail(tamper: boolean): Promise<DataSource> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-rekey-'));
  pglite = await PGlite.create(dir);
  const old = new DataSource({ type: 'postgres', entities: ENTITIES, migrations: MIGRATIONS.slice(0, BEFORE), extra: createPgConfig(pglite) });
  await old.initialize();
  await old.runMigrations({ transaction: 'each' });
  let prev = GENESIS_HASH;
  for (let id = 1; id <= 12; id++) {
    const e = { id: String(id), at: `2026-11-0${1 + (id % 9)}T08:00:00.000Z`, actor: 'clerk', action: 'test.old', tableName: 'hazards', recordKey: `H-${id}`, before: null, after: { n: id } };
    const hash = createHash('sha256').update(prev + canonicalJson(e)).digest('hex');
    await old.query(`INSERT INTO audit_log (id, at, actor, action, table_name, record_key, before, after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9)`,
      [id, e.at, e.actor, e.action, e.tableName, e.recordKey, JSON.stringify(tamper && id === 7 ? { n: 70 } : e.after), prev, hash]);
    prev = hash;
  }
  await old.destroy();
  return new DataSource({ type: 'postgres', entities: ENTITIES, migrations: MIGRATIONS, extra: createPgConfig(pglite) });
}

it('re-keys an intact unkeyed trail: it verifies under the key, and no longer under plain SHA-256', async () => {
  const ds = await unkeyedTrail(false);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  expect(await verifyAuditChain(ds)).toMatchObject({ ok: true, entries: 12, head: { headId: '12' } });
  const [first] = await ds.query(`SELECT hash FROM audit_log WHERE id = 1`);
  const plain = createHash('sha256').update(GENESIS_HASH + canonicalJson({ id: '1', at: '2026-11-02T08:00:00.000Z', actor: 'clerk', action: 'test.old', tableName: 'hazards', recordKey: 'H-1', before: null, after: { n: 1 } })).digest('hex');
  expect(first.hash).not.toBe(plain);
  await ds.destroy();
});

it('leaves a tampered unkeyed trail as it is and stops, naming the entry', async () => {
  const ds = await unkeyedTrail(true);
  await ds.initialize();
  await expect(ds.runMigrations({ transaction: 'each' })).rejects.toThrow(/the audit trail does not verify at entry 7 \(unkeyed SHA-256 chain\): it is not re-keyed/);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'audit_checkpoints'`);
  expect(n).toBe(0);
  await ds.destroy();
});
