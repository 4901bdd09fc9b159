import { describe, expect, it } from '@jest/globals';
import { campaignOfMonth, monthProblem, previousAssessedMonth, type Campaign } from '../../../api/src/campaign/campaign.js';
import { campaignProblems } from '../../../api/src/campaign/campaign-rules.js';
import { pickCampaign } from '../../../dashboard/src/months.js';

const C2023: Campaign = { code: 'jincheng-2023', name: '2023行动', startOn: '2023-04-25', endOn: '2023-12-31', firstMonth: '2023-05', lastMonth: '2023-12', stageReportDue: '2023-08-09', summaryDue: '2023-12-09' };
const C2024: Campaign = { code: 'jincheng-2024', name: '2024行动', startOn: '2024-04-23', endOn: '2024-12-31', firstMonth: '2024-05', lastMonth: '2024-12', stageReportDue: '2024-08-07', summaryDue: '2024-12-07' };
const ALL = [C2023, C2024];

describe('the campaign of a month', () => {
  it('is the one whose assessed months hold it; other months are refused naming every campaign', () => {
    expect(campaignOfMonth(ALL, '2024-08')?.code).toBe('jincheng-2024');
    expect(campaignOfMonth(ALL, '2023-05')?.code).toBe('jincheng-2023');
    expect(campaignOfMonth(ALL, '2024-01')).toBeUndefined();
    expect(monthProblem(ALL, '2024-08')).toBeUndefined();
    expect(monthProblem(ALL, '2024-01')).toBe('month 2024-01 is not an assessed month of any campaign: 2023-05 … 2023-12 (jincheng-2023), 2024-05 … 2024-12 (jincheng-2024)');
    expect(monthProblem(ALL, 'August')).toMatch(/^--month must be YYYY-MM/);
  });

  it('has no month before the first of its campaign (movement starts afresh)', () => {
    expect(previousAssessedMonth(ALL, '2024-05')).toBeUndefined();
    expect(previousAssessedMonth(ALL, '2024-06')).toBe('2024-05');
  });

  it('is the page\'s campaign in the dashboard before the switcher\'s choice', () => {
    const cs = ALL.map((c) => ({ code: c.code, months: c.firstMonth === '2023-05' ? ['2023-05', '2023-12'] : ['2024-05', '2024-12'] }));
    expect(pickCampaign(cs, '2023-12', 'jincheng-2024').code).toBe('jincheng-2023');
    expect(pickCampaign(cs, null, 'jincheng-2023').code).toBe('jincheng-2023');
    expect(pickCampaign(cs, '2030-01', 'nope').code).toBe('jincheng-2024');
  });
});

describe('the rules of a campaign', () => {
  const draft = { ...C2024 };
  it('accepts a campaign that keeps them', () => expect(campaignProblems(draft, ALL)).toEqual([]));
  it('names the field that breaks one', () => {
    const fields = (c: Partial<Campaign>) => campaignProblems({ ...draft, ...c }, ALL).map((p) => [p.field, !!p.overlap]);
    expect(fields({ firstMonth: '2024-13' })).toEqual([['firstMonth', false]]);
    expect(fields({ firstMonth: '2024-12', lastMonth: '2024-11' })).toEqual([['lastMonth', false]]);
    expect(fields({ startOn: '2024-05-02' })).toEqual([['startOn', false]]);
    expect(fields({ endOn: '2024-12-30' })).toEqual([['endOn', false]]);
    expect(fields({ stageReportDue: '2024-04-22' })).toEqual([['stageReportDue', false]]);
    expect(fields({ startOn: '2023-11-01', firstMonth: '2023-12' })).toEqual([['firstMonth', true]]);
    // a due date may be left out (not owed)
    expect(fields({ stageReportDue: null, summaryDue: null })).toEqual([]);
  });
});
