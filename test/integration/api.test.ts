import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { SAMPLE_EXPECTED } from '../support/databases.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { copySampleWith } from '../support/sample-copy.js';

type Get = Awaited<ReturnType<TestServer['login']>>;
const expected = (kind: string, month: string) => JSON.parse(fs.readFileSync(path.join(SAMPLE_EXPECTED, `${kind}-${month}.json`), 'utf8'));

describeWith([], 'HTTP API on the sample ledger', () => {
  let s: TestServer;
  let admin: Get;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin', s.adminPassword);
  });
  afterAll(async () => { await s?.close(); });

  it('refuses requests without a token, and a wrong password', async () => {
    expect((await fetch(`${s.baseUrl}/api/units`)).status).toBe(401);
    const bad = await fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'nope' }) });
    expect(bad.status).toBe(401);
    const noField = await fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin' }) });
    expect(noField.status).toBe(400);
    expect(((await noField.json()) as { message: string }).message).toMatch(/password/);
  });

  it('sends security headers and refuses an oversized body with 413', async () => {
    const r = await admin('/api/units');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const big = await admin('/api/scores/what-if', { method: 'POST', body: JSON.stringify({ month: '2023-08', params: {}, pad: 'x'.repeat(3_000_000) }) });
    expect(big.status).toBe(413);
  });

  it('lists the units', async () => {
    const units = (await (await admin('/api/units')).json()) as { code: string }[];
    expect(units.map((u) => u.code)).toEqual(['140500', '140500KF', '140502', '140521', '140522', '140524', '140525', '140581', '140596', '140597']);
  });

  it('ranks as the spec computes, with movement since the previous month', async () => {
    const body = (await (await admin('/api/scores?month=2023-08')).json()) as { units: { unit: string; rank: number; total: number; movement: { rankChange: number } | null }[] };
    const want = expected('scores', '2023-08');
    expect(body.units.map((u) => [u.unit, u.rank, u.total])).toEqual(want.units.map((u: { unit: string; rank: number; total: number }) => [u.unit, u.rank, u.total]));
    const july = expected('scores', '2023-07');
    for (const u of body.units) {
      const before = july.units.find((x: { unit: string }) => x.unit === u.unit);
      expect(u.movement?.rankChange).toBe(before.rank - u.rank);
    }
    expect((await admin('/api/scores?month=2024-01')).status).toBe(400);
  });

  it("explains 泽州县's overdue hazards by ledger number", async () => {
    const r = (await (await admin('/api/scores/140525?month=2023-08')).json()) as { parts: { overdue: number }; explanation: { overdueHazards: { ledgerNo: string }[] } };
    const want = expected('scores', '2023-08').units.find((u: { unit: string }) => u.unit === '140525');
    expect(r.parts.overdue).toBe(want.parts.overdue);
    expect(r.explanation.overdueHazards).toHaveLength(want.parts.overdue);
    for (const o of r.explanation.overdueHazards) expect(o.ledgerNo).toMatch(/^JC-140525-/);
  });

  it('what-if with I3 doubled to 50 ranks again and names the units that moved, storing nothing', async () => {
    const r = await admin('/api/scores/what-if', { method: 'POST', body: JSON.stringify({ month: '2023-08', params: { I3: { penalised: 20, enforcedRectified: 20, cases: 10 } } }) });
    expect(r.status).toBe(201);
    const body = (await r.json()) as { ranking: { units: { unit: string; rank: number; I3: number }[] }; changes: { unit: string; rankBefore: number; rankAfter: number }[] };
    const base = expected('scores', '2023-08').units as { unit: string; rank: number; I3: number }[];
    for (const u of body.ranking.units) {
      const b = base.find((x) => x.unit === u.unit)!;
      expect(u.I3).toBeCloseTo(b.I3 * 2, 1); // each term doubles; rounding may differ by a cent
      const moved = body.changes.find((c) => c.unit === u.unit);
      if (u.rank !== b.rank) expect(moved).toMatchObject({ rankBefore: b.rank, rankAfter: u.rank });
    }
    expect(body.changes.some((c) => c.rankBefore !== c.rankAfter)).toBe(true);
    const [{ n }] = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM scoring_schemes`);
    expect(n).toBe(1);
  });

  it('a published ranking does not move after a ledger correction; the comparison shows what changed', async () => {
    const published = await admin('/api/rankings/2023-08/publish', { method: 'POST' });
    expect(published.status).toBe(201);
    expect((await admin('/api/rankings/2023-08/publish', { method: 'POST' })).status).toBe(409);
    // correction: 泽州县's overdue hazard rectified in time after all
    const overdue = (await (await admin('/api/scores/140525?month=2023-08')).json()) as { explanation: { overdueHazards: { ledgerNo: string; deadline: string }[] } };
    const first = overdue.explanation.overdueHazards[0];
    const dir = copySampleWith('hazards.csv', (row) => (row.ledger_no === first.ledgerNo ? { ...row, rectified_on: first.deadline, closed_on: '' , closed_by: '' } : row));
    await importBundle(s.t.db.dataSource, dir, { actor: 'test' });
    // no call to the server: it must notice the ledger changed by itself
    const cmp = (await (await admin('/api/rankings/2023-08/published')).json()) as { published: { ranking: { units: { unit: string; total: number }[] } }; live: { units: { unit: string; total: number }[] }; ledgerChanged: boolean; changes: { unit: string }[] };
    const want = expected('scores', '2023-08').units;
    expect(cmp.published.ranking.units.map((u) => u.total)).toEqual(want.map((u: { total: number }) => u.total));
    expect(cmp.ledgerChanged).toBe(true);
    expect(cmp.changes.map((c) => c.unit)).toContain('140525');
    expect(cmp.live.units.find((u) => u.unit === '140525')!.total).toBeGreaterThan(want.find((u: { unit: string }) => u.unit === '140525').total);
  });

  it("keeps a county user to its own unit's records", async () => {
    const pw = await s.createUser('zz_api', 'county_branch', '140525');
    const county = await s.login('zz_api', pw);
    expect((await county('/api/scores?month=2023-08')).status).toBe(200);
    expect((await county('/api/scores/140525?month=2023-08')).status).toBe(200);
    const other = await county('/api/scores/140502?month=2023-08');
    expect(other.status).toBe(403);
    const list = (await (await county('/api/hazards?pageSize=500')).json()) as { items: { unitCode: string; ledgerNo: string }[] };
    expect(list.items.length).toBeGreaterThan(0);
    const [{ n }] = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code WHERE h.found_on <= '2023-12-31' AND (h.unit_code = '140525' OR e.unit_code = '140525' OR EXISTS (SELECT 1 FROM assignments a WHERE a.hazard_ledger_no = h.ledger_no AND a.unit_code = '140525'))`);
    expect(list.items.length).toBe(n);
    expect((await county('/api/hazards/JC-140502-2023-0001')).status).toBe(403);
    expect((await county('/api/trace?month=2023-08')).status).toBe(403);
  });

  it("shows a hazard's timeline", async () => {
    const h = (await (await admin('/api/hazards/JC-140502-2023-0001')).json()) as { timeline: { event: string; on: string }[] };
    expect(h.timeline.map((e) => e.event)).toEqual(['found', 'deadline', 'rectified', 'closed']);
    expect(h.timeline[0].on).toBe('2023-05-07');
  });
});
