import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { freshDatabase, type Engine, type TestDatabase } from '../support/databases.js';
import { appendAudit, verifyAuditChain, type AuditEntry } from '../../api/src/audit/audit-chain.js';

// A trail of 100,000 entries (the old verify sorted ids as text and broke every trail of 10 or more at
// entry 10): verified in id order, page by page, on both engines, and its newest entries' loss named.
const ENTRIES = 100_000;
const BATCH = 5000;

for (const engine of ['embedded', 'postgres'] as Engine[]) {
  describeWith(engine === 'postgres' ? ['postgres'] : [], `a long audit trail on ${engine}`, () => {
    let t: TestDatabase;
    const q = (sql: string) => t.db.dataSource.query(sql);
    beforeAll(async () => {
      t = await freshDatabase(engine);
      const started = Date.now();
      for (let i = 0; i < ENTRIES; i += BATCH) {
        const batch: AuditEntry[] = Array.from({ length: BATCH }, (_, j) => ({
          actor: `user${(i + j) % 17}`, action: 'test.bulk', tableName: 'hazards', recordKey: `H-${i + j}`, before: j % 3 ? null : { n: i + j }, after: { n: i + j + 1, note: '批量' },
        }));
        await t.db.dataSource.transaction((m) => appendAudit(m, batch));
      }
      console.log(`${engine}: ${ENTRIES} entries appended in ${Date.now() - started} ms`);
    }, 1_200_000);
    afterAll(async () => { await t?.drop(); });

    it('verifies all of them, fast', async () => {
      const started = Date.now();
      const v = await verifyAuditChain(t.db.dataSource);
      const ms = Date.now() - started;
      console.log(`${engine}: verify of ${ENTRIES} entries took ${ms} ms`);
      expect(v).toMatchObject({ ok: true, entries: ENTRIES, head: { entries: ENTRIES, headId: String(ENTRIES) }, checkpoints: 1 });
      expect(ms).toBeLessThan(engine === 'postgres' ? 30_000 : 90_000);
    }, 600_000);

    it('names the newest 3 entries when they are deleted behind the trigger', async () => {
      await t.db.dataSource.transaction(async (m) => {
        await m.query('SET LOCAL session_replication_role = replica');
        await m.query(`DELETE FROM audit_log WHERE id > ${ENTRIES - 3}`);
      });
      const v = await verifyAuditChain(t.db.dataSource);
      expect(v).toEqual({ ok: false, firstBadId: ENTRIES - 2, reason: expect.stringMatching(/^entries 99,998 … 100,000 are missing since checkpoint of \S+Z \(100,000 entries, head 100000 [0-9a-f]{16}…, in audit_checkpoints\); the trail ends at entry 99,997 with 99,997 entries$/) });
      expect((await q('SELECT count(*)::int AS n FROM audit_log'))[0].n).toBe(ENTRIES - 3);
    }, 600_000);
  });
}
