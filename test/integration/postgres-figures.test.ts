import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import { AnalyticsErrorCode } from '../../analytics/src/errors.js';
import {
  explainHeaviest, postgresFigures, postgresFiguresForMonth, preparePostgres, recomputeOnPostgres, type MonthFigures,
} from '../../analytics/src/postgres-figures.js';
import { generateBundle } from '../../seeds/generate/index.js';
import { freshDatabase, SAMPLE_MONTHS, type TestDatabase } from '../support/databases.js';
import { expectedFile, sixPlaces } from '../support/expected.js';
import { loadSample } from '../support/load-sample.js';
import { describeWith } from '../support/requires.js';

// The figures written as PostgreSQL SQL (analytics/postgres/, the bench's comparison) against the DuckDB engine and the
// spec's fixture. Compared as JSON text as well as deeply: same keys in the same order, same numbers.

async function duckFigures(engine: AnalyticsEngine, months: string[]): Promise<MonthFigures[]> {
  const out: MonthFigures[] = [];
  for (const month of months) {
    out.push({ month, dispatch: await engine.dispatch(month), scores: await engine.scores(month, DEFAULT_SCHEME) });
  }
  return out;
}

function expectSame(pg: MonthFigures[], duck: MonthFigures[]): void {
  expect(pg.map((f) => f.month)).toEqual(duck.map((f) => f.month));
  for (let k = 0; k < duck.length; k++) {
    expect(pg[k].dispatch).toEqual(duck[k].dispatch);
    expect(pg[k].scores).toEqual(duck[k].scores);
    expect(JSON.stringify(pg[k])).toBe(JSON.stringify(duck[k]));
  }
}

describeWith(['postgres'], 'figures on PostgreSQL: the sample ledger', () => {
  let t: TestDatabase;
  let engine: AnalyticsEngine;
  let duck: MonthFigures[];
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    await loadSample(t.db.dataSource);
    await preparePostgres(t.db.dataSource);
    engine = await AnalyticsEngine.create();
    await engine.loadFromLedger(t.db.dataSource);
    duck = await duckFigures(engine, SAMPLE_MONTHS);
  });
  afterAll(async () => {
    await engine?.close();
    await t?.drop();
  });

  it('gives the DuckDB engine\'s figures and the fixture\'s for every month, all months in one recompute', async () => {
    const { ms, figures } = await recomputeOnPostgres(t.db.dataSource, SAMPLE_MONTHS);
    expect(ms).toBeGreaterThan(0);
    expectSame(figures, duck);
    for (const f of figures) {
      expect(f.dispatch).toEqual(expectedFile('dispatch', f.month));
      expect(sixPlaces(f.scores)).toEqual(expectedFile('scores', f.month));
    }
  });

  it('gives the same figures one month at a time, and months asked out of order in the order asked', async () => {
    for (const [k, month] of SAMPLE_MONTHS.entries()) {
      expectSame([await postgresFiguresForMonth(t.db.dataSource, month)], [duck[k]]);
    }
    const some = ['2023-12', '2023-05', '2023-08'];
    expectSame(await postgresFigures(t.db.dataSource, some), some.map((m) => duck[SAMPLE_MONTHS.indexOf(m)]));
  });

  it('refuses a month outside the campaign as the engine does', async () => {
    await expect(postgresFigures(t.db.dataSource, ['2024-01'])).rejects.toMatchObject({ code: AnalyticsErrorCode.MONTH_OUTSIDE_CAMPAIGN });
  });

  it('explains the heaviest statement with EXPLAIN ANALYZE, parallel workers allowed', async () => {
    const plan = await explainHeaviest(t.db.dataSource, '2023-12');
    expect(plan).toMatch(/^-- analytics\/postgres\/(inspection-firsts|dispatch\/figures|scoring\/unit-counts)\.sql \(2023-12\)\n/);
    expect(plan).toMatch(/actual time=/);
    expect(plan).toMatch(/Buffers: shared/);
    expect(plan).toMatch(/Execution Time: /);
  });
});

describeWith(['postgres'], 'figures on PostgreSQL: a generated city ledger', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-pg-figures-'));
  let t: TestDatabase;
  let engine: AnalyticsEngine;
  const months = ['2023-06', '2023-09', '2023-12'];
  let before: MonthFigures[];
  beforeAll(async () => {
    await generateBundle({ scale: 'city', seed: 20231, outDir: dir });
    t = await freshDatabase('postgres');
    await loadSample(t.db.dataSource, dir);
    await preparePostgres(t.db.dataSource);
    engine = await AnalyticsEngine.create();
  });
  afterAll(async () => {
    await engine?.close();
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the DuckDB engine\'s figures for months with gaps between them', async () => {
    await engine.loadFromLedger(t.db.dataSource);
    const duck = await duckFigures(engine, months);
    const { figures } = await recomputeOnPostgres(t.db.dataSource, months);
    expectSame(figures, duck);
    before = figures;
    // a ledger that exercises the rules: every count of the scores is non-zero for some unit
    const parts = figures[2].scores.units.map((u) => u.parts);
    for (const k of ['found', 'rectified', 'overdue', 'checked', 'flagged', 'enforced', 'penalised', 'enforced_rectified',
      'cases', 'late', 'missed_feedback'] as const) {
      expect([k, parts.some((p) => p[k] > 0)]).toEqual([k, true]);
    }
  });

  it('gives the engine\'s scores under another scheme: odd weights, an empty ratio of ½, a low cap', async () => {
    const scheme = {
      ...DEFAULT_SCHEME,
      I1: { rectified: 14.1237, onTime: 9.3 }, I3: { penalised: 7.77, enforcedRectified: 12.0001, cases: 5.5 },
      leaderRule: { main: 2, member: 3 }, deductions: { late: 1.25, missedFeedback: 0.3333, missedHazard: 2.5, cap: 3.5 },
      missedLookbackDays: 200, emptyRatio: 0.5,
    };
    for (const month of ['2023-07', '2023-11']) {
      const duck = await engine.scores(month, scheme, 'v-test');
      const [pg] = await postgresFigures(t.db.dataSource, [month], scheme, 'v-test');
      expect(JSON.stringify(pg.scores)).toBe(JSON.stringify(duck));
      // the scheme is applied, not the default one
      expect(JSON.stringify(pg.scores.units)).not.toBe(JSON.stringify((await engine.scores(month, DEFAULT_SCHEME)).units));
    }
  });

  it('counts a corrected inspection\'s latest record in place of the original, as the engine does', async () => {
    // correct every inspection of 泽州县 (140525) to a year earlier, outside every window and lookback:
    // were the originals counted in place of the corrections, its B1 and checks would not drop to 0
    const ds = t.db.dataSource;
    const corrected: { n: string }[] = await ds.query(`
      WITH targets AS (
        SELECT i.* FROM inspections i
        WHERE i.unit_code = '140525'
          AND NOT EXISTS (SELECT 1 FROM inspections c WHERE c.corrects_inspection_id = i.inspection_id)
      ), ins AS (
        INSERT INTO inspections (inspection_id, unit_code, enterprise_credit_code, inspected_on, signed_by,
                                 major_hazards_found, corrects_inspection_id)
        SELECT inspection_id || '-C', unit_code, enterprise_credit_code,
               inspected_on - 365, signed_by, major_hazards_found, inspection_id
        FROM targets
        RETURNING 1
      )
      SELECT count(*)::text AS n FROM ins`);
    expect(Number(corrected[0].n)).toBeGreaterThan(0);
    await engine.loadFromLedger(ds);
    const duck = await duckFigures(engine, months);
    const { figures } = await recomputeOnPostgres(ds, months);
    expectSame(figures, duck);
    // the corrections changed what is counted: not a vacuous comparison
    const unit = (f: MonthFigures[]) => ({
      B1: f[2].dispatch.units.find((u) => u.unit === '140525')!.B1,
      checked: f[2].scores.units.find((u) => u.unit === '140525')!.parts.checked,
    });
    expect(unit(before).B1).toBeGreaterThan(0);
    expect(unit(before).checked).toBeGreaterThan(0);
    expect(unit(figures)).toEqual({ B1: 0, checked: 0 });
  });
});
