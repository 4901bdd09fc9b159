import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { get, type Client } from '../support/ledger-api.js';
import type { TimelineEvent } from '../../api/src/ledger/hazards/hazards.repository.js';

// A hazard's timeline as a person reads it (GET /api/hazards/:ledgerNo on the sample ledger): in date
// order, the assigned unit by its name, the deadline among the steps and 逾期 where it was missed. The
// expected values are read from the tables here, not from the code under test.

interface Detail { ledgerNo: string; deadline: string | null; rectifiedOn: string | null; overdue: boolean; timeline: TimelineEvent[] }

describeWith([], 'hazard timeline', () => {
  let s: TestServer;
  let city: Client;
  beforeAll(async () => {
    s = await startTestServer();
    city = await s.login('admin', s.adminPassword);
  }, 120_000);
  afterAll(async () => { await s?.close(); });

  const detail = async (ledgerNo: string) => (await get<Detail>(city, `/api/hazards/${encodeURIComponent(ledgerNo)}`)).body;
  const sorted = (t: TimelineEvent[]) => t.map((e) => e.on).every((on, i, all) => i === 0 || all[i - 1] <= on);

  it('names the assigned unit and keeps every step in date order', async () => {
    const rows = (await s.t.db.dataSource.query(
      `SELECT a.hazard_ledger_no AS "ledgerNo", u.name FROM assignments a JOIN units u ON u.code = a.unit_code
       WHERE EXISTS (SELECT 1 FROM feedback f WHERE f.hazard_ledger_no = a.hazard_ledger_no) ORDER BY 1 LIMIT 5`)) as { ledgerNo: string; name: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const h = await detail(r.ledgerNo);
      const assigned = h.timeline.filter((e) => e.event === 'assigned');
      expect({ no: r.ledgerNo, assigned: assigned.map((e) => e.detail) }).toEqual({ no: r.ledgerNo, assigned: [r.name] });
      expect({ no: r.ledgerNo, sorted: sorted(h.timeline) }).toEqual({ no: r.ledgerNo, sorted: true });
    }
  });

  it('puts a rectification after a feedback only when it came later (date order, not the order of the steps)', async () => {
    const [r] = (await s.t.db.dataSource.query(
      `SELECT h.ledger_no AS "ledgerNo" FROM hazards h JOIN feedback f ON f.hazard_ledger_no = h.ledger_no
       WHERE h.rectified_on < f.feedback_on ORDER BY 1 LIMIT 1`)) as { ledgerNo: string }[];
    if (!r) return; // the sample has no feedback after a rectification: the first test's order check covers the rest
    const h = await detail(r.ledgerNo);
    const events = h.timeline.map((e) => e.event);
    expect(events.indexOf('rectified')).toBeLessThan(events.lastIndexOf('feedback'));
    expect(sorted(h.timeline)).toBe(true);
  });

  it('marks 逾期 on the deadline of an overdue hazard and on a late rectification, and says overdue on the record', async () => {
    const [open] = (await s.t.db.dataSource.query(
      `SELECT ledger_no AS "ledgerNo" FROM hazards WHERE deadline IS NOT NULL AND rectified_on IS NULL AND deadline < (SELECT end_on FROM campaigns LIMIT 1) - 30 ORDER BY 1 LIMIT 1`)) as { ledgerNo: string }[];
    const [late] = (await s.t.db.dataSource.query(
      `SELECT ledger_no AS "ledgerNo" FROM hazards WHERE rectified_on > deadline ORDER BY 1 LIMIT 1`)) as { ledgerNo: string }[];
    const [onTime] = (await s.t.db.dataSource.query(
      `SELECT ledger_no AS "ledgerNo" FROM hazards WHERE rectified_on <= deadline ORDER BY 1 LIMIT 1`)) as { ledgerNo: string }[];
    expect([!!open, !!late, !!onTime]).toEqual([true, true, true]);

    const o = await detail(open.ledgerNo);
    expect([o.overdue, o.timeline.find((e) => e.event === 'deadline')]).toEqual([true, expect.objectContaining({ on: o.deadline, overdue: true })]);
    const l = await detail(late.ledgerNo);
    expect([l.overdue, l.timeline.filter((e) => e.overdue).map((e) => e.event)]).toEqual([true, ['deadline', 'rectified']]);
    const t = await detail(onTime.ledgerNo);
    expect([t.overdue, t.timeline.filter((e) => e.overdue)]).toEqual([false, []]);
    for (const h of [o, l, t]) expect(sorted(h.timeline)).toBe(true);
  });
});
