import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { CalendarJson } from '../../analytics/src/contracts.js';
import { AnalyticsService } from '../../api/src/assessment/analytics.service.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';

// GET /api/calendar on the sample ledger: every due date of the month and its state, checked against the
// sample's known lapses and against the score explanation, which lists the same lapses another way.
describeWith([], 'the month calendar API', () => {
  let s: TestServer;
  let api: (p: string) => Promise<Response>;
  const ZEZHOU = '140525';
  beforeAll(async () => {
    s = await startTestServer();
    api = await s.login('admin', s.adminPassword);
  }, 180_000);
  afterAll(async () => { await s?.close(); });

  const calendar = async (month: string, as = api) => {
    const r = await as(`/api/calendar?month=${month}`);
    expect(r.status).toBe(200);
    return (await r.json()) as CalendarJson;
  };

  it('lists for every county-level unit the 29th report, the dispatch table on the 1st and each Friday of 2023-09', async () => {
    const c = await calendar('2023-09');
    expect(c.asOf).toBe('2023-12-31'); // the campaign is over: its end
    const zezhou = c.dues.filter((d) => d.unit === ZEZHOU);
    expect(zezhou.map((d) => `${d.due} ${d.kind}`)).toEqual([
      '2023-09-01 dispatch_table', '2023-09-01 feedback', '2023-09-08 feedback', '2023-09-15 feedback',
      '2023-09-22 feedback', '2023-09-29 feedback', '2023-09-29 monthly_report',
    ]);
    // the sample's lapses (test/integration/calendar.test.ts): 泽州县 never reported 2023-09, sent its
    // 2023-08 table on 09-02, and gave no feedback on JC-140525-2023-0074 in the week to 09-29
    expect(zezhou.find((d) => d.kind === 'monthly_report')).toMatchObject({ period: '2023-09', state: 'overdue', doneOn: null });
    expect(zezhou.find((d) => d.kind === 'dispatch_table')).toMatchObject({ period: '2023-08', state: 'overdue', doneOn: '2023-09-02' });
    const friday = zezhou.find((d) => d.kind === 'feedback' && d.due === '2023-09-29')!;
    expect(friday.state).toBe('overdue');
    expect(friday.missing).toBeGreaterThanOrEqual(1);
    expect(friday.owed).toBeGreaterThanOrEqual(friday.missing!);
    // every county-level unit of the ledger (the sample adds two test zones), not the city
    const units = (await (await api('/api/units')).json()) as { code: string; level: string }[];
    expect([...new Set(c.dues.map((d) => d.unit))].sort()).toEqual(units.filter((u) => u.level === 'county' || u.level === 'zone').map((u) => u.code).sort());
  }, 120_000);

  it('agrees with each unit\'s score explanation on the lapses of the month', async () => {
    for (const month of ['2023-08', '2023-12']) {
      const c = await calendar(month);
      for (const unit of new Set(c.dues.map((d) => d.unit))) {
        const e = (await (await api(`/api/scores/${unit}?month=${month}`)).json()) as { explanation: { lateSubmissions: { kind: string; due: string; submittedOn: string | null }[]; missedFridays: { friday: string }[] } };
        const mine = c.dues.filter((d) => d.unit === unit);
        const late = e.explanation.lateSubmissions.filter((l) => l.due.startsWith(month)).map((l) => `${l.kind} ${l.due}`).sort();
        expect({ unit, month, late: mine.filter((d) => d.kind !== 'feedback' && d.state !== 'met').map((d) => `${d.kind} ${d.due}`).sort() }).toEqual({ unit, month, late });
        const missedByFriday = new Map<string, number>();
        for (const f of e.explanation.missedFridays.filter((x) => x.friday.startsWith(month))) missedByFriday.set(f.friday, (missedByFriday.get(f.friday) ?? 0) + 1);
        expect({ unit, month, missed: mine.filter((d) => d.kind === 'feedback' && d.missing).map((d) => [d.due, d.missing]) }).toEqual({ unit, month, missed: [...missedByFriday] });
      }
    }
    // the one-off reports fall in their months
    expect((await calendar('2023-08')).dues.filter((d) => d.kind === 'stage_report').map((d) => d.due)).toContain('2023-08-09');
    expect((await calendar('2023-12')).dues.filter((d) => d.kind === 'summary').map((d) => d.due)).toContain('2023-12-09');
  }, 240_000);

  it('leaves a due date after the as-of day open, and a met one met', async () => {
    const c = await s.app.get(AnalyticsService).run((e) => e.calendar('2023-09', '2023-09-15'));
    const z = c.dues.filter((d) => d.unit === ZEZHOU);
    expect(z.find((d) => d.kind === 'monthly_report')!.state).toBe('open');
    expect(z.find((d) => d.kind === 'feedback' && d.due === '2023-09-22')!.state).toBe('open');
    expect(z.find((d) => d.kind === 'dispatch_table')!.state).toBe('overdue');
    expect(c.dues.some((d) => d.state === 'met')).toBe(true);
  }, 120_000);

  it("shows a county's users their own unit only, and refuses another unit", async () => {
    const password = await s.createUser('zezhou-calendar', 'county_branch', ZEZHOU);
    const county = await s.login('zezhou-calendar', password);
    const c = await calendar('2023-09', county);
    expect(new Set(c.dues.map((d) => d.unit))).toEqual(new Set([ZEZHOU]));
    expect((await county('/api/calendar?month=2023-09&unit=140502')).status).toBe(403);
    expect((await api('/api/calendar?month=2031-01')).status).toBe(400);
  }, 120_000);
});
