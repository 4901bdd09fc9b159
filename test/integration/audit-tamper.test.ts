import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { verifyAuditChain } from '../../api/src/audit/audit-chain.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { post } from '../support/ledger-api.js';
import type { Engine } from '../support/databases.js';

// The audit trail cannot be changed in place: a plain UPDATE or DELETE is refused by the trigger. A
// superuser who disables the trigger and changes, deletes or reorders an entry is still caught: the hash
// chain breaks at that entry, and `audit verify` (the library and the CLI) names it.

const TRIGGER = 'trg_audit_log_append_only';
const COLUMNS = 'at, actor, action, table_name, record_key, before, after, prev_hash, hash';

async function asSuperuser(ds: DataSource, sql: string): Promise<void> {
  await ds.query(`ALTER TABLE audit_log DISABLE TRIGGER ${TRIGGER}`);
  try {
    await ds.query(sql);
  } finally {
    await ds.query(`ALTER TABLE audit_log ENABLE TRIGGER ${TRIGGER}`);
  }
}

let built = false;
/** `npm run cli -- audit verify` against DATABASE_URL, from the built CLI. */
function cliVerify(url: string): { status: number | null; out: string } {
  if (!built) {
    const b = spawnSync('npm', ['run', '--silent', 'build:server'], { encoding: 'utf8', timeout: 300_000 });
    if (b.status !== 0) throw new Error(`build:server failed: ${b.stderr}`);
    built = true;
  }
  const r = spawnSync(process.execPath, ['dist/api/src/cli/main.js', 'audit', 'verify'], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DATABASE_URL: url } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

for (const engine of ['embedded', 'postgres'] as Engine[]) {
  describeWith(engine === 'postgres' ? ['postgres'] : [], `audit trail tampering (${engine})`, () => {
    let s: TestServer;
    let ids: number[];
    const ds = () => s.t.db.dataSource;

    beforeAll(async () => {
      s = await startTestServer({ engine });
      const admin = await s.login('admin', s.adminPassword);
      for (let i = 1; i <= 6; i++) {
        const r = await post(admin, '/api/submissions', { unitCode: '140502', kind: 'monthly_report', period: `2024-0${i}`, submittedOn: `2024-0${i}-20` });
        expect(r.status).toBe(201);
      }
      ids = (await ds().query(`SELECT id::int AS id FROM audit_log ORDER BY id`)).map((r: { id: number }) => r.id);
      expect(ids.length).toBeGreaterThanOrEqual(6);
      await ds().query(`CREATE TABLE audit_backup AS SELECT * FROM audit_log`);
    });
    afterAll(async () => { await s?.close(); });

    /** Puts the trail back as it was, and checks that it verifies again. */
    async function restore(): Promise<void> {
      await asSuperuser(ds(), `DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM audit_backup`);
      expect(await verifyAuditChain(ds())).toMatchObject({ ok: true, entries: ids.length });
    }

    const middle = () => ids[Math.floor(ids.length / 2)];

    it('verifies the untouched trail', async () => {
      expect(await verifyAuditChain(ds())).toMatchObject({ ok: true, entries: ids.length });
      if (engine === 'postgres') expect(cliVerify(s.t.url!)).toEqual({ status: 0, out: expect.stringMatching(new RegExp(`^audit trail intact: ${ids.length} entries \\(head ${ids[ids.length - 1]} `)) });
    });

    it('refuses a plain UPDATE or DELETE of an entry', async () => {
      const [was] = await ds().query(`SELECT actor FROM audit_log WHERE id = $1`, [middle()]);
      await expect(ds().query(`UPDATE audit_log SET actor = 'mallory' WHERE id = $1`, [middle()])).rejects.toThrow(/append-only/);
      await expect(ds().query(`DELETE FROM audit_log WHERE id = $1`, [middle()])).rejects.toThrow(/append-only/);
      const [row] = await ds().query(`SELECT actor FROM audit_log WHERE id = $1`, [middle()]);
      expect(row.actor).toBe(was.actor);
      expect(row.actor).not.toBe('mallory');
    });

    it('names a changed entry', async () => {
      const id = middle();
      await asSuperuser(ds(), `UPDATE audit_log SET after = jsonb_set(after, '{submittedOn}', '"2024-01-01"') WHERE id = ${id}`);
      expect(await verifyAuditChain(ds())).toEqual({ ok: false, firstBadId: id, reason: expect.stringMatching(/changed/) });
      if (engine === 'postgres') {
        const cli = cliVerify(s.t.url!);
        expect(cli.status).toBe(1);
        expect(cli.out).toMatch(new RegExp(`broken at entry ${id}\\b`));
      }
      await restore();
    });

    it('names the entry after a deleted one, and the gap', async () => {
      const id = middle();
      const next = ids[ids.indexOf(id) + 1];
      await asSuperuser(ds(), `DELETE FROM audit_log WHERE id = ${id}`);
      const v = await verifyAuditChain(ds());
      expect(v).toEqual({ ok: false, firstBadId: next, reason: expect.stringContaining(`does not follow entry ${ids[ids.indexOf(id) - 1]}`) });
      if (engine === 'postgres') {
        const cli = cliVerify(s.t.url!);
        expect([cli.status, cli.out]).toEqual([1, expect.stringMatching(new RegExp(`broken at entry ${next}\\b.*removed`))]);
      }
      await restore();
    });

    it('names the first of two swapped entries', async () => {
      const a = ids[1];
      const b = ids[ids.length - 2];
      await asSuperuser(ds(), `UPDATE audit_log x SET (${COLUMNS}) = (SELECT ${COLUMNS} FROM audit_log y WHERE y.id = CASE x.id WHEN ${a} THEN ${b} ELSE ${a} END)
        WHERE x.id IN (${a}, ${b})`);
      const [moved] = await ds().query(`SELECT (SELECT hash FROM audit_backup WHERE id = ${b}) = hash AS swapped FROM audit_log WHERE id = ${a}`);
      expect(moved.swapped).toBe(true);
      expect(await verifyAuditChain(ds())).toEqual({ ok: false, firstBadId: a, reason: expect.any(String) });
      if (engine === 'postgres') {
        const cli = cliVerify(s.t.url!);
        expect([cli.status, cli.out]).toEqual([1, expect.stringMatching(new RegExp(`broken at entry ${a}\\b`))]);
      }
      await restore();
    });
  });
}
