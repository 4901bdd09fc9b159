import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import type { ImportJob } from '../../api/src/imports/import-job.js';
import ExcelJS from 'exceljs';
import os from 'node:os';
import { csvRowCounts, refusal, workbookFromBundle } from '../support/bundles.js';
import { SAMPLE_BUNDLE, type Engine } from '../support/databases.js';
import { describeWith } from '../support/requires.js';
import { countyBundle, zipFolder } from '../support/import-bundles.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { makeZip, manyEntriesBomb, zipBomb } from '../support/zips.js';

/** rows of each file the sample bundle holds (a file it does not bring, campaigns.csv, is not in the job's counts) */
const sampleRows = (): Record<string, number> =>
  Object.fromEntries(Object.entries(csvRowCounts()).filter(([table]) => fs.existsSync(path.join(SAMPLE_BUNDLE, `${table}.csv`))));

// Imports over HTTP against the real server (embedded, in this process so
// that its memory can be measured around a request): a refused bundle lists the CLI's problems and
// writes nothing; a good one reports progress and ends with its counts; a county brings only its own
// unit's records; a zip bomb is refused before it is inflated.

/** Each table's row count and an md5 of its rows, read through the server's own DataSource. */
async function digest(ds: DataSource): Promise<Record<string, string>> {
  const tables: { t: string }[] = await ds.query(`SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [r] = await ds.query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(row_to_json(x)::text, E'\\n' ORDER BY row_to_json(x)::text COLLATE "C")), '-') AS h FROM "${t}" x`);
    out[t] = `${r.n}:${r.h}`;
  }
  return out;
}

for (const engine of ['embedded', 'postgres'] as Engine[]) describeWith(engine === 'postgres' ? ['postgres'] : [], `bundle import over HTTP (POST /api/imports), ${engine}`, () => {
  let s: TestServer;
  let city: string;
  let county: string;
  const token = async (u: string, p: string) => ((await (await fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: p }) })).json()) as { accessToken: string }).accessToken;
  const get = (tok: string, p: string) => fetch(`${s.baseUrl}${p}`, { headers: { authorization: `Bearer ${tok}` } });
  const post = (tok: string, bytes: Buffer, name: string, query = '?wait=false', p = '/api/imports') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return fetch(`${s.baseUrl}${p}${query}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tok}` } });
  };
  /** polls the job until it ends; returns every answer seen */
  async function follow(tok: string, id: string): Promise<ImportJob[]> {
    const seen: ImportJob[] = [];
    for (;;) {
      const job = (await (await get(tok, `/api/imports/${id}`)).json()) as ImportJob;
      seen.push(job);
      if (['done', 'refused', 'failed'].includes(job.status)) return seen;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  beforeAll(async () => {
    s = await startTestServer({ engine, sample: false });
    city = await token('admin', s.adminPassword);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('imports the sample as a zip: 202, progress while it runs, done with the counts of rows written', async () => {
    const res = await post(city, zipFolder(SAMPLE_BUNDLE, 'jincheng-sample'), '晋城样例.zip');
    expect(res.status).toBe(202);
    const started = (await res.json()) as ImportJob;
    expect(started).toMatchObject({ status: 'checking', fileName: '晋城样例.zip', unit: null, actor: 'admin' });
    // a second import while this one runs is refused, not queued
    const busy = await post(city, zipFolder(SAMPLE_BUNDLE), 'again.zip');
    expect([busy.status, ((await busy.json()) as { code: string }).code]).toEqual([409, 'IMPORT_BUSY']);
    const seen = await follow(city, started.id);
    const last = seen.at(-1)!;
    expect(last.status).toBe('done');
    const total = Object.values(sampleRows()).reduce((a, b) => a + b, 0);
    expect(seen.some((j) => j.status === 'writing' || (j.status === 'checking' && j.rowsChecked > 0))).toBe(true);
    expect(last).toMatchObject({ rowsTotal: total, rowsChecked: total, rowsWritten: total });
    const inserted = Object.fromEntries(Object.entries(last.counts!).map(([f, c]) => [f.replace('.csv', ''), c.inserted]));
    expect(inserted).toEqual(sampleRows());
    const [row] = await s.t.db.dataSource.query('SELECT count(*)::int AS n FROM hazards');
    expect(row.n).toBe(csvRowCounts().hazards);
    // the import is on the audit trail under the signed-in user who sent it: one entry per file it wrote
    const entries = (await s.t.db.dataSource.query(`SELECT actor, record_key FROM audit_log WHERE action = 'bundle.import' ORDER BY id`)) as { actor: string; record_key: string }[];
    expect(new Set(entries.map((e) => e.actor))).toEqual(new Set(['admin']));
    expect(new Set(entries.map((e) => e.record_key.split(/[:#]/)[0]))).toEqual(new Set(Object.keys(sampleRows()).map((f) => `${f}.csv`)));
    // as curl sends it (no query): the answer waits for the import and is the finished job with its counts
    const again = await post(city, zipFolder(SAMPLE_BUNDLE, 'jincheng-sample'), '晋城样例.zip', '');
    const finished = (await again.json()) as ImportJob;
    expect([again.status, finished.status]).toEqual([202, 'done']);
    expect(Object.values(finished.counts!).reduce((n, c) => n + c.unchanged, 0)).toBe(total);
  });

  it('refuses a bad bundle with the problems the CLI names for the same folder, and writes nothing', async () => {
    const b = countyBundle('140525', { broken: true });
    try {
      const before = await digest(s.t.db.dataSource);
      const res = await post(city, zipFolder(b.dir), 'bad.zip');
      expect(res.status).toBe(202);
      const last = (await follow(city, ((await res.json()) as ImportJob).id)).at(-1)!;
      expect(last.status).toBe('refused');
      const cli = await refusal(importBundle(s.t.db.dataSource, b.dir, { actor: 'test' }));
      expect(cli).toHaveLength(3);
      expect(last.problems.map((p) => p.text)).toEqual(cli);
      expect(last.problems.map((p) => [p.file, p.line, p.column, p.messageZh])).toEqual([
        ['enterprises.csv', 3, 'credit_code', '统一社会信用代码校验位错误（GB 32100-2015）'],
        ['hazards.csv', 2, 'found_on', '日期不存在'],
        ['hazards.csv', 3, 'source', '取值不在允许的范围内'],
      ]);
      expect(await digest(s.t.db.dataSource)).toEqual(before);
      // the same upload as curl sends it (no query): the request waits for the check and answers 400 with the problems
      const waited = await post(city, zipFolder(b.dir), 'bad.zip', '');
      expect(waited.status).toBe(400);
      expect(((await waited.json()) as { problems: string[] }).problems).toEqual(cli);
      // the problems as CSV: BOM, the five columns, one line each
      const bytes = Buffer.from(await (await get(city, `/api/imports/${last.id}/problems.csv`)).arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = parse(bytes.subarray(3).toString('utf8')) as string[][];
      expect(records).toEqual([['文件', '行', '列', '问题', '说明'], ...last.problems.map((p) => [p.file, String(p.line), p.column, p.message, p.messageZh])]);
      expect(await digest(s.t.db.dataSource)).toEqual(before);
    } finally {
      b.remove();
    }
  });

  it('refuses a bad .xlsx bundle with the problems the CLI names for the same workbook, a formula cell among them', async () => {
    const b = countyBundle('140525', { broken: true, tag: '66' });
    const xlsx = path.join(os.tmpdir(), `hw-import-${process.pid}-泽州县.xlsx`);
    try {
      await workbookFromBundle(b.dir, xlsx, false);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      wb.getWorksheet('hazards')!.getCell('F2').value = { formula: 'CONCAT("测试","隐患")', result: '测试隐患' };
      await wb.xlsx.writeFile(xlsx);
      const before = await digest(s.t.db.dataSource);
      const last = (await follow(city, ((await (await post(city, fs.readFileSync(xlsx), path.basename(xlsx))).json()) as ImportJob).id)).at(-1)!;
      const cli = await refusal(importBundle(s.t.db.dataSource, xlsx, { actor: 'test' }));
      expect(cli).toContain('hazards:2: description: a formula (=CONCAT("测试","隐患")) is not accepted; type the value');
      // (the reader sets aside a row with an unreadable cell, so hazards:2's impossible date waits for the next try)
      expect(cli).toHaveLength(3);
      expect(last.problems.map((p) => p.text)).toEqual(cli);
      expect(last.problems.find((p) => p.column === 'description')!.messageZh).toBe('单元格含公式：台账不接受公式，请直接填写数值');
      expect(await digest(s.t.db.dataSource)).toEqual(before);
    } finally {
      b.remove();
      fs.rmSync(xlsx, { force: true });
    }
  });

  it('a county branch imports its own records, and a bundle that touches another unit is refused naming them', async () => {
    const foreign = countyBundle('140525', { foreignUnit: '140521', tag: '88' });
    const own = countyBundle('140525', { tag: '99' });
    // the county's user is made once the sample (with its units) is in
    await s.createUser('zezhou', 'county_branch', '140525');
    county = await token('zezhou', 'zezhou-password');
    try {
      // a new unit is the city's to add
      fs.appendFileSync(path.join(foreign.dir, 'units.csv'), '140599,新区,zone,140500\n');
      const before = await digest(s.t.db.dataSource);
      const refused = (await follow(county, ((await (await post(county, zipFolder(foreign.dir), 'mixed.zip')).json()) as ImportJob).id)).at(-1)!;
      expect(refused).toMatchObject({ status: 'refused', unit: '140525' });
      expect(refused.problems.map((p) => p.text)).toEqual([
        `units.csv:12: code: unit "140599" is new or changed: units are the city office's to add or change; a county branch's bundle repeats them unchanged (泽州县 (140525))`,
        `enterprises.csv:4: unit_code: belongs to 沁水县 (140521), not to 泽州县 (140525): a county branch imports only its own unit's records`,
      ]);
      expect(refused.problems[1].messageZh).toBe('不属于本单位的记录：县级分局只能导入本单位的记录');
      expect(await digest(s.t.db.dataSource)).toEqual(before);
      const done = (await follow(county, ((await (await post(county, zipFolder(own.dir), 'own.zip')).json()) as ImportJob).id)).at(-1)!;
      expect(done.status).toBe('done');
      expect(done.counts).toMatchObject({ 'units.csv': { inserted: 0, updated: 0 }, 'enterprises.csv': { inserted: 2 }, 'hazards.csv': { inserted: 2 } });
      // a county lists its own jobs only; the city sees them all
      const mine = (await (await get(county, '/api/imports')).json()) as ImportJob[];
      expect(mine.map((j) => j.id)).toEqual([done.id, refused.id]);
      expect(((await (await get(city, '/api/imports?limit=100')).json()) as ImportJob[]).length).toBeGreaterThan(2);
      const others = (await (await get(city, '/api/imports?limit=100')).json()) as ImportJob[];
      expect((await get(county, `/api/imports/${others.find((j) => j.unit === null)!.id}`)).status).toBe(404);
    } finally {
      foreign.remove();
      own.remove();
    }
  });

  it('refuses zip bombs and unsafe archives within 2 s, the server growing by less than 200 MB, writing nothing', async () => {
    const before = await digest(s.t.db.dataSource);
    const bomb = await zipBomb('bundle/hazards.csv');
    const cases: [string, Buffer, string, number, RegExp][] = [
      ['/api/imports', bomb, 'bomb.zip', 413, /超过 50 MB 的上限.*would inflate to more than 50 MB/],
      ['/api/imports', manyEntriesBomb(20000), 'many.zip', 413, /20000 个条目.*20000 entries/],
      ['/api/imports', makeZip([{ name: '../units.csv', data: Buffer.from('code\n') }]), 'climb.zip', 400, /climbs out of its folder/],
      ['/api/imports', Buffer.from('not a zip'), 'x.zip', 400, /neither a \.zip/],
      ['/api/reconciliations', bomb, '调度表.xlsx', 413, /would inflate to more than 50 MB/],
    ];
    for (const [route, bytes, name, status, message] of cases) {
      global.gc?.();
      const rss = process.memoryUsage().rss;
      const t0 = Date.now();
      const res = await post(city, bytes, name, route === '/api/reconciliations' ? '?unit=140525&month=2023-08' : '', route);
      const body = (await res.json()) as { message: string; code: string };
      expect([name, res.status, Date.now() - t0 < 2000]).toEqual([name, status, true]);
      expect(body.message).toMatch(message);
      expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    }
    // a header that lies about its size passes the central directory and is stopped while unpacking
    const liar = makeZip([{ name: 'units.csv', data: Buffer.alloc(30 * 1024 * 1024, 0x41), declaredSize: 100 }]);
    const job = (await follow(city, ((await (await post(city, liar, 'liar.zip')).json()) as ImportJob).id)).at(-1)!;
    expect(job.status).toBe('refused');
    expect(job.problems[0].text).toMatch(/^liar\.zip: refused: entry "units\.csv" inflates past the 100 bytes its header declares/);
    expect(await digest(s.t.db.dataSource)).toEqual(before);
  });

  it('answers 413 for an upload over 20 MB, and 403 to a role that may not import', async () => {
    const big = await post(city, Buffer.alloc(21 * 1024 * 1024), 'big.zip');
    expect(big.status).toBe(413);
    await s.createUser('watcher', 'viewer');
    const viewer = await token('watcher', 'watcher-password');
    expect((await post(viewer, zipFolder(SAMPLE_BUNDLE), 'x.zip')).status).toBe(403);
  });

  it('answers a refusal sent before the upload is read (guard, size) with its status, never a reset', async () => {
    // the server reads and discards the rest of the body before answering (drain-request.ts): the client,
    // still sending, gets the 401/403/413 whole, on a connection it may use again
    const viewer = await token('watcher2', await s.createUser('watcher2', 'viewer'));
    const big = Buffer.alloc(21 * 1024 * 1024);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      for (const [who, tok, p] of [['forged', 'not-a-token', '/api/imports'], ['viewer', viewer, '/api/imports'], ['city', city, '/api/imports'], ['viewer', viewer, '/api/reconciliations?unit=140525']]) {
        const r = await post(tok, big, 'big.zip', '', p).catch((e: Error) => ({ status: `${e.message} ${String((e.cause as Error | undefined)?.message)}` }));
        seen.push(`${who} ${p.slice(5, 12)} ${r.status}`);
      }
    }
    expect(seen).toEqual(Array(3).fill(['forged imports 401', 'viewer imports 403', 'city imports 413', 'viewer reconci 403']).flat());
  });
});
