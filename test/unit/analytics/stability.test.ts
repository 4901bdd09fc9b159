// The stability search (方案稳定区间) against brute force: the pure search on synthetic rankings, and the
// engine's intervals on the sample ledger against engine.scores (the ordinary path) at every grid point.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SCHEME } from '../../../analytics/src/default-scheme.js';
import { sameRanks, searchLimit, weightOf, withWeight, type StabilityWeight } from '../../../analytics/src/stability.js';
import { sampleEngine } from './sample-engine.js';

/** the first grid point from start towards end (end itself last) where same() fails, by walking every point */
async function bruteLimit(start: number, end: number, step: number, same: (x: number) => Promise<boolean>) {
  const dir = end >= start ? 1 : -1;
  const n = Math.ceil(Math.round(Math.abs(end - start) * 10000) / Math.round(step * 10000));
  let last = start;
  for (let i = 1; i <= n; i++) {
    const x = i === n ? end : Math.round((start + dir * i * step) * 10000) / 10000;
    if (!(await same(x))) return { limit: last, changedAt: x };
    last = x;
  }
  return { limit: n === 0 ? start : end, changedAt: null };
}

describe('searchLimit', () => {
  it('finds the same first change as walking every grid point, for thresholds anywhere', async () => {
    const cases: [number, number, number][] = [[12.5, 0, 0.01], [12.5, 100, 0.01], [0, 100, 0.5], [3.3333, 0, 0.01], [7, 7, 0.01], [99.99, 100, 0.01]];
    for (const [start, end, step] of cases) {
      const lo = Math.min(start, end);
      const hi = Math.max(start, end);
      // a threshold at the start, inside, at the end, and none
      for (const t of [lo, lo + (hi - lo) * 0.37, lo + (hi - lo) * 0.9, hi, null]) {
        const same = async (x: number) => t === null || (end >= start ? x < t : x > t) || x === start;
        expect({ start, end, t, got: await searchLimit(start, end, step, same) }).toEqual({ start, end, t, got: await bruteLimit(start, end, step, same) });
      }
    }
  });

  it('probes a handful of points, not every one', async () => {
    let calls = 0;
    await searchLimit(12.5, 100, 0.01, async (x) => { calls++; return x < 61.23; });
    expect(calls).toBeLessThanOrEqual(30);
  });
});

describe('engine.stability on the sample ledger', () => {
  let sample: Awaited<ReturnType<typeof sampleEngine>>;
  beforeAll(async () => { sample = await sampleEngine(); });
  afterAll(async () => { await sample?.close(); });
  const MONTH = '2023-08';

  it('gives, for each weight, limits where engine.scores ranks as now and the next grid point where it does not', async () => {
    const base = await sample.engine.scores(MONTH, DEFAULT_SCHEME);
    const got = await sample.engine.stability(MONTH, DEFAULT_SCHEME);
    expect(got.map((g) => g.key).length).toBe(13);
    for (const g of got) {
      const at = async (x: number) => sample.engine.scores(MONTH, withWeight(DEFAULT_SCHEME, g.key, x));
      expect({ key: g.key, lower: sameRanks(base.units, (await at(g.lower)).units), upper: sameRanks(base.units, (await at(g.upper)).units) }).toEqual({ key: g.key, lower: true, upper: true });
      if (g.below) {
        const r = await at(g.below.at);
        expect({ key: g.key, differs: !sameRanks(base.units, r.units), at: Math.round((g.lower - g.below.at) * 100) }).toEqual({ key: g.key, differs: true, at: 1 });
        expect(g.below.moves.map((m) => [m.unit, m.rankAfter])).toEqual(base.units.filter((u) => r.units.find((v) => v.unit === u.unit)!.rank !== u.rank).map((u) => [u.unit, r.units.find((v) => v.unit === u.unit)!.rank]));
      } else expect({ key: g.key, lower: g.lower }).toEqual({ key: g.key, lower: 0 });
      if (g.above) {
        const r = await at(g.above.at);
        expect({ key: g.key, differs: !sameRanks(base.units, r.units) }).toEqual({ key: g.key, differs: true });
      } else expect({ key: g.key, upper: g.upper }).toEqual({ key: g.key, upper: 100 });
    }
  }, 300_000);

  it('equals a walk over every 0.01 of two weights up to 12 (scores.sql on the month\'s counts at each point)', async () => {
    const keys: StabilityWeight[] = ['I1.onTime', 'deductions.late'];
    const got = await sample.engine.stability(MONTH, DEFAULT_SCHEME, { weights: keys, bound: 12 });
    const walked = await sample.engine.probe(MONTH, DEFAULT_SCHEME, async (scoresAt) => {
      const base = await scoresAt(DEFAULT_SCHEME);
      const out = [];
      for (const key of keys) {
        const same = async (x: number) => sameRanks(base, await scoresAt(withWeight(DEFAULT_SCHEME, key, x)));
        const value = weightOf(DEFAULT_SCHEME, key);
        const down = await bruteLimit(value, 0, 0.01, same);
        const up = await bruteLimit(value, 12, 0.01, same);
        out.push({ key, lower: down.limit, below: down.changedAt, upper: up.limit, above: up.changedAt });
      }
      return out;
    });
    expect(got.map((g) => ({ key: g.key, lower: g.lower, below: g.below?.at ?? null, upper: g.upper, above: g.above?.at ?? null }))).toEqual(walked);
  }, 600_000);
});
