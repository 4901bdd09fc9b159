import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { freshDatabase, type Engine, type TestDatabase } from '../support/databases.js';

for (const engine of ['embedded', 'postgres'] as Engine[]) {
  describeWith(engine === 'postgres' ? ['postgres'] : [], `migrations on ${engine}`, () => {
    let t: TestDatabase;
    beforeAll(async () => { t = await freshDatabase(engine); });
    afterAll(async () => { await t?.drop(); });

    it('creates the ledger with its rules in the database', async () => {
      const q = t.db.dataSource;
      await q.query(`INSERT INTO units VALUES ('140500','晋城市','city',NULL), ('140525','泽州县','county','140500')`);
      await expect(q.query(`INSERT INTO units VALUES ('X','x','town',NULL)`)).rejects.toThrow(/chk_units_level/);
      await q.query(`INSERT INTO enterprises VALUES ('91140502L12TH3BJ3R','e','140525','steel','general',false,NULL,NULL)`);
      await expect(q.query(`INSERT INTO hazards (ledger_no, enterprise_credit_code, unit_code, source, found_on, rectified_on)
        VALUES ('H1','91140502L12TH3BJ3R','140525','self_check','2023-06-01','2023-05-01')`)).rejects.toThrow(/chk_hazards_rectified/);
    });

    it('refuses to change, delete or truncate an audit entry or checkpoint', async () => {
      const q = t.db.dataSource;
      await q.query(`INSERT INTO audit_log (actor, action, table_name, record_key, prev_hash, hash) VALUES ('a','b','c','d','e','f')`);
      await expect(q.query(`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow(/append-only/);
      await expect(q.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      // a TRUNCATE fires no row trigger: a statement trigger refuses it, on the checkpoints too
      await expect(q.query(`TRUNCATE audit_log`)).rejects.toThrow(/audit_log is append-only: TRUNCATE refused/);
      await q.query(`INSERT INTO audit_checkpoints (created_at, entry_count, head_id, head_hash, reason, signature) VALUES (now(), 1, 1, 'f', 'test', 's')`);
      await expect(q.query(`TRUNCATE audit_checkpoints`)).rejects.toThrow(/audit_checkpoints is append-only: TRUNCATE refused/);
      await expect(q.query(`DELETE FROM audit_checkpoints`)).rejects.toThrow(/append-only/);
    });
  });
}
