// The figures file for analysts, read back with DuckDB's read_parquet: GET /api/exports/figures.parquet and
// `cli export parquet` hold, row for row, the numbers of GET /api/dispatch and GET /api/scores, typed
// (DATE, DECIMAL with 2 places for 万元 and scores).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DISPATCH_KEYS, type DispatchJson, type ScoresJson } from '../../analytics/src/contracts.js';
import { cli } from '../support/cli.js';
import { readParquet } from '../support/read-parquet.js';
import { SAMPLE_BUNDLE } from '../support/databases.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';

type Row = Record<string, unknown>;

/** the rows the file must hold: the dispatch table's units then its city-wide row, each with its score if it has one */
function expectedRows(d: DispatchJson, s: ScoresJson): Row[] {
  const scores = new Map(s.units.map((u) => [u.unit, u]));
  return [...d.units, d.cityWide].map((r) => {
    const sc = scores.get(r.unit);
    return {
      month: d.month, as_of: d.asOf, scheme: s.scheme, unit: r.unit, name: r.name, level: r.level,
      ...Object.fromEntries(DISPATCH_KEYS.map((k) => [k, r[k]])),
      rank: sc?.rank ?? null,
      ...Object.fromEntries((['total', 'I1', 'I2', 'I3', 'I4', 'D'] as const).map((k) => [k, sc ? sc[k] : null])),
    };
  });
}

/** DuckDB's JSON form of a row: decimals as exact text, which must be the JSON number */
const asNumbers = (r: Row): Row => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+\.\d+$/.test(v) ? Number(v) : v]));

function expectTyped(types: Record<string, string>): void {
  expect(types.as_of).toBe('DATE');
  expect(types.C3_amount_wan).toBe('DECIMAL(18,2)');
  for (const k of ['total', 'I1', 'I2', 'I3', 'I4', 'D']) expect([k, types[k]]).toEqual([k, 'DECIMAL(9,2)']);
  expect(types.A1).toBe('INTEGER');
}

describeWith([], 'the figures as Parquet', () => {
  let s: TestServer;
  let tmp: string;
  beforeAll(async () => {
    s = await startTestServer();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-parquet-'));
  });
  afterAll(async () => {
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('GET /api/exports/figures.parquet: every row equals the dispatch and scores JSON', async () => {
    const admin = await s.login('admin', s.adminPassword);
    const month = '2023-09';
    const r = await admin(`/api/exports/figures.parquet?month=${month}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(`figures-${month}.parquet`);
    const file = path.join(tmp, 'http.parquet');
    fs.writeFileSync(file, Buffer.from(await r.arrayBuffer()));
    const d = (await (await admin(`/api/dispatch?month=${month}`)).json()) as DispatchJson;
    const sc = (await (await admin(`/api/scores?month=${month}`)).json()) as ScoresJson;
    const { rows, types } = await readParquet(file);
    expectTyped(types);
    const expected = expectedRows(d, sc);
    expect(expected.filter((x) => x.rank !== null).length).toBe(sc.units.length);
    expect(sc.units.length).toBeGreaterThan(0);
    expect(rows.map(asNumbers)).toEqual(expected);
    // a refused month is the API's usual 400
    expect((await admin('/api/exports/figures.parquet?month=2023-13')).status).toBe(400);
  });

  it('cli export parquet --month M --out DIR writes DIR/figures-M.parquet with the same rows as the CLI\'s JSON', async () => {
    const env = { DATA_DIR: path.join(tmp, 'data') };
    expect(cli(['import', SAMPLE_BUNDLE], env).status).toBe(0);
    const month = '2023-10';
    expect(cli(['dispatch', '--month', month, '--out', path.join(tmp, 'd.json')], env).status).toBe(0);
    expect(cli(['scores', '--month', month, '--out', path.join(tmp, 's.json')], env).status).toBe(0);
    const out = path.join(tmp, 'out');
    const r = cli(['export', 'parquet', '--month', month, '--out', out], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.readdirSync(out)).toEqual([`figures-${month}.parquet`]);
    const { rows, types } = await readParquet(path.join(out, `figures-${month}.parquet`));
    expectTyped(types);
    const d = JSON.parse(fs.readFileSync(path.join(tmp, 'd.json'), 'utf8')) as DispatchJson;
    const sc = JSON.parse(fs.readFileSync(path.join(tmp, 's.json'), 'utf8')) as ScoresJson;
    expect(rows.map(asNumbers)).toEqual(expectedRows(d, sc));
    expect(cli(['export', 'parquet', '--month', month], env).status).not.toBe(0);
  });
});
