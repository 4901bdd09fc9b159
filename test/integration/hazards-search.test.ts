// The ledger list's text search (GET /api/hazards?q=), its reversible sorts, and the ledger CSV that
// exports exactly what the list shows for the same filters. Expected rows are worked out here from the
// table itself, not by the query under test.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { describeWith } from '../support/requires.js';
import { chinaDay } from '../../api/src/common/china-time.js';
import { startTestServer, type TestServer } from '../support/server.js';

type Client = Awaited<ReturnType<TestServer['login']>>;
interface Item { ledgerNo: string; enterpriseName: string; foundOn: string; deadline: string | null; unitCode: string }
interface Row { ledger_no: string; name: string; description: string | null; found_on: string; unit_code: string; jurisdiction: string }

const MARK = 'Drum 50%_Leak\\ 泄漏';

describeWith([], 'ledger search, sorts and the ledger CSV', () => {
  let s: TestServer;
  let admin: Client;
  let county: Client;
  let rows: Row[];
  let MARKED: string;

  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin', s.adminPassword);
    county = await s.login('zz_search', await s.createUser('zz_search', 'county_branch', '140525'));
    // the list shows the ledger as of today or the campaign's end, whichever is first
    const { endOn } = (await (await admin('/api/campaign')).json()) as { endOn: string };
    const today = chinaDay(new Date());
    rows = await s.t.db.dataSource.query(
      `SELECT h.ledger_no, e.name, h.description, h.found_on, h.unit_code, e.unit_code AS jurisdiction FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code
       WHERE h.found_on <= $1::date ORDER BY h.ledger_no`, [today < endOn ? today : endOn]);
    // one description with LIKE's wildcards and its escape character, which a search must take literally
    const marked = rows.find((r) => r.unit_code === '140525')!;
    MARKED = marked.ledger_no;
    marked.description = MARK;
    await s.t.db.dataSource.query('UPDATE hazards SET description = $1 WHERE ledger_no = $2', [MARK, MARKED]);
  }, 120_000);
  afterAll(async () => { await s?.close(); });

  const all = async (c: Client, query: string): Promise<Item[]> => {
    const out: Item[] = [];
    for (let page = 1; ; page++) {
      const r = await c(`/api/hazards?${query}&page=${page}&pageSize=500`);
      expect(r.status).toBe(200);
      const p = (await r.json()) as { items: Item[]; total: number };
      out.push(...p.items);
      if (out.length >= p.total || !p.items.length) return out;
    }
  };
  /** the ledger numbers whose number, enterprise name or description contains `q` in any case */
  const matching = (q: string) => rows.filter((r) => [r.ledger_no, r.name, r.description ?? ''].some((t) => t.toLowerCase().includes(q.toLowerCase()))).map((r) => r.ledger_no).sort();
  const numbers = (items: Item[]) => items.map((i) => i.ledgerNo).sort();

  it('finds by part of an enterprise name, of a ledger number in any case, and of a description', async () => {
    const name = rows.find((r) => r.unit_code === '140525')!.name;
    const part = name.slice(1, -1);
    const byName = await all(admin, `q=${encodeURIComponent(part)}`);
    expect(byName.length).toBeGreaterThan(0);
    expect(numbers(byName)).toEqual(matching(part));
    for (const i of byName) expect(i.enterpriseName.includes(part) || i.ledgerNo.includes(part)).toBe(true);

    const prefix = MARKED.slice(0, -1);
    const lower = await all(admin, `q=${encodeURIComponent(prefix.toLowerCase())}`);
    expect(numbers(lower)).toEqual(matching(prefix));
    expect(lower.length).toBeGreaterThan(1);

    expect(numbers(await all(admin, `q=${encodeURIComponent('drum 50')}`))).toEqual([MARKED]);
    expect(await all(admin, 'q=no-such-text-anywhere')).toEqual([]);
    // blank is no search
    expect((await all(admin, 'q=%20%20')).length).toBe(rows.length);
  });

  it('takes %, _ and \\ literally', async () => {
    for (const q of ['%', '_', '50%_l', '\\', '%_leak\\']) expect({ q, found: numbers(await all(admin, `q=${encodeURIComponent(q)}`)) }).toEqual({ q, found: matching(q) });
    expect(matching('%')).toEqual([MARKED]);
  });

  it('combines the search with the other filters and a county user\'s scope', async () => {
    const mine = await all(county, `q=${encodeURIComponent('JC-1405')}`);
    const scoped = rows.filter((r) => r.unit_code === '140525' || r.jurisdiction === '140525').map((r) => r.ledger_no);
    // assignments also widen a county's scope; the sample's are few, so every one of ours must be there
    for (const n of scoped) expect(numbers(mine)).toContain(n);
    const filtered = await all(admin, `unit=140525&q=${encodeURIComponent('JC-')}`);
    expect(numbers(filtered)).toEqual(rows.filter((r) => r.unit_code === '140525').map((r) => r.ledger_no).sort());
    expect((await admin(`/api/hazards?q=${'x'.repeat(101)}`)).status).toBe(400);
  });

  it('reverses every sort key', async () => {
    const asc = await all(admin, 'unit=140525&sort=ledger_no');
    const desc = await all(admin, 'unit=140525&sort=-ledger_no');
    expect(desc.map((i) => i.ledgerNo)).toEqual(asc.map((i) => i.ledgerNo).reverse());
    const newest = (await all(admin, 'unit=140525&sort=-found_on')).map((i) => i.foundOn);
    const oldest = (await all(admin, 'unit=140525&sort=found_on')).map((i) => i.foundOn);
    expect(newest).toEqual([...oldest].reverse());
    const late = (await all(admin, 'unit=140525&sort=-deadline')).map((i) => i.deadline).filter((d): d is string => d !== null);
    expect(late).toEqual([...late].sort().reverse());
  });

  it('exports as CSV exactly the rows the list shows for the same filters, in its order', async () => {
    const csv = async (c: Client, query: string) => {
      const r = await c(`/api/exports/hazards.csv?${query}&codes=true`);
      expect(r.status).toBe(200);
      return (parse(Buffer.from(await r.arrayBuffer()), { columns: true, bom: true }) as { ledger_no: string }[]).map((x) => x.ledger_no);
    };
    for (const query of ['unit=140525&status=open&sort=-deadline', `q=${encodeURIComponent('企业0')}&sort=ledger_no`, 'overdue=true&listed=false', 'source=enforcement&status=closed']) {
      const listed = (await all(admin, query)).map((i) => i.ledgerNo);
      expect({ query, rows: await csv(admin, query) }).toEqual({ query, rows: listed });
    }
    // a county user's file is its list, not the city's
    expect(await csv(county, 'sort=ledger_no')).toEqual((await all(county, 'sort=ledger_no')).map((i) => i.ledgerNo));
    // the month-end file takes no list filters
    const mixed = await admin('/api/exports/hazards.csv?month=2023-12&status=open');
    expect(mixed.status).toBe(400);
    expect(((await mixed.json()) as { code: string }).code).toBe('BAD_PARAMETER');
  });
});
