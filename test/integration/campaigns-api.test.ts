import fs from 'node:fs';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { get, post, signIn, type Client } from '../support/ledger-api.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import type { DispatchJson, ScoresJson } from '../../analytics/src/contracts.js';
import type { CampaignDto } from '../../api/src/campaign/campaigns.dto.js';

// GET /api/campaigns for every signed-in user, POST /api/campaigns for the city office with the checks of a
// bundle's campaigns.csv; then the 2024 sample (its own campaigns.csv) beside the 2023 one, on PostgreSQL:
// the figures of a 2024 month are those its fixture expects, the 2023 months unchanged.
const SAMPLE_2024 = path.resolve('test/fixtures/jincheng-2024-sample');
const expected2024 = <T>(kind: string, month: string): T => JSON.parse(fs.readFileSync(path.join(SAMPLE_2024, 'expected', `${kind}-${month}.json`), 'utf8')) as T;

const CAMPAIGN_2030 = { code: 'test-2030', name: '测试2030行动', startOn: '2030-04-20', endOn: '2030-12-31', firstMonth: '2030-05', lastMonth: '2030-12', stageReportDue: '2030-08-09', summaryDue: null };

describeWith(['postgres'], 'campaigns over HTTP', () => {
  let s: TestServer;
  let office: Client;
  let county: Client;
  let viewer: Client;
  let leader: Client;
  beforeAll(async () => {
    s = await startTestServer({ engine: 'postgres' });
    office = await s.login('admin', s.adminPassword);
    county = await signIn(s, 'county_branch', '140502');
    viewer = await signIn(s, 'viewer');
    leader = await signIn(s, 'group_leader');
  }, 180_000);
  afterAll(async () => { await s?.close(); });

  it('lists the campaigns with their due dates and months to every role', async () => {
    for (const c of [office, county, viewer, leader]) {
      const r = await get<CampaignDto[]>(c, '/api/campaigns');
      expect(r.status).toBe(200);
      expect(r.body).toEqual([{
        code: 'jincheng-2023', name: '危险废物领域重大事故隐患专项排查整治2023行动', startOn: '2023-04-25', endOn: '2023-12-31',
        firstMonth: '2023-05', lastMonth: '2023-12', stageReportDue: '2023-08-09', summaryDue: '2023-12-09',
        months: ['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'],
      }]);
    }
  });

  it('lets only the city office add a campaign', async () => {
    for (const c of [county, viewer, leader]) expect((await post(c, '/api/campaigns', CAMPAIGN_2030)).status).toBe(403);
    expect((await get<CampaignDto[]>(office, '/api/campaigns')).body).toHaveLength(1);
  });

  it('refuses with 400 naming the field, and 409 for an overlap, writing nothing', async () => {
    const refusals: [Record<string, unknown>, number, string, RegExp][] = [
      [{ firstMonth: '2030-5' }, 400, 'firstMonth', /firstMonth must be a month YYYY-MM/],
      [{ startOn: '2030-05-02' }, 400, 'startOn', /after the first assessed month's first day \(2030-05-01\)/],
      [{ endOn: '2030-12-30' }, 400, 'endOn', /before the last assessed month's last day \(2030-12-31\)/],
      [{ lastMonth: '2030-04' }, 400, 'lastMonth', /2030-04 is before the first assessed month 2030-05/],
      [{ summaryDue: '2031-01-09' }, 400, 'summaryDue', /outside the campaign's window 2030-04-20 … 2030-12-31/],
      [{ stageReportDue: '2030-02-30' }, 400, 'stageReportDue', /stageReportDue must be a date/],
      [{ startOn: '2023-11-01', firstMonth: '2023-12' }, 409, 'firstMonth', /overlap campaign "jincheng-2023" \(2023-05 … 2023-12\)/],
      [{ code: 'jincheng-2023' }, 409, 'code', /exists already/],
    ];
    for (const [change, status, field, message] of refusals) {
      const r = await post(office, '/api/campaigns', { ...CAMPAIGN_2030, ...change });
      expect([JSON.stringify(change), r.status, r.body.field]).toEqual([JSON.stringify(change), status, field]);
      const m = r.body.message as unknown;
      expect(Array.isArray(m) ? m.join('; ') : String(m)).toMatch(message);
    }
    expect((await get<CampaignDto[]>(office, '/api/campaigns')).body.map((c) => c.code)).toEqual(['jincheng-2023']);
  });

  it('adds a campaign: listed, its months accepted, audited', async () => {
    const r = await post<CampaignDto>(office, '/api/campaigns', CAMPAIGN_2030);
    expect(r.status).toBe(201);
    expect(r.body.months).toEqual(['2030-05', '2030-06', '2030-07', '2030-08', '2030-09', '2030-10', '2030-11', '2030-12']);
    expect((await get<CampaignDto[]>(viewer, '/api/campaigns')).body.map((c) => [c.code, c.summaryDue])).toEqual([['jincheng-2023', '2023-12-09'], ['test-2030', null]]);
    const [audit] = await s.t.db.dataSource.query(`SELECT actor, after FROM audit_log WHERE action = 'campaign.create'`);
    expect(audit.actor).toBe('admin');
    expect(audit.after.code).toBe('test-2030');
    // a month of the new campaign is an assessed month; one of no campaign is refused
    expect((await get<ScoresJson>(office, '/api/scores?month=2030-08')).status).toBe(200);
    expect((await get(office, '/api/scores?month=2029-08')).status).toBe(400);
  });

  it('computes a 2024 month with the 2024 campaign once its bundle is imported', async () => {
    await importBundle(s.t.db.dataSource, path.join(SAMPLE_2024, 'bundle'), { actor: 'test' });
    const codes = (await get<CampaignDto[]>(county, '/api/campaigns')).body.map((c) => c.code);
    expect(codes).toEqual(['jincheng-2023', 'jincheng-2024', 'test-2030']);
    for (const month of ['2024-08', '2024-12']) {
      const scores = await get<ScoresJson & { units: { unit: string; rank: number; total: number; I4: number; parts: { late: number } }[] }>(office, `/api/scores?month=${month}`);
      const want = expected2024<ScoresJson>('scores', month);
      expect(scores.body.asOf).toBe(want.asOf);
      expect(scores.body.units.map((u) => [u.unit, u.rank, u.total, u.I4, u.parts.late]))
        .toEqual(want.units.map((u) => [u.unit, u.rank, u.total, u.I4, u.parts.late]));
      const dispatch = await get<DispatchJson>(office, `/api/dispatch?month=${month}`);
      expect(dispatch.body.cityWide).toEqual(expected2024<DispatchJson>('dispatch', month).cityWide);
    }
    // a unit's trend runs over the months of the campaign of the month asked
    const trend = await get<{ month: string; total: number }[]>(office, '/api/scores/140502/trend?month=2024-08');
    expect(trend.body.map((p) => p.month)).toEqual(['2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12']);
    expect(trend.body.at(-1)!.total).toBe(expected2024<ScoresJson>('scores', '2024-12').units.find((u) => u.unit === '140502')!.total);
    expect((await get<{ month: string }[]>(office, '/api/scores/140502/trend?month=2023-08')).body.map((p) => p.month)[0]).toBe('2023-05');
    // the 2023 campaign's figures stand beside them
    const may = await get<ScoresJson>(office, '/api/scores?month=2023-12');
    const want2023 = JSON.parse(fs.readFileSync(path.resolve('test/fixtures/jincheng-sample/expected/scores-2023-12.json'), 'utf8')) as ScoresJson;
    expect(may.body.units.map((u) => [u.unit, u.total])).toEqual(want2023.units.map((u) => [u.unit, u.total]));
  }, 180_000);

  it('titles the 调度表 of a month with that month\'s campaign from the campaigns table', async () => {
    const titles = async (month: string): Promise<string[]> => {
      const r = await office(`/api/exports/dispatch.xlsx?month=${month}`);
      expect(r.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
      return wb.worksheets.map((ws) => String(ws.getCell('A1').value));
    };
    const names = new Map((await get<CampaignDto[]>(office, '/api/campaigns')).body.map((c) => [c.code, c.name]));
    // the 2024 sample's campaigns.csv names its campaign "晋城市…2024行动": the attachment's first line has no city
    expect(names.get('jincheng-2024')).toContain('2024行动');
    const t2024 = await titles('2024-08');
    expect(t2024[0]).toBe('危险废物领域重大事故隐患专项排查整治\n2024行动进展情况调度表（汇总）');
    for (const t of t2024.slice(1)) expect(t).toBe('危险废物领域重大事故隐患专项排查整治\n2024行动进展情况调度表');
    expect(t2024.join('')).not.toContain('2023');
    // a 2023 month keeps the notice's own title
    expect((await titles('2023-08'))[1]).toBe('危险废物领域重大事故隐患专项排查整治\n2023行动进展情况调度表');
  }, 180_000);
});
