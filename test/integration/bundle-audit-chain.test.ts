import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { freshDatabase, SAMPLE_BUNDLE, type Engine, type TestDatabase } from '../support/databases.js';
import { copyBundle, csvRecords, removeBundle, setCell } from '../support/bundles.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { appendAudit, canonicalJson, GENESIS_HASH, verifyAuditChain } from '../../api/src/audit/audit-chain.js';
import { auditPlace } from '../../api/src/audit/audit-key.js';

// The audit chain after real corrections, then tampered with behind the append-only trigger's back
// (the test switches it off, as someone with the table owner's rights could): each kind of tampering
// is found and the first entry that no longer fits is named.
const AWKWARD_KEY = '文"号\\x\u0001\t𠀀\u2028/é';

for (const engine of ['embedded', 'postgres'] as Engine[]) {
  describeWith(engine === 'postgres' ? ['postgres'] : [], `audit chain on ${engine}`, () => {
    let t: TestDatabase;
    let ids: number[];
    const q = (sql: string, params?: unknown[]) => t.db.dataSource.query(sql, params);
    beforeAll(async () => {
      t = await freshDatabase(engine);
      await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
      for (const line of [2, 3, 4]) {
        const dir = copyBundle();
        setCell(dir, 'hazards.csv', line, 'description', `更正${line}`);
        // a key JSON must escape, brought in with the last bundle: its import entry's list of keys is PostgreSQL's
        // JSON text as it came (write-bundle.ts), which must be what canonicalJson writes
        if (line === 4) setCell(dir, 'feedback.csv', 2, 'document_no', AWKWARD_KEY);
        await importBundle(t.db.dataSource, dir, { actor: `clerk${line}` });
        removeBundle(dir);
      }
      await t.db.dataSource.transaction((m) => appendAudit(m, [
        { actor: 'a', action: 'test', tableName: 'units', recordKey: 'x', before: null, after: { b: [1, { d: 2, c: 'é' }], a: true } },
        { actor: 'a', action: 'test', tableName: 'units', recordKey: 'y', before: { at: new Date('2023-05-01T00:00:00Z') }, after: undefined },
        // what a JSON round trip changes (appendAudit copies only such values) and text JSON must escape
        { actor: 'a"\u2028', action: 'test', tableName: 'units', recordKey: 'z\\"\n', before: { n: -0, bad: NaN, list: [undefined, 1], o: Object.assign(Object.create(null) as object, { z: 1, a: undefined }) },
          after: { keys: ['甲', 'b"c', '\u2029'], deep: { y: [{ b: 1, a: 2 }] } } },
      ]));
      ids = (await q('SELECT id FROM audit_log ORDER BY id')).map((r: { id: string }) => Number(r.id));
      await q('ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only');
    });
    afterAll(async () => {
      await q('ALTER TABLE audit_log ENABLE TRIGGER trg_audit_log_append_only').catch(() => undefined);
      await t?.drop();
    });

    it('verifies the chain that corrections and appends wrote', async () => {
      // 1 + 2 + 2 corrections (each bundle also puts back the line the previous one changed), one
      // bundle.import entry per file the first import wrote and one for each correcting import, and 3 appended
      const actions = (await q('SELECT action, count(*)::int AS n FROM audit_log a GROUP BY action ORDER BY action')) as { action: string; n: number }[];
      const files = fs.readdirSync(SAMPLE_BUNDLE).filter((f) => f.endsWith('.csv') && fs.readFileSync(`${SAMPLE_BUNDLE}/${f}`, 'utf8').trim().includes('\n')).length;
      // (the last also brought in a feedback record)
      expect(actions).toEqual([{ action: 'bundle.correct', n: 5 }, { action: 'bundle.import', n: files + 4 }, { action: 'test', n: 3 }]);
      expect(ids).toHaveLength(5 + files + 4 + 3);
      const [brought] = await q(`SELECT after FROM audit_log WHERE action = 'bundle.import' AND table_name = 'feedback' ORDER BY id DESC LIMIT 1`);
      expect(brought.after.keys).toContainEqual(expect.stringContaining(AWKWARD_KEY));
      // what is stored is what was hashed: the JSON round trip of what was appended
      const [z] = await q(`SELECT actor, record_key, before, after FROM audit_log WHERE action = 'test' ORDER BY id DESC LIMIT 1`);
      expect(z).toEqual({ actor: 'a"\u2028', record_key: 'z\\"\n', before: { n: 0, bad: null, list: [null, 1], o: { z: 1 } }, after: { keys: ['甲', 'b"c', '\u2029'], deep: { y: [{ b: 1, a: 2 }] } } });
      // dense ids: the entry number is the id
      expect(ids).toEqual(ids.map((_, i) => i + 1));
      expect(await verifyAuditChain(t.db.dataSource)).toMatchObject({ ok: true, entries: ids.length });
      const [first] = await q('SELECT prev_hash FROM audit_log ORDER BY id LIMIT 1');
      expect(first.prev_hash).toBe('0'.repeat(64));
      // the hash an outside auditor computes with the key: HMAC-SHA256 of the previous hash and the
      // entry's canonical JSON (the appender and the verifier share one writer of that text, so only an
      // independent computation shows it is still canonicalJson's)
      const { key } = auditPlace(t.db.dataSource);
      const rows = (await q(`SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action, table_name, record_key,
        before, after, prev_hash, hash FROM audit_log a ORDER BY a.id`)) as Record<string, string>[];
      let prev = GENESIS_HASH;
      for (const r of rows) {
        const content = canonicalJson({ id: r.id, at: r.at, actor: r.actor, action: r.action, tableName: r.table_name, recordKey: r.record_key, before: r.before, after: r.after });
        const hash = createHmac('sha256', key).update(prev + content).digest('hex');
        expect([r.id, r.prev_hash, r.hash]).toEqual([r.id, prev, hash]);
        prev = hash;
      }
    });

    it("lists the keys an import brought in the order of the file's lines", async () => {
      const [entry] = await q(`SELECT after FROM audit_log WHERE action = 'bundle.import' AND table_name = 'hazards' ORDER BY id LIMIT 1`);
      const inFile = csvRecords(path.join(SAMPLE_BUNDLE, 'hazards.csv')).slice(1).map((r) => r[0]);
      // the file is not in key order, so the list shows which order it took (write-bundle.ts: broughtKeys)
      expect([...inFile].sort()).not.toEqual(inFile);
      expect(entry.after.keys).toEqual(inFile);
    });

    it('names an edited entry', async () => {
      const [{ after }] = await q('SELECT after FROM audit_log WHERE id = $1', [ids[1]]);
      await q(`UPDATE audit_log SET after = '{"description": "伪造"}' WHERE id = $1`, [ids[1]]);
      expect(await verifyAuditChain(t.db.dataSource)).toEqual({ ok: false, firstBadId: ids[1], reason: expect.stringMatching(new RegExp(`^entry ${ids[1]} was changed after it was written: its content no longer matches its hash under the audit key`)) });
      await q('UPDATE audit_log SET after = $2::jsonb WHERE id = $1', [ids[1], JSON.stringify(after)]);
      expect(await verifyAuditChain(t.db.dataSource)).toMatchObject({ ok: true, entries: ids.length });
    });

    it('finds a removed entry at the one after it, and a removed first entry', async () => {
      for (const [gone, named] of [[ids[2], ids[3]], [ids[0], ids[1]]]) {
        const [row] = await q('SELECT * FROM audit_log WHERE id = $1', [gone]);
        await q('DELETE FROM audit_log WHERE id = $1', [gone]);
        const verdict = await verifyAuditChain(t.db.dataSource);
        expect(verdict).toMatchObject({ ok: false, firstBadId: named });
        expect(verdict.ok || verdict.reason).toMatch(/was removed, moved or changed/);
        await q(`INSERT INTO audit_log (id, at, actor, action, table_name, record_key, before, after, prev_hash, hash)
          VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
          [row.id, row.at, row.actor, row.action, row.table_name, row.record_key, JSON.stringify(row.before), JSON.stringify(row.after), row.prev_hash, row.hash]);
      }
      expect(await verifyAuditChain(t.db.dataSource)).toMatchObject({ ok: true, entries: ids.length });
    });

    it('finds two entries swapped', async () => {
      const swap = async () => {
        await q('UPDATE audit_log SET id = -1 WHERE id = $1', [ids[3]]);
        await q('UPDATE audit_log SET id = $1 WHERE id = $2', [ids[3], ids[4]]);
        await q('UPDATE audit_log SET id = $1 WHERE id = -1', [ids[4]]);
      };
      await swap();
      expect(await verifyAuditChain(t.db.dataSource)).toMatchObject({ ok: false, firstBadId: ids[3] });
      await swap();
      expect(await verifyAuditChain(t.db.dataSource)).toMatchObject({ ok: true, entries: ids.length });
    });
  });
}

it('hashes the same content the same whatever the order of its keys', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
});
