import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { appendRow, copyBundle, keepOnly, refusal, removeBundle, setCell, tableCounts, workbookFromBundle } from '../support/bundles.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { loadCampaigns } from '../../api/src/campaign/campaign.js';
import { checkUnitScope } from '../../api/src/imports/unit-scope.js';

// campaigns.csv (spec/bundle.md): a bundle brings a campaign or corrects one, whole or not at all, and
// every broken rule is named FILE:LINE: COLUMN. The 2024 sample brings its own campaign on line 2.
const SAMPLE_2024 = path.resolve('test/fixtures/jincheng-2024-sample/bundle');

describe('a bundle\'s campaigns.csv', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase('embedded');
    await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
  });
  afterAll(async () => { await t?.drop(); });

  /** The 2024 bundle edited by `edit`: refused with exactly `expected`, nothing written. */
  async function refused(edit: (dir: string) => void, expected: string[], asWorkbook = false): Promise<void> {
    const dir = copyBundle(SAMPLE_2024);
    try {
      edit(dir);
      const before = await tableCounts(t.db.dataSource);
      const target = asWorkbook ? path.join(dir, 'bundle.xlsx') : dir;
      if (asWorkbook) await workbookFromBundle(dir, target);
      expect(await refusal(importBundle(t.db.dataSource, target, { actor: 'test' }))).toEqual(expected);
      expect(await tableCounts(t.db.dataSource)).toEqual(before);
    } finally {
      removeBundle(dir);
    }
  }
  const set = (column: string, value: string) => (d: string) => setCell(d, 'campaigns.csv', 2, column, value);

  it('refuses a month not written YYYY-MM', () => refused(set('first_month', '2024-5'),
    ['campaigns.csv:2: first_month: "2024-5" is not a month written YYYY-MM']));
  it('refuses a first month after the last', () => refused((d) => { set('first_month', '2024-12')(d); set('last_month', '2024-11')(d); set('end_on', '2024-12-31')(d); },
    ['campaigns.csv:2: last_month: 2024-11 is before the first assessed month 2024-12']));
  it('refuses a window that starts after the first assessed month begins', () => refused(set('start_on', '2024-05-02'),
    ["campaigns.csv:2: start_on: 2024-05-02 is after the first assessed month's first day (2024-05-01): the window must hold the assessed months"]));
  it('refuses a window that ends before the last assessed month ends', () => refused(set('end_on', '2024-12-30'),
    ["campaigns.csv:2: end_on: 2024-12-30 is before the last assessed month's last day (2024-12-31): the window must hold the assessed months"]));
  it('refuses a due date outside the window', () => refused(set('summary_due', '2025-01-07'),
    ["campaigns.csv:2: summary_due: the summary due 2025-01-07 is outside the campaign's window 2024-04-23 … 2024-12-31"]));
  it('refuses assessed months that overlap a campaign in the database', () => refused((d) => { set('start_on', '2023-11-20')(d); set('first_month', '2023-12')(d); },
    ['campaigns.csv:2: first_month: assessed months 2023-12 … 2024-12 overlap campaign "jincheng-2023" (2023-05 … 2023-12): a month is assessed by one campaign']));
  it('refuses two campaigns of the bundle whose months overlap, on both lines', () => refused((d) => {
    appendRow(d, 'campaigns.csv', { code: 'jincheng-2024b', name: '另一行动', start_on: '2024-11-01', end_on: '2025-03-31', first_month: '2024-11', last_month: '2025-03' });
  }, [
    'campaigns.csv:2: first_month: assessed months 2024-05 … 2024-12 overlap campaign "jincheng-2024b" (2024-11 … 2025-03): a month is assessed by one campaign',
    'campaigns.csv:3: first_month: assessed months 2024-11 … 2025-03 overlap campaign "jincheng-2024" (2024-05 … 2024-12): a month is assessed by one campaign',
  ]));
  it('refuses a correction of a campaign in the database that breaks its window', () => refused((d) => {
    keepOnly(d, ['units.csv', 'campaigns.csv']);
    setCell(d, 'campaigns.csv', 2, 'code', 'jincheng-2023');
    for (const [c, v] of Object.entries({ start_on: '2023-04-25', end_on: '2023-12-31', first_month: '2023-05', last_month: '2023-12', stage_report_due: '2024-01-09', summary_due: '2023-12-09' })) setCell(d, 'campaigns.csv', 2, c, v);
  }, ["campaigns.csv:2: stage_report_due: the stage report due 2024-01-09 is outside the campaign's window 2023-04-25 … 2023-12-31"]));
  it('names the sheet and row of a workbook', () => refused(set('end_on', '2024-12-30'),
    ["campaigns:2: end_on: 2024-12-30 is before the last assessed month's last day (2024-12-31): the window must hold the assessed months"], true));

  it('lets a county\'s bundle repeat a campaign unchanged, never add or change one', async () => {
    const dir = copyBundle(SAMPLE_2024);
    try {
      keepOnly(dir, ['units.csv', 'campaigns.csv']);
      const county = { actor: 'county', check: checkUnitScope('140502') };
      expect(await refusal(importBundle(t.db.dataSource, dir, county))).toEqual([
        'campaigns.csv:2: code: campaign "jincheng-2024" is new or changed: campaigns are the city office\'s to add or change (城区 (140502))',
      ]);
      appendRow(dir, 'campaigns.csv', { code: 'jincheng-2023', name: '危险废物领域重大事故隐患专项排查整治2023行动', start_on: '2023-04-25', end_on: '2023-12-31', first_month: '2023-05', last_month: '2023-12', stage_report_due: '2023-08-09', summary_due: '2023-12-09' });
      setCell(dir, 'campaigns.csv', 2, 'code', 'jincheng-2023');
      for (const [c, v] of Object.entries({ start_on: '2023-04-25', end_on: '2023-12-31', first_month: '2023-05', last_month: '2023-12', stage_report_due: '2023-08-09', summary_due: '2023-12-09', name: '危险废物领域重大事故隐患专项排查整治2023行动' })) setCell(dir, 'campaigns.csv', 2, c, v);
      // line 2 and line 3 are now the same campaign: a duplicate key, however unchanged
      expect(await refusal(importBundle(t.db.dataSource, dir, county))).toEqual(['campaigns.csv:3: code: duplicate key: code "jincheng-2023" is also on line 2']);
    } finally {
      removeBundle(dir);
    }
    const one = copyBundle(SAMPLE_2024);
    try {
      keepOnly(one, ['units.csv', 'campaigns.csv']);
      for (const [c, v] of Object.entries({ code: 'jincheng-2023', name: '危险废物领域重大事故隐患专项排查整治2023行动', start_on: '2023-04-25', end_on: '2023-12-31', first_month: '2023-05', last_month: '2023-12', stage_report_due: '2023-08-09', summary_due: '2023-12-09' })) setCell(one, 'campaigns.csv', 2, c, v);
      const r = await importBundle(t.db.dataSource, one, { actor: 'county', check: checkUnitScope('140502') });
      expect(r.files['campaigns.csv']).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    } finally {
      removeBundle(one);
    }
  });

  it('imports the 2024 campaign with its ledger, then corrects a campaign already in the database', async () => {
    const r = await importBundle(t.db.dataSource, SAMPLE_2024, { actor: 'test' });
    expect(r.files['campaigns.csv']).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await loadCampaigns(t.db.dataSource)).toEqual([
      { code: 'jincheng-2023', name: '危险废物领域重大事故隐患专项排查整治2023行动', startOn: '2023-04-25', endOn: '2023-12-31', firstMonth: '2023-05', lastMonth: '2023-12', stageReportDue: '2023-08-09', summaryDue: '2023-12-09' },
      { code: 'jincheng-2024', name: '晋城市危险废物领域重大事故隐患专项排查整治2024行动', startOn: '2024-04-23', endOn: '2024-12-31', firstMonth: '2024-05', lastMonth: '2024-12', stageReportDue: '2024-08-07', summaryDue: '2024-12-07' },
    ]);
    // the same bundle again changes nothing
    expect((await importBundle(t.db.dataSource, SAMPLE_2024, { actor: 'test' })).files['campaigns.csv']).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const dir = copyBundle(SAMPLE_2024);
    try {
      keepOnly(dir, ['units.csv', 'campaigns.csv']);
      setCell(dir, 'campaigns.csv', 2, 'summary_due', '2024-12-10');
      expect((await importBundle(t.db.dataSource, dir, { actor: 'test' })).files['campaigns.csv']).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    } finally {
      removeBundle(dir);
    }
    expect((await loadCampaigns(t.db.dataSource))[1].summaryDue).toBe('2024-12-10');
    const [audit] = await t.db.dataSource.query(`SELECT before, after FROM audit_log WHERE action = 'bundle.correct' AND table_name = 'campaigns' ORDER BY id DESC LIMIT 1`);
    expect([audit.before, audit.after]).toEqual([{ summary_due: '2024-12-07' }, { summary_due: '2024-12-10' }]);
  });
});
