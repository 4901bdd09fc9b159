import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import { freshDatabase, SAMPLE_EXPECTED, SAMPLE_MONTHS, type TestDatabase } from '../support/databases.js';
import { loadSample } from '../support/load-sample.js';
import { describeWith } from '../support/requires.js';

// The analytics copy loaded from a real PostgreSQL server (the unit tests use embedded PGlite): its
// driver returns dates, numeric, int8 and arrays in its own ways, and its session may run in another
// time zone. The figures must not change.
describeWith(['postgres'], 'analytics on PostgreSQL', () => {
  let t: TestDatabase;
  let engine: AnalyticsEngine;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    await loadSample(t.db.dataSource);
    // a session far from Asia/Shanghai: a date converted through a timestamp would shift a day
    await t.db.dataSource.query(`ALTER DATABASE ${new URL(t.url!).pathname.slice(1)} SET timezone TO 'America/Los_Angeles'`);
    await t.db.dataSource.destroy(); // new connections, which take the database's time zone
    await t.db.dataSource.initialize();
    engine = await AnalyticsEngine.create();
  });
  afterAll(async () => {
    await engine?.close();
    await t?.drop();
  });

  it('copies the ledger and gives the expected figures for every month', async () => {
    const [{ tz }] = await t.db.dataSource.query(`SELECT current_setting('TimeZone') AS tz`);
    expect(tz).toBe('America/Los_Angeles');
    const { rows } = await engine.loadFromLedger(t.db.dataSource);
    expect(rows).toBeGreaterThan(1400);
    for (const month of SAMPLE_MONTHS) {
      const dispatch = JSON.parse(fs.readFileSync(path.join(SAMPLE_EXPECTED, `dispatch-${month}.json`), 'utf8'));
      expect(await engine.dispatch(month)).toEqual(dispatch);
      const scores = JSON.parse(fs.readFileSync(path.join(SAMPLE_EXPECTED, `scores-${month}.json`), 'utf8'));
      const got = await engine.scores(month, DEFAULT_SCHEME);
      expect(got.units.map((u) => [u.unit, u.rank, u.total, u.I1, u.I2, u.I3, u.I4, u.D]))
        .toEqual(scores.units.map((u: typeof got.units[number]) => [u.unit, u.rank, u.total, u.I1, u.I2, u.I3, u.I4, u.D]));
    }
  });
});
