import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import { postgresFigures, preparePostgres, type MonthFigures } from '../../analytics/src/postgres-figures.js';
import { freshDatabase, SAMPLE_BUNDLE, SAMPLE_MONTHS, type TestDatabase } from '../support/databases.js';
import { expectedFile, sixPlaces } from '../support/expected.js';
import { describeWith } from '../support/requires.js';

// Two campaigns in one ledger (domain.md section 4): every month is computed with the window, months and
// due dates of the campaign that assesses it, by the DuckDB engine and by the PostgreSQL SQL alike.
const SAMPLE_2024 = path.resolve('test/fixtures/jincheng-2024-sample');
const MONTHS_2024 = ['2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12'];
const expected2024 = (kind: string, month: string): unknown => JSON.parse(fs.readFileSync(path.join(SAMPLE_2024, 'expected', `${kind}-${month}.json`), 'utf8'));

describeWith(['postgres'], 'figures of two campaigns in one ledger', () => {
  let t: TestDatabase;
  let engine: AnalyticsEngine;
  const duck = (months: string[]) => engine.figures(months, DEFAULT_SCHEME);
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
    await importBundle(t.db.dataSource, path.join(SAMPLE_2024, 'bundle'), { actor: 'test' });
    await preparePostgres(t.db.dataSource);
    engine = await AnalyticsEngine.create();
    await engine.loadFromLedger(t.db.dataSource);
  }, 180_000);
  afterAll(async () => {
    await engine?.close();
    await t?.drop();
  });

  it('gives each campaign\'s months their fixture\'s figures, on DuckDB and on PostgreSQL', async () => {
    const months = [...SAMPLE_MONTHS, ...MONTHS_2024];
    const [d, p] = [await duck(months), await postgresFigures(t.db.dataSource, months)];
    expect(JSON.stringify(p)).toBe(JSON.stringify(d));
    for (const f of d) {
      const want = (kind: 'dispatch' | 'scores') => (f.month < '2024' ? expectedFile(kind, f.month) : expected2024(kind, f.month));
      expect(f.dispatch).toEqual(want('dispatch'));
      expect(sixPlaces(f.scores)).toEqual(want('scores'));
    }
  }, 180_000);

  it('owes no stage report nor summary when the campaign has none, on both engines', async () => {
    const late = (fs: MonthFigures[]) => fs.map((f) => f.scores.units.map((u) => u.parts.late).reduce((a, b) => a + b, 0));
    const before = late(await duck(['2024-12']));
    // the due dates are the campaign's own: moving them moves the figures of that campaign only
    await t.db.dataSource.query(`UPDATE campaigns SET stage_report_due = NULL, summary_due = NULL WHERE code = 'jincheng-2024'`);
    try {
      await engine.loadFromLedger(t.db.dataSource);
      const [d, p] = [await duck(['2024-12', '2023-12']), await postgresFigures(t.db.dataSource, ['2024-12', '2023-12'])];
      expect(JSON.stringify(p)).toBe(JSON.stringify(d));
      const units = d[0].scores.units.length;
      // every county-level unit owed two one-off reports by December; none are owed now
      expect(late([d[0]])[0]).toBeLessThan(before[0]);
      expect(before[0] - late([d[0]])[0]).toBeLessThanOrEqual(2 * units);
      expect(sixPlaces(d[1].scores)).toEqual(expectedFile('scores', '2023-12'));
    } finally {
      await t.db.dataSource.query(`UPDATE campaigns SET stage_report_due = '2024-08-07', summary_due = '2024-12-07' WHERE code = 'jincheng-2024'`);
    }
  }, 180_000);
});
