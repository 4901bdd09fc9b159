import { describe, expect, it } from '@jest/globals';
import { DatabaseProbe, PROBE_EVERY_MS } from '../../../api/src/health/database-probe.js';

// GET /api/health answers the last probe of the database while it is younger than PROBE_EVERY_MS
// (api/src/health/database-probe.ts says why): it must still find out when the database goes away.
describe('the health probe of the database', () => {
  function subject(answers: boolean[]) {
    let now = 1_000_000;
    let sent = 0;
    const db = { query: async () => { const ok = answers[sent++]; if (!ok) throw new Error('connection refused'); return [{ '?column?': 1 }]; } };
    const probe = new DatabaseProbe(db as never, () => now);
    return { probe, sent: () => sent, advance: (ms: number) => { now += ms; } };
  }

  it('sends one SELECT 1 for the requests of one interval, concurrent or not', async () => {
    const s = subject([true, true]);
    const first = await Promise.all(Array.from({ length: 50 }, () => s.probe.result()));
    expect(first.every((r) => r.ok)).toBe(true);
    s.advance(PROBE_EVERY_MS - 1);
    expect((await s.probe.result()).ok).toBe(true);
    expect(s.sent()).toBe(1);
  });

  it('probes again once the last result is PROBE_EVERY_MS old, and says when it probed', async () => {
    const s = subject([true, false, true]);
    const a = await s.probe.result();
    s.advance(PROBE_EVERY_MS);
    const b = await s.probe.result();
    expect([b.ok, b.at - a.at]).toEqual([false, PROBE_EVERY_MS]);
    // a failed probe is answered for its interval too, then the database is asked again
    expect((await s.probe.result()).ok).toBe(false);
    s.advance(PROBE_EVERY_MS);
    expect((await s.probe.result()).ok).toBe(true);
    expect(s.sent()).toBe(3);
  });
});
