import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CalendarJobs } from '../../api/src/schedule/calendar.jobs.js';

// Each alert kind fires on its day and not the day before, on the sample ledger; running a day twice adds nothing.
describeWith([], 'campaign calendar alerts', () => {
  let s: TestServer;
  let jobs: CalendarJobs;
  beforeAll(async () => {
    s = await startTestServer();
    jobs = s.app.get(CalendarJobs);
  });
  afterAll(async () => { await s?.close(); });

  const alerts = (kind: string, due: string) =>
    s.t.db.dataSource.query(`SELECT unit_code, record_ref FROM alerts WHERE kind = $1 AND due_on = $2 ORDER BY unit_code, record_ref`, [kind, due]) as Promise<{ unit_code: string; record_ref: string }[]>;

  it('overdue scan: JC-140502-2023-0001 (deadline 07-17, rectified 08-07) is overdue from 07-18, not on 07-17', async () => {
    await jobs.runDay('2023-07-17');
    expect((await alerts('hazard_overdue', '2023-07-17')).map((a) => a.record_ref)).not.toContain('JC-140502-2023-0001');
    await jobs.runDay('2023-07-18');
    expect(await alerts('hazard_overdue', '2023-07-17')).toContainEqual({ unit_code: '140502', record_ref: 'JC-140502-2023-0001' });
  });

  it("monthly report: 泽州县 never reported 2023-09; the alert comes on the 29th, not the 28th", async () => {
    const before = await jobs.runDay('2023-09-28');
    expect(before.monthly_report_missing).toBe(0);
    await jobs.runDay('2023-09-29');
    const units = (await alerts('monthly_report_missing', '2023-09-29')).map((a) => a.unit_code);
    expect(units).toContain('140525');
    expect(units).not.toContain('140500'); // the city is not a county-level unit
  });

  it('Friday feedback: JC-140525-2023-0074 had no feedback in 09-23 … 09-29; the alert comes on Friday, not Thursday', async () => {
    const thursday = await jobs.runDay('2023-09-28');
    expect(thursday.feedback_missing).toBe(0);
    await jobs.runDay('2023-09-29');
    expect(await alerts('feedback_missing', '2023-09-29')).toContainEqual({ unit_code: '140525', record_ref: 'JC-140525-2023-0074' });
  });

  it("dispatch table: 泽州县's 2023-08 table came on 09-02; the alert comes on 09-01, not 08-31, with a draft ranking", async () => {
    const before = await jobs.runDay('2023-08-31');
    expect(before.dispatch_table_missing).toBe(0);
    expect(before.draft_ranking).toBe(0);
    const on = await jobs.runDay('2023-09-01');
    expect(await alerts('dispatch_table_missing', '2023-09-01')).toContainEqual({ unit_code: '140525', record_ref: '2023-08' });
    expect(on.draft_ranking).toBe(1);
  });

  it('running a day again adds nothing', async () => {
    const [{ n: before }] = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM alerts`);
    const again = await jobs.runDay('2023-09-29');
    const [{ n: after }] = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM alerts`);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect(after).toBe(before);
  });

  it('lists a unit its own alerts through the API', async () => {
    const pw = await s.createUser('zz_calendar', 'county_branch', '140525');
    const get = await s.login('zz_calendar', pw);
    const list = (await (await get('/api/alerts')).json()) as { unitCode: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map((a) => a.unitCode))).toEqual(new Set(['140525']));
    expect((await get('/api/alerts?unit=140502')).status).toBe(403);
  });
});
