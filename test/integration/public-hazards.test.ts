import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { PublicHazards } from '../../api/src/public/public-hazards.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { auditCount, call, signIn, type Client } from '../support/ledger-api.js';

// 三公开 on the sample ledger: nothing answers before the city office releases a month; afterwards the
// list answers without a token, holds every hazard of the month-end ledger unit by unit, and none of the
// people the ledger names (trackers, responsible persons, closers, inspection signers, leaders).

const MONTH = '2023-12';

describeWith([], '三公开: the released month\'s hazard list for the public', () => {
  let s: TestServer;
  let admin: Client;
  let viewer: Client;
  const anon = (path: string, init: RequestInit = {}) => fetch(`${s.baseUrl}${path}`, init);

  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin', s.adminPassword);
    viewer = await signIn(s, 'viewer');
  });
  afterAll(async () => { await s?.close(); });

  it('answers 404 for a month not released, and only the city office releases one (an audited act, once)', async () => {
    const before = await anon(`/api/public/hazards?month=${MONTH}`);
    expect(before.status).toBe(404);
    expect(((await before.json()) as { code: string }).code).toBe('NOT_PUBLISHED');
    expect((await anon(`/api/public/hazards.csv?month=${MONTH}`)).status).toBe(404);
    expect(await (await anon('/api/public/releases')).json()).toEqual([]);

    expect((await anon('/api/public/releases', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ month: MONTH }) })).status).toBe(401);
    expect((await call(viewer, 'POST', '/api/public/releases', { month: MONTH })).status).toBe(403);
    expect((await call(admin, 'POST', '/api/public/releases', { month: '2099-01' })).status).toBe(400);
    const audit = await auditCount(s.t.db.dataSource);
    const r = await call<{ month: string; releasedAt: string }>(admin, 'POST', '/api/public/releases', { month: MONTH });
    expect(r.status).toBe(201);
    expect(r.body.month).toBe(MONTH);
    expect(await auditCount(s.t.db.dataSource)).toBe(audit + 1);
    expect((await call(admin, 'POST', '/api/public/releases', { month: MONTH })).status).toBe(409);
    expect(((await (await anon('/api/public/releases')).json()) as { month: string }[]).map((x) => x.month)).toEqual([MONTH]);
  });

  it('lists every hazard of the month-end ledger, unit by unit, from the allow-list of fields only', async () => {
    const r = await anon(`/api/public/hazards?month=${MONTH}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('max-age');
    const body = (await r.json()) as PublicHazards;
    const ds = s.t.db.dataSource;
    const ledger: { ledger_no: string; unit_code: string; name: string; deadline: string | null }[] = await ds.query(
      `SELECT h.ledger_no, h.unit_code, e.name, h.deadline FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code WHERE h.found_on <= '2023-12-31' ORDER BY h.unit_code, h.ledger_no`);
    const flat = body.units.flatMap((u) => u.hazards.map((h) => [u.unit, h.ledgerNo, h.enterprise, h.deadline]));
    expect(flat.length).toBeGreaterThan(50);
    expect(flat).toEqual(ledger.map((h) => [h.unit_code, h.ledger_no, h.name, h.deadline]));
    for (const u of body.units) for (const h of u.hazards) expect(Object.keys(h).sort()).toEqual(['category', 'deadline', 'enterprise', 'ledgerNo', 'listing', 'state']);
    expect(new Set(body.units.flatMap((u) => u.hazards.map((h) => h.state)))).toEqual(new Set(['未整改', '未整改（逾期）', '已整改', '已办结销号'].filter((st) => body.units.some((u) => u.hazards.some((h) => h.state === st)))));
  });

  it('names none of the people the ledger names, in the JSON or the CSV', async () => {
    const ds = s.t.db.dataSource;
    const people = new Set<string>((await ds.query(`
      SELECT tracker AS n FROM hazards UNION SELECT responsible_person FROM hazards UNION SELECT closed_by FROM hazards
      UNION SELECT signer FROM hazard_signoffs UNION SELECT unnest(signed_by) FROM inspections UNION SELECT name FROM leaders UNION SELECT main_leader FROM enterprises`))
      .map((r: { n: string | null }) => r.n).filter((n: string | null): n is string => !!n && n.length >= 2));
    expect(people.size).toBeGreaterThan(10);
    // the check can fail: the office's own ledger file of the same month names them
    const office = await (await admin(`/api/exports/hazards.csv?month=${MONTH}`)).text();
    expect([...people].filter((p) => office.includes(p)).length).toBeGreaterThan(10);
    const json = await (await anon(`/api/public/hazards?month=${MONTH}`)).text();
    const csv = await (await anon(`/api/public/hazards.csv?month=${MONTH}`)).text();
    expect([...people].filter((p) => json.includes(p))).toEqual([]);
    expect([...people].filter((p) => csv.includes(p))).toEqual([]);
    const rows: Record<string, string>[] = parse(csv, { columns: true, bom: true });
    expect(Object.keys(rows[0])).toEqual(['单位', '台账编号', '企业名称', '隐患类别', '挂牌督办', '整改期限', '整改状态']);
    expect(rows.length).toBe(((JSON.parse(json)) as PublicHazards).units.reduce((n, u) => n + u.hazards.length, 0));
  });

  it('limits one address to 120 reads a minute', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 130 && !limited; i++) {
      const r = await anon('/api/public/releases');
      if (r.status === 429) limited = r;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
