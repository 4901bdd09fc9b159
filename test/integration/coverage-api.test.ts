import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { CoverageJson } from '../../analytics/src/contracts.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { get, signIn, type Client } from '../support/ledger-api.js';
import { coverageOracle, countyLevelUnits, julyAugustOracle } from '../support/coverage-oracle.js';

// GET /api/coverage (issue 15 item 2) on the sample ledger in a real PostgreSQL: the figures of the
// bundle's rows, every county-level unit for the city roles, one unit's own for a county's users.
describeWith(['postgres'], 'GET /api/coverage', () => {
  let s: TestServer;
  let admin: Client;
  beforeAll(async () => {
    s = await startTestServer({ engine: 'postgres' });
    admin = await s.login('admin', s.adminPassword);
  }, 180_000);
  afterAll(async () => { await s?.close(); });

  it('answers every county-level unit the July–August round and the spot checks as the bundle gives them', async () => {
    const r = await get<CoverageJson>(admin, '/api/coverage?month=2023-08');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ month: '2023-08', asOf: '2023-08-31', campaign: 'jincheng-2023' });
    expect(r.body.phases.map((p) => p.name)).toEqual(['动员部署', '自查自改和部门帮扶', '部门精准执法', '县级全覆盖检查', '市级抽查检查', '巩固提高']);
    const want = julyAugustOracle('2023-08-31');
    expect(r.body.units.map((u) => u.unit).sort()).toEqual(Object.keys(want).sort());
    for (const u of r.body.units) {
      const d = u.duties.find((x) => x.duty === 'county_coverage')!;
      expect({ unit: u.unit, scope: d.scope, checked: d.checked, required: d.required, shortfall: d.shortfall, toInspect: d.toInspect })
        .toEqual({ unit: u.unit, ...want[u.unit] });
    }
    const nov = await get<CoverageJson>(admin, '/api/coverage?month=2023-11');
    for (const unit of countyLevelUnits()) {
      const d = nov.body.units.find((u) => u.unit === unit.code)!.duties.find((x) => x.duty === 'city_spot_check')!;
      const o = coverageOracle(unit.code, unit.parent_code, '2023-09-01', '2023-11-30', '2023-11-30', 20);
      expect([unit.code, d.checked, d.required, d.toInspect.length]).toEqual([unit.code, o.checked, o.required, o.toInspect.length]);
    }
  });

  it('gives a county user its own unit only, refuses another unit, and refuses a month outside the campaign', async () => {
    const county = await signIn(s, 'county_branch', '140502');
    const own = await get<CoverageJson>(county, '/api/coverage?month=2023-10');
    expect(own.status).toBe(200);
    expect(own.body.units.map((u) => u.unit)).toEqual(['140502']);
    // 城区 in October: 7 of 14 inspected in July–August (the board once said 12/14)
    expect(own.body.units[0].duties.find((d) => d.duty === 'county_coverage')).toMatchObject({ checked: 7, scope: 14, status: 'behind' });
    expect((await get(county, '/api/coverage?month=2023-10&unit=140525')).status).toBe(403);
    expect((await get<CoverageJson>(county, '/api/coverage?month=2023-10&unit=140502')).body.units).toHaveLength(1);
    const viewer = await signIn(s, 'viewer');
    expect((await get<CoverageJson>(viewer, '/api/coverage?month=2023-10&unit=140525')).body.units.map((u) => u.unit)).toEqual(['140525']);
    expect((await get(admin, '/api/coverage?month=2024-01')).status).toBe(400);
    expect((await get(admin, '/api/coverage')).status).toBe(400);
  });

  it('PUT /api/campaigns/:code/phases: the city office moves a window and the figures follow; wrong phases are refused with their field', async () => {
    const now = (await get<CoverageJson>(admin, '/api/coverage?month=2023-08')).body.phases;
    const body = (phases: unknown) => ({ method: 'PUT', body: JSON.stringify({ phases }) });
    const strip = (p: CoverageJson['phases'][number]) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null));
    const moved = now.map((p) => (p.key === 'county_coverage' ? { ...strip(p), startOn: '2023-06-01' } : p.key === 'enforcement' ? { ...strip(p), startOn: '2023-06-01' } : p.key === 'self_check' ? { ...strip(p), endOn: '2023-05-31' } : strip(p)));
    const county = await signIn(s, 'county_branch', '140502');
    expect((await county('/api/campaigns/jincheng-2023/phases', body(moved))).status).toBe(403);

    const wrong = [...moved, { key: 'late_duty', name: '晚', startOn: '2023-12-01', endOn: '2024-01-31', withinPhase: 'enforcement', requiredPercent: 10, inspectedBy: 'unit' }];
    const refused = await admin('/api/campaigns/jincheng-2023/phases', body(wrong));
    expect(refused.status).toBe(400);
    const why = ((await refused.json()) as { message: string }).message;
    expect(why).toContain("phases[6]: 2023-12-01 … 2024-01-31 is outside the campaign's window");
    expect(why).toContain('is outside its phase enforcement');
    expect((await admin('/api/campaigns/nope/phases', body(moved))).status).toBe(404);
    // a phase that is not an object (a list, a number, null) is refused naming phases, before the database
    // sees a phase without a key (dto-hostile found [[]] answered with the database's NOT NULL message)
    for (const notAPhase of [[[]], [[moved[0]]], [1], [null]]) {
      const r = await admin('/api/campaigns/jincheng-2023/phases', body(notAPhase));
      const answer = (await r.json()) as { message: unknown; field?: string };
      expect([JSON.stringify(notAPhase), r.status, answer.field]).toEqual([JSON.stringify(notAPhase), 400, 'phases']);
      expect(String(answer.message)).not.toMatch(/Failing row|null value/);
    }
    // a field named __proto__ is refused like any unknown field (the transformer dropped it silently), nested too
    for (const raw of [`{"__proto__":{"isAdmin":true},"phases":${JSON.stringify(moved)}}`, `{"phases":[{"__proto__":{}}]}`]) {
      const r = await admin('/api/campaigns/jincheng-2023/phases', { method: 'PUT', body: raw });
      expect([raw.slice(0, 30), r.status, String(((await r.json()) as { message: unknown }).message)]).toEqual([raw.slice(0, 30), 400, expect.stringContaining('__proto__: a field may not be named __proto__')]);
    }

    const before = Number((await s.t.db.dataSource.query(`SELECT count(*) AS n FROM audit_log WHERE table_name = 'campaign_phases'`))[0].n);
    const r = await admin('/api/campaigns/jincheng-2023/phases', body(moved));
    expect(r.status).toBe(200);
    expect(((await r.json()) as CoverageJson['phases']).find((p) => p.key === 'county_coverage')).toMatchObject({ startOn: '2023-06-01', requiredPercent: 100 });
    expect(Number((await s.t.db.dataSource.query(`SELECT count(*) AS n FROM audit_log WHERE table_name = 'campaign_phases'`))[0].n)).toBe(before + 1);
    try {
      const after = await get<CoverageJson>(admin, '/api/coverage?month=2023-08');
      for (const unit of countyLevelUnits()) {
        const d = after.body.units.find((u) => u.unit === unit.code)!.duties.find((x) => x.duty === 'county_coverage')!;
        expect([unit.code, d.from, d.checked]).toEqual([unit.code, '2023-06-01', coverageOracle(unit.code, unit.code, '2023-06-01', '2023-08-31', '2023-08-31', 100).checked]);
      }
    } finally {
      expect((await admin('/api/campaigns/jincheng-2023/phases', body(now.map(strip)))).status).toBe(200);
    }
  });
});
