// Every route with an Arrow answer: the stream read back with apache-arrow equals the JSON answer row for
// row, and its columns have the declared types (Date32 dates, dictionary codes, Decimal128 with its scale).
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DataType, DateUnit, type Decimal, type Schema, tableFromIPC } from 'apache-arrow';
import { ARROW_PAGE_SIZE_MAX, ARROW_STREAM, type ArrowColumn, JSON_PAGE_SIZE_MAX, type ArrowContract, projectRow, rowsOfTable } from '../../analytics/src/arrow.js';
import { COVERAGE_ARROW, DISPATCH_ARROW, SCORE_TREND_ARROW, SCORES_ARROW, TRACE_ARROW, UNIT_EXPLANATION_ARROW } from '../../analytics/src/contracts.js';
import { ACTION_LIST_ARROW } from '../../api/src/ledger/actions/actions.service.js';
import { HAZARD_LIST_ARROW } from '../../api/src/ledger/hazards/hazards.repository.js';
import { INSPECTION_LIST_ARROW } from '../../api/src/ledger/inspections/inspections.service.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';

type Client = Awaited<ReturnType<TestServer['login']>>;

function expectTypes(schema: Schema, columns: readonly ArrowColumn[]): void {
  expect(schema.fields.map((f) => f.name)).toEqual(columns.map((c) => c.name));
  columns.forEach((c, i) => {
    const type = schema.fields[i].type;
    if (c.type === 'date') expect([c.name, DataType.isDate(type) && type.unit === DateUnit.DAY]).toEqual([c.name, true]);
    if (c.type === 'code') expect([c.name, DataType.isDictionary(type)]).toEqual([c.name, true]);
    if (typeof c.type === 'object' && 'decimal' in c.type) {
      expect([c.name, DataType.isDecimal(type), (type as Decimal).scale, (type as Decimal).bitWidth]).toEqual([c.name, true, c.type.decimal, 128]);
    }
  });
}

/** both answers of one route and one table; the Arrow rows and the JSON rows (projected onto the columns) */
async function both<J>(client: Client, path: string, contract: ArrowContract<J>, table?: string) {
  const j = await client(path, { headers: { accept: 'application/json' } });
  expect([path, j.status]).toEqual([path, 200]);
  const json = (await j.json()) as J;
  const a = await client(path, { headers: { accept: table ? `${ARROW_STREAM}; table=${table}` : ARROW_STREAM } });
  expect([path, a.status, a.headers.get('content-type')]).toEqual([path, 200, ARROW_STREAM]);
  const arrow = tableFromIPC(new Uint8Array(await a.arrayBuffer()));
  const name = table ?? Object.keys(contract.tables)[0];
  const t = contract.tables[name];
  expectTypes(arrow.schema, t.columns);
  const expected = t.rows(json).map((r) => projectRow(r, t.columns));
  return { json, arrow, rows: rowsOfTable(arrow), expected, headers: a.headers };
}

describeWith([], 'Arrow answers equal the JSON answers', () => {
  let s: TestServer;
  let admin: Client;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin', s.adminPassword);
  });
  afterAll(async () => { await s?.close(); });

  it('GET /api/hazards: every page, row for row, with the total in the metadata and X-Total-Count', async () => {
    let seen = 0;
    let total = Infinity;
    for (let page = 1; seen < total; page++) {
      const r = await both(admin, `/api/hazards?sort=ledger_no&pageSize=500&page=${page}`, HAZARD_LIST_ARROW);
      expect(r.rows).toEqual(r.expected);
      total = (r.json as { total: number }).total;
      expect(r.arrow.schema.metadata.get('total')).toBe(String(total));
      expect(r.headers.get('x-total-count')).toBe(String(total));
      expect(r.rows.length).toBeGreaterThan(0);
      seen += r.rows.length;
    }
    expect(seen).toBe(total);
  });

  it('GET /api/hazards with filters: the same rows as the JSON list', async () => {
    const r = await both(admin, '/api/hazards?status=open&overdue=true&pageSize=100', HAZARD_LIST_ARROW);
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows).toEqual(r.expected);
  });

  it('GET /api/inspections and GET /api/actions', async () => {
    for (const [path, contract] of [['/api/inspections?pageSize=500', INSPECTION_LIST_ARROW], ['/api/actions?pageSize=500', ACTION_LIST_ARROW]] as const) {
      const r = await both(admin, path, contract as ArrowContract<unknown>);
      expect([path, r.rows.length > 0]).toEqual([path, true]);
      expect(r.rows).toEqual(r.expected);
    }
    // a fine (万元) comes back exact, and at least one is there to compare
    const a = await both(admin, '/api/actions?kind=penalty&pageSize=500', ACTION_LIST_ARROW);
    expect(a.rows.some((x) => typeof x.amountWan === 'number' && x.amountWan > 0)).toBe(true);
  });

  it('GET /api/dispatch: the units and the city-wide row', async () => {
    for (const table of ['units', 'cityWide']) {
      const r = await both(admin, '/api/dispatch?month=2023-08', DISPATCH_ARROW, table);
      expect(r.rows.length).toBeGreaterThan(0);
      expect(r.rows).toEqual(r.expected);
      expect(r.arrow.schema.metadata.get('month')).toBe('2023-08');
    }
  });

  it('GET /api/scores and GET /api/scores/:unit/trend', async () => {
    const r = await both(admin, '/api/scores?month=2023-09', SCORES_ARROW);
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows).toEqual(r.expected);
    const t = await both(admin, '/api/scores/140502/trend?month=2023-09', SCORE_TREND_ARROW);
    expect(t.rows.length).toBeGreaterThan(1);
    expect(t.rows).toEqual(t.expected);
  });

  it('GET /api/scores/:unit: each list of the explanation', async () => {
    const compared = new Map<string, number>();
    for (const unit of ['140502', '140525']) {
      for (const month of ['2023-08', '2023-12']) {
        for (const table of Object.keys(UNIT_EXPLANATION_ARROW.tables)) {
          const r = await both(admin, `/api/scores/${unit}?month=${month}`, UNIT_EXPLANATION_ARROW, table);
          expect([unit, month, table, r.rows]).toEqual([unit, month, table, r.expected]);
          expect(r.arrow.schema.metadata.get('unit')).toBe(unit);
          compared.set(table, (compared.get(table) ?? 0) + r.rows.length);
        }
      }
    }
    // the board's two lists have rows to compare
    expect([compared.get('missedFridays')! > 0, compared.get('lateSubmissions')! > 0]).toEqual([true, true]);
  });

  it('GET /api/trace: missed, overdue and lookBack', async () => {
    let compared = 0;
    for (const month of ['2023-08', '2023-12']) {
      for (const table of ['missed', 'overdue', 'lookBack']) {
        const r = await both(admin, `/api/trace?month=${month}`, TRACE_ARROW, table);
        expect(r.rows).toEqual(r.expected);
        compared += r.rows.length;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  /** every JSON page of 500 of a list, concatenated */
  async function allJsonPages(path: string): Promise<object[]> {
    const out: object[] = [];
    for (let page = 1; ; page++) {
      const r = await admin(`${path}&pageSize=${JSON_PAGE_SIZE_MAX}&page=${page}`, { headers: { accept: 'application/json' } });
      expect([path, page, r.status]).toEqual([path, page, 200]);
      const p = (await r.json()) as { items: object[]; total: number };
      out.push(...p.items);
      if (out.length >= p.total || p.items.length === 0) return out;
    }
  }

  async function arrowPage(path: string) {
    const a = await admin(path, { headers: { accept: ARROW_STREAM } });
    expect([path, a.status]).toEqual([path, 200]);
    const t = tableFromIPC(new Uint8Array(await a.arrayBuffer()));
    return { rows: rowsOfTable(t), total: Number(t.schema.metadata.get('total')), batches: t.batches.length };
  }

  it('the whole list in one Arrow ask (pageSize up to ARROW_PAGE_SIZE_MAX) equals all JSON pages concatenated, and so do Arrow pages', async () => {
    // the sample ledger's lists fit in one JSON page: copies of its first hazard make the ledger span several
    await s.t.db.dataSource.query(
      `INSERT INTO hazards (ledger_no, enterprise_credit_code, unit_code, source, found_on, description, category)
       SELECT 'ZZ-' || lpad(g::text, 6, '0'), h.enterprise_credit_code, h.unit_code, h.source, h.found_on, '测试生成 ' || g, h.category
       FROM (SELECT * FROM hazards ORDER BY ledger_no LIMIT 1) h, generate_series(1, 1200) g`);
    const lists = [['/api/hazards?sort=ledger_no', HAZARD_LIST_ARROW], ['/api/inspections?sort=inspected_on', INSPECTION_LIST_ARROW], ['/api/actions?sort=acted_on', ACTION_LIST_ARROW]] as const;
    let longest = 0;
    for (const [path, contract] of lists) {
      const columns = (contract as ArrowContract<{ items: object[] }>).tables.items.columns;
      const json = (await allJsonPages(path)).map((r) => projectRow(r, columns));
      const whole = await arrowPage(`${path}&pageSize=${ARROW_PAGE_SIZE_MAX}`);
      expect([path, whole.total]).toEqual([path, json.length]);
      expect(whole.rows).toEqual(json);
      longest = Math.max(longest, json.length);
      // Arrow pages larger than a JSON page, read one after another, give the same rows again
      const size = Math.max(JSON_PAGE_SIZE_MAX + 1, Math.ceil(json.length / 3));
      const paged: Record<string, unknown>[] = [];
      for (let page = 1; paged.length < json.length; page++) {
        const p = await arrowPage(`${path}&pageSize=${size}&page=${page}`);
        expect(p.rows.length).toBeGreaterThan(0);
        paged.push(...p.rows);
      }
      expect(paged).toEqual(json);
    }
    // the longest list spans several JSON pages, so the concatenation is tested
    expect(longest).toBeGreaterThan(JSON_PAGE_SIZE_MAX);
  });

  it('a JSON page stays at most JSON_PAGE_SIZE_MAX rows; an Arrow page at most ARROW_PAGE_SIZE_MAX', async () => {
    for (const path of ['/api/hazards', '/api/inspections', '/api/actions']) {
      const json = await admin(`${path}?pageSize=${JSON_PAGE_SIZE_MAX + 1}`, { headers: { accept: 'application/json' } });
      expect([path, json.status]).toEqual([path, 400]);
      const none = await admin(`${path}?pageSize=${JSON_PAGE_SIZE_MAX + 1}`);
      expect([path, none.status]).toEqual([path, 400]);
      const arrow = await admin(`${path}?pageSize=${ARROW_PAGE_SIZE_MAX + 1}`, { headers: { accept: ARROW_STREAM } });
      expect([path, arrow.status]).toEqual([path, 400]);
    }
  });

  it('GET /api/coverage: the duties and the enterprises still to inspect', async () => {
    let toInspect = 0;
    for (const month of ['2023-07', '2023-09']) {
      for (const table of ['duties', 'toInspect']) {
        const r = await both(admin, `/api/coverage?month=${month}`, COVERAGE_ARROW, table);
        expect(r.rows.length).toBeGreaterThan(0);
        expect(r.rows).toEqual(r.expected);
        if (table === 'toInspect') toInspect += r.rows.length;
      }
    }
    expect(toInspect).toBeGreaterThan(0);
  });

  it('stays JSON unless Arrow is preferred, and refuses an unknown table', async () => {
    for (const accept of ['*/*', 'application/json', `application/json, ${ARROW_STREAM};q=0.5`]) {
      const r = await admin('/api/hazards', { headers: { accept } });
      expect([accept, r.headers.get('content-type')?.startsWith('application/json')]).toEqual([accept, true]);
      expect(r.headers.get('vary')).toContain('Accept');
    }
    const bad = await admin('/api/trace?month=2023-08', { headers: { accept: `${ARROW_STREAM}; table=nope` } });
    expect(bad.status).toBe(400);
  });
});
