import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SCHEME } from '../../../analytics/src/default-scheme.js';
import type { ScoresJson } from '../../../analytics/src/contracts.js';
import { SAMPLE_EXPECTED, SAMPLE_MONTHS } from '../../support/databases.js';
import { sampleEngine } from './sample-engine.js';

// The shares main_ok and member_ok are unrounded; the expected files print them to 6 decimals
// (0.666667 for 2/3), so they are compared to 6 decimals. Every other figure must be equal.
const SHARES = ['main_ok', 'member_ok'];

function withoutShares(s: ScoresJson): unknown {
  return { ...s, units: s.units.map((u) => ({ ...u, parts: Object.fromEntries(Object.entries(u.parts).filter(([k]) => !SHARES.includes(k))) })) };
}

describe('scores and ranking of the sample ledger', () => {
  let sample: Awaited<ReturnType<typeof sampleEngine>>;
  beforeAll(async () => { sample = await sampleEngine(); });
  afterAll(async () => { await sample?.close(); });

  it.each(SAMPLE_MONTHS)('%s equals the expected file', async (month) => {
    const expected: ScoresJson = JSON.parse(fs.readFileSync(path.join(SAMPLE_EXPECTED, `scores-${month}.json`), 'utf8'));
    const got: ScoresJson = JSON.parse(JSON.stringify(await sample.engine.scores(month, DEFAULT_SCHEME)));
    expect(got.units.map((u) => `${u.unit}#${u.rank}`)).toEqual(expected.units.map((u) => `${u.unit}#${u.rank}`));
    expect(withoutShares(got)).toEqual(withoutShares(expected));
    got.units.forEach((u, i) => {
      for (const k of SHARES) {
        const share = (u.parts as unknown as Record<string, number>)[k];
        const want = (expected.units[i].parts as unknown as Record<string, number>)[k];
        expect({ unit: u.unit, part: k, diff: Math.abs(share - want) <= 1e-6 }).toEqual({ unit: u.unit, part: k, diff: true });
      }
    });
  });

  it('gives the two empty test zones 140596 and 140597 one shared rank', async () => {
    for (const month of SAMPLE_MONTHS) {
      const s = await sample.engine.scores(month, DEFAULT_SCHEME);
      const [a, b] = ['140596', '140597'].map((c) => s.units.find((u) => u.unit === c)!);
      expect(a.rank).toBe(b.rank);
      expect(s.units.filter((u) => u.rank === a.rank)).toHaveLength(2);
    }
  });

  it('records the scheme version it was computed with', async () => {
    expect((await sample.engine.scores('2023-08', DEFAULT_SCHEME, 'v2')).scheme).toBe('v2');
  });
});
