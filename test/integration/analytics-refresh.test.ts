import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { pruneLedgerChanges } from '../../api/src/database/ledger-changes.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import { freshDatabase, type Engine, type TestDatabase } from '../support/databases.js';
import { COPY_ASSIGNED, COPY_HAZARD, COPY_MONTHS, copyFigures, wholeCopyFigures } from '../support/copy-figures.js';
import { loadSample } from '../support/load-sample.js';
import { describeWith } from '../support/requires.js';

// Incremental refresh: after a change the copy replaces only the changed rows, and its figures
// equal those of a copy loaded whole from the same ledger.
const MONTHS = COPY_MONTHS;
const HAZARD = COPY_HAZARD;
const ASSIGNED = COPY_ASSIGNED;
const figures = copyFigures;

function suite(engineKind: Engine) {
  let t: TestDatabase;
  let engine: AnalyticsEngine;
  beforeAll(async () => {
    t = await freshDatabase(engineKind);
    await loadSample(t.db.dataSource);
    engine = await AnalyticsEngine.create();
    await engine.loadFromLedger(t.db.dataSource);
  });
  afterAll(async () => {
    await engine?.close();
    await t?.drop();
  });

  it('is not stale until the ledger changes', async () => {
    expect(await engine.stale(t.db.dataSource)).toBe(false);
    const r = await engine.refresh(t.db.dataSource);
    expect(r.replaced).toEqual({});
    expect(r.reloaded).toEqual([]);
  });

  it('replaces only the changed rows (update, insert, delete) and then equals a whole copy', async () => {
    const ds = t.db.dataSource;
    const before = await figures(engine);
    await ds.query(`UPDATE hazards SET rectified_on = '2023-07-01' WHERE ledger_no = $1`, [HAZARD]);
    await ds.query(`INSERT INTO feedback (hazard_ledger_no, feedback_on, document_no, progress) VALUES ($1, '2023-06-02', '泽环反馈〔2023〕1号', '整改中')`, [ASSIGNED]);
    expect(await engine.stale(ds)).toBe(true);
    const r = await engine.refresh(ds);
    expect(r.reloaded).toEqual([]);
    expect(r.replaced).toEqual({ hazards: 1, feedback: 1 });
    const after = await figures(engine);
    expect(after).not.toEqual(before); // the change moved 泽州县's figures
    expect(after).toEqual(await wholeCopyFigures(t));
    expect(await engine.stale(ds)).toBe(false);

    await ds.query(`DELETE FROM feedback WHERE document_no = '泽环反馈〔2023〕1号'`);
    const r2 = await engine.refresh(ds);
    expect(r2.replaced).toEqual({ feedback: 0 });
    expect(await figures(engine)).toEqual(await wholeCopyFigures(t));
  });

  it('reloads the changed tables whole when the changes it needs were pruned', async () => {
    const ds = t.db.dataSource;
    await ds.query(`UPDATE hazards SET rectified_on = NULL WHERE ledger_no = $1`, [HAZARD]);
    expect(await pruneLedgerChanges(ds, '0 seconds')).toBeGreaterThan(0);
    expect((await ds.query(`SELECT count(*)::int AS n FROM ledger_changes`))[0].n).toBe(0);
    const r = await engine.refresh(ds);
    expect(r.reloaded.length).toBe(14); // every ledger table, campaign_phases included
    expect(await figures(engine)).toEqual(await wholeCopyFigures(t));
  });
}

describe('analytics refresh (embedded)', () => suite('embedded'));

describeWith(['postgres'], 'analytics refresh (PostgreSQL)', () => {
  suite('postgres');

  // A transaction that began before the copy's snapshot and committed after it is still applied:
  // commit order decides, not the order transaction ids were handed out.
  it('applies a change that committed after a later transaction', async () => {
    const t = await freshDatabase('postgres');
    const engine = await AnalyticsEngine.create();
    const early = new pg.Client({ connectionString: t.url });
    try {
      await loadSample(t.db.dataSource);
      await early.connect();
      await early.query('BEGIN');
      await early.query(`UPDATE hazards SET rectified_on = '2023-07-01' WHERE ledger_no = $1`, [HAZARD]); // older xid, not committed
      await t.db.dataSource.query(`INSERT INTO feedback (hazard_ledger_no, feedback_on, document_no, progress) VALUES ($1, '2023-06-02', 'late-commit', '整改中')`, [ASSIGNED]);
      await engine.loadFromLedger(t.db.dataSource); // sees the feedback, not the update
      await early.query('COMMIT');
      expect(await engine.stale(t.db.dataSource)).toBe(true);
      const r = await engine.refresh(t.db.dataSource);
      expect(r.replaced.hazards).toBe(1);
      expect(await figures(engine)).toEqual(await wholeCopyFigures(t));
    } finally {
      await early.end();
      await engine.close();
      await t.drop();
    }
  });
});
