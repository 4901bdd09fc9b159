import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { post, type Client } from '../support/ledger-api.js';
import { copySampleWith } from '../support/sample-copy.js';
import { cli } from '../support/cli.js';
import { SAMPLE_BUNDLE, type Engine } from '../support/databases.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { canonicalJson, GENESIS_HASH, verifyAuditChain, type AuditVerdict } from '../../api/src/audit/audit-chain.js';
import { attachAuditPlace, CHECKPOINT_FILE } from '../../api/src/audit/audit-key.js';
import { auditEntriesOf } from '../../api/src/audit/audit-show.js';

// The audit trail against tampering: the sample imported, a corrected copy with 30 changed records imported, 50 API
// writes: the trail verifies. Then each tampering, done on a copy of that state by a superuser who
// switches the triggers off, is found and named: a row changed, a middle row deleted, two rows swapped,
// the newest 3 rows deleted, the table truncated (with and without its checkpoints), and the whole
// chain rewritten with hashes recomputed under a key that is not the trail's.

const CORRECTED = 30;
const WRITES = 50;
const n = (v: number) => v.toLocaleString('en-US');
const lines = (s: string) => s.split('\n').filter(Boolean);

for (const engine of ['postgres', 'embedded'] as Engine[]) {
  describeWith(engine === 'postgres' ? ['postgres'] : [], `an anchored audit trail on ${engine}`, () => {
    let s: TestServer;
    let admin: Client;
    let dataDir: string;
    let head: number;
    let firstWrite: number;
    let savedMirror: string;
    const ds = () => s.t.db.dataSource;
    const mirror = () => path.join(dataDir, CHECKPOINT_FILE);
    /** a superuser's statement with the triggers off (session_replication_role = replica), in one transaction */
    const behindTriggers = (sql: string, params?: unknown[]) => ds().transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await m.query(sql, params);
    });
    /** `audit verify` through the compiled CLI (PostgreSQL: the embedded folder is held by the test server) */
    const cliVerify = () => cli(['audit', 'verify'], { DATABASE_URL: s.t.url, DATA_DIR: dataDir });

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-audit-anchored-'));
      s = await startTestServer({ engine });
      // the DATA_DIR of this database: key (AUDIT_KEY of the test run) and checkpoint mirror
      attachAuditPlace(ds(), dataDir);
      admin = await s.login('admin', s.adminPassword);
      // the first 30 hazards of the sample get a corrected description
      const chosen = new Set(lines(fs.readFileSync(path.join(SAMPLE_BUNDLE, 'hazards.csv'), 'utf8')).slice(1, CORRECTED + 1).map((l) => l.split(',')[0]));
      const corrected = copySampleWith('hazards.csv', (r) => (chosen.has(r.ledger_no) ? { ...r, description: `${r.description}（更正）` } : r));
      const before = Number((await ds().query('SELECT count(*) AS n FROM audit_log'))[0].n);
      const r = await importBundle(ds(), corrected, { actor: 'clerk' });
      fs.rmSync(corrected, { recursive: true, force: true });
      expect(r.files['hazards.csv']).toMatchObject({ updated: CORRECTED, inserted: 0 });
      // 30 corrections and the import's entry for hazards.csv (its units.csv wrote nothing)
      expect(Number((await ds().query('SELECT count(*) AS n FROM audit_log'))[0].n)).toBe(before + CORRECTED + 1);
      firstWrite = before + CORRECTED + 2;
      for (let i = 1; i <= WRITES; i++) {
        const w = await post(admin, '/api/leaders', { unitCode: '140522', name: `审计成员${i}`, role: 'member' });
        expect(w.status).toBe(201);
      }
      head = firstWrite + WRITES - 1;
      await ds().query('CREATE TABLE saved_log AS SELECT * FROM audit_log; CREATE TABLE saved_checkpoints AS SELECT * FROM audit_checkpoints');
      savedMirror = fs.readFileSync(mirror(), 'utf8');
    }, 600_000);
    afterAll(async () => {
      await s?.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** Puts the saved state back (a fresh copy for the next case) and checks it verifies again. */
    async function restore(): Promise<void> {
      await behindTriggers(`DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM saved_log;
        DELETE FROM audit_checkpoints; INSERT INTO audit_checkpoints SELECT * FROM saved_checkpoints`);
      fs.writeFileSync(mirror(), savedMirror);
      expect(await verifyAuditChain(ds())).toMatchObject({ ok: true, entries: head });
    }

    /** The verdict of the library, and of the CLI (on PostgreSQL): exit 1 with the same words. */
    async function expectBroken(firstBadId: number, reason: RegExp): Promise<void> {
      const v: AuditVerdict = await verifyAuditChain(ds());
      expect(v).toEqual({ ok: false, firstBadId, reason: expect.stringMatching(reason) });
      if (engine === 'postgres' && !v.ok) {
        const r = cliVerify();
        expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 1, stdout: `audit trail broken at entry ${firstBadId}: ${v.reason}\n` });
      }
    }

    it('verifies the trail of the imports and the API writes, dense from entry 1 to the head', async () => {
      const v = await verifyAuditChain(ds());
      expect(v).toMatchObject({ ok: true, entries: head, head: { headId: String(head) } });
      const [{ max }] = await ds().query('SELECT max(id)::int AS max FROM audit_log');
      expect(max).toBe(head);
      expect(lines(savedMirror).length).toBeGreaterThanOrEqual(WRITES);
      if (engine === 'postgres') {
        const r = cliVerify();
        expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
        expect(r.stdout).toMatch(new RegExp(`^audit trail intact: ${head} entries \\(head ${head} [0-9a-f]{64}; \\d+ signed checkpoints agree\\)\\n$`));
      }
    });

    it('prints a signed head for the operator to keep, and verifies against it', async () => {
      if (engine !== 'postgres') return; // the CLI needs the database the test server holds open in embedded mode
      const env = { DATABASE_URL: s.t.url, DATA_DIR: dataDir };
      const r = cli(['audit', 'checkpoint'], env);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      const [{ hash }] = await ds().query('SELECT hash FROM audit_log WHERE id = $1', [head]);
      expect(r.stdout).toContain(`audit head: ${head} entries, head id ${head}, hash ${hash}\n`);
      expect(r.stdout).toMatch(/\nsignature: [0-9a-f]{64}\n/);
      const kept = /keep elsewhere .*: (\d+:[0-9a-f]{64})\n/.exec(r.stdout)![1];
      expect(kept).toBe(`${head}:${hash}`);
      const [cp] = await ds().query(`SELECT entry_count::int AS n, head_hash, reason FROM audit_checkpoints c ORDER BY c.id DESC LIMIT 1`);
      expect(cp).toEqual({ n: head, head_hash: hash, reason: 'operator' });
      expect(JSON.parse(lines(fs.readFileSync(mirror(), 'utf8')).at(-1)!)).toMatchObject({ entries: head, headHash: hash, reason: 'operator' });
      expect(cli(['audit', 'verify', '--against', kept], env).status).toBe(0);
      const forged = cli(['audit', 'verify', '--against', `${head}:${'0'.repeat(64)}`], env);
      expect([forged.status, forged.stdout]).toEqual([1, expect.stringContaining(`broken at entry ${head}: entry ${head} (entry number ${n(head)}) has hash ${hash}, not the kept head`)]);
      await restore();
    });

    it('names the import that brought a record in, and the one that corrected it', async () => {
      const shown = await auditEntriesOf(ds(), 'JC-140502-2023-0001');
      expect(shown.map((e) => [e.action, e.actor, e.tableName])).toEqual([['bundle.import', 'test', 'hazards'], ['bundle.correct', 'clerk', 'hazards']]);
      const sampleRows = lines(fs.readFileSync(path.join(SAMPLE_BUNDLE, 'hazards.csv'), 'utf8')).length - 1;
      expect(shown[0].after).toMatchObject({ file: 'hazards.csv', rows: sampleRows, new: sampleRows, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      if (engine === 'postgres') {
        const r = cli(['audit', 'show', 'JC-140502-2023-0001'], { DATABASE_URL: s.t.url, DATA_DIR: dataDir });
        expect(r.status).toBe(0);
        expect(lines(r.stdout)).toEqual([
          expect.stringMatching(new RegExp(`^#${shown[0].id} \\S+ test bundle\\.import: brought JC-140502-2023-0001 into hazards from hazards\\.csv \\(import of ${sampleRows} rows, sha256 of the rows [0-9a-f]{64}\\)$`)),
          expect.stringMatching(new RegExp(`^#${shown[1].id} \\S+ clerk bundle\\.correct hazards JC-140502-2023-0001: before \\{"description":"隐患1"\\} after \\{"description":"隐患1（更正）"\\}$`)),
        ]);
      }
    });

    it('refuses TRUNCATE, UPDATE and DELETE while the triggers are on', async () => {
      for (const sql of ['TRUNCATE audit_log', 'TRUNCATE audit_checkpoints', 'DELETE FROM audit_log WHERE id = 1', 'UPDATE audit_checkpoints SET entry_count = 0']) {
        await expect(ds().query(sql)).rejects.toThrow(/append-only/);
      }
      expect(await verifyAuditChain(ds())).toMatchObject({ ok: true, entries: head });
    });

    it('names one changed row', async () => {
      const id = firstWrite + 20;
      await behindTriggers(`UPDATE audit_log SET after = jsonb_set(after, '{role}', '"main"') WHERE id = $1`, [id]);
      await expectBroken(id, new RegExp(`^entry ${id} was changed after it was written`));
      await restore();
    });

    it('names one deleted middle row', async () => {
      const id = firstWrite + 20;
      await behindTriggers('DELETE FROM audit_log WHERE id = $1', [id]);
      await expectBroken(id + 1, new RegExp(`^entry ${id + 1} does not follow entry ${id - 1}: an entry before it was removed`));
      await restore();
    });

    it('names two swapped rows', async () => {
      const a = firstWrite + 10;
      const b = firstWrite + 30;
      const cols = 'at, actor, action, table_name, record_key, before, after, prev_hash, hash';
      await behindTriggers(`UPDATE audit_log x SET (${cols}) = (SELECT ${cols} FROM saved_log y WHERE y.id = CASE x.id WHEN ${a} THEN ${b} ELSE ${a} END) WHERE x.id IN (${a}, ${b})`);
      await expectBroken(a, new RegExp(`^entry ${a} `));
      await restore();
    });

    it('names the last 3 rows deleted', async () => {
      await behindTriggers('DELETE FROM audit_log WHERE id > $1', [head - 3]);
      await expectBroken(head - 2, new RegExp(`^entries ${n(head - 2)} … ${n(head)} are missing since checkpoint of \\S+Z \\(${n(head)} entries, head ${head} [0-9a-f]{16}…, in audit_checkpoints\\); the trail ends at entry ${n(head - 3)} with ${n(head - 3)} entries$`));
      await restore();
    });

    it('names a TRUNCATE of the trail, and of the trail with its checkpoints (by the mirror file)', async () => {
      await behindTriggers('TRUNCATE audit_log');
      await expectBroken(1, new RegExp(`^entries 1 … ${n(head)} are missing since checkpoint of \\S+Z \\(${n(head)} entries, head ${head} [0-9a-f]{16}…, in audit_checkpoints\\); the trail ends at nothing \\(it is empty\\) with 0 entries$`));
      await behindTriggers('TRUNCATE audit_log, audit_checkpoints');
      await expectBroken(1, new RegExp(`^entries 1 … ${n(head)} are missing since checkpoint of \\S+Z \\(${n(head)} entries, head ${head} [0-9a-f]{16}…, in audit-checkpoints\\.jsonl\\)`));
      await restore();
    });

    it('names a chain rewritten with hashes recomputed under another key', async () => {
      const wrongKey = Buffer.from('not-the-audit-key-but-32-bytes-long!!');
      const rows = (await ds().query(`SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action, table_name, record_key, before, after
        FROM audit_log a ORDER BY a.id`)) as { id: string; at: string; actor: string; action: string; table_name: string; record_key: string; before: unknown; after: unknown }[];
      let prev = GENESIS_HASH;
      const rewritten = rows.map((r) => {
        // the forger's change: the 21st write done by someone else
        const actor = r.id === String(firstWrite + 20) ? 'mallory' : r.actor;
        const content = canonicalJson({ id: r.id, at: r.at, actor, action: r.action, tableName: r.table_name, recordKey: r.record_key, before: r.before, after: r.after });
        const hash = createHmac('sha256', wrongKey).update(prev + content).digest('hex');
        const row = { id: r.id, actor, prev_hash: prev, hash };
        prev = hash;
        return row;
      });
      await behindTriggers(`UPDATE audit_log a SET actor = v.actor, prev_hash = v.prev_hash, hash = v.hash FROM jsonb_to_recordset($1::jsonb) AS v(id bigint, actor text, prev_hash text, hash text) WHERE a.id = v.id`,
        [JSON.stringify(rewritten)]);
      await expectBroken(1, /^entry 1 was changed after it was written: its content no longer matches its hash under the audit key \(AUDIT_KEY, key [0-9a-f]{12}\); a chain rewritten without the key, or checked with another key, fails here too$/);
      await restore();
    });
  });
}
