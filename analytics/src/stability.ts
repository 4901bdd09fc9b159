// Stability of a ranking under one scheme weight (方案稳定区间): how far the weight may move down and up
// before any unit's rank changes. The scores stay computed by scoring/scores.sql (one place); this file
// only decides where to probe. Pure: the probe is passed in.
import type { SchemeParams } from './default-scheme.js';

/** The weights whose stability is searched: the indicator weights, the deduction sizes and the cap. */
export const STABILITY_WEIGHTS = [
  'I1.rectified', 'I1.onTime', 'I2.coverage', 'I2.flagged', 'I3.penalised', 'I3.enforcedRectified', 'I3.cases',
  'I4.main', 'I4.member', 'deductions.late', 'deductions.missedFeedback', 'deductions.missedHazard', 'deductions.cap',
] as const;
export type StabilityWeight = (typeof STABILITY_WEIGHTS)[number];

// Weights are exact to 4 decimals (analytics/src/scheme.ts): the search runs on whole ten-thousandths.
const SCALE = 10_000;

export function weightOf(s: SchemeParams, key: StabilityWeight): number {
  const [group, name] = key.split('.') as [keyof SchemeParams, string];
  return (s[group] as Record<string, number>)[name];
}

export function withWeight(s: SchemeParams, key: StabilityWeight, value: number): SchemeParams {
  const [group, name] = key.split('.') as [keyof SchemeParams, string];
  return { ...s, [group]: { ...(s[group] as Record<string, number>), [name]: value } };
}

export interface LimitFound {
  /** the farthest probed value (on the grid, or the end) whose ranking equals the current one */
  limit: number;
  /** the nearest value beyond it where the ranking differs, or null when none does up to the end */
  changedAt: number | null;
}

/**
 * From `start` towards `end` on the grid start ± k·step (the last point being `end` itself), the first
 * point where `same` is false: exponential steps outward, then bisection between the last point found
 * equal and the first found different. `same(start)` is taken as true. A change that reverts between
 * two probes of the outward walk is not seen; each unit's total is monotone in one weight, so a rank
 * change that reverts needs two crossings within one probe gap.
 */
export async function searchLimit(start: number, end: number, step: number, same: (x: number) => Promise<boolean>): Promise<LimitFound> {
  const s = Math.round(start * SCALE);
  const e = Math.round(end * SCALE);
  const st = Math.round(step * SCALE);
  const dir = e >= s ? 1 : -1;
  const n = Math.ceil(Math.abs(e - s) / st);
  const at = (i: number) => (i >= n ? e : s + dir * i * st) / SCALE;
  if (n === 0) return { limit: start, changedAt: null };
  let lo = 0;
  let hi = -1;
  for (let k = 1; ; k *= 2) {
    const i = Math.min(k, n);
    if (await same(at(i))) {
      lo = i;
      if (i === n) return { limit: at(n), changedAt: null };
    } else {
      hi = i;
      break;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await same(at(mid))) lo = mid;
    else hi = mid;
  }
  return { limit: at(lo), changedAt: at(hi) };
}

/** Two rankings rank every unit alike (totals may differ). */
export function sameRanks(a: { unit: string; rank: number }[], b: { unit: string; rank: number }[]): boolean {
  if (a.length !== b.length) return false;
  const rb = new Map(b.map((u) => [u.unit, u.rank]));
  return a.every((u) => rb.get(u.unit) === u.rank);
}

export interface RankMove {
  unit: string;
  name: string;
  rankBefore: number;
  rankAfter: number;
}

export interface WeightStability {
  key: StabilityWeight;
  value: number;
  /** the lowest value (≥ 0) at which every rank stays as it is */
  lower: number;
  /** the highest value (≤ the search bound) at which every rank stays as it is */
  upper: number;
  /** the value just below `lower` and the ranks it changes; null when none down to 0 */
  below: { at: number; moves: RankMove[] } | null;
  /** the value just above `upper` and the ranks it changes; null when none up to the bound */
  above: { at: number; moves: RankMove[] } | null;
}

export interface StabilityOptions {
  /** the grid of the search, in points (default 0.01: what the ranking shows) */
  step?: number;
  /** how far up a weight is searched, in points (default 100: the whole score) */
  bound?: number;
  weights?: readonly StabilityWeight[];
}

type Ranked = { unit: string; name: string; rank: number };

function moves(a: Ranked[], b: Ranked[]): RankMove[] {
  const rb = new Map(b.map((u) => [u.unit, u.rank]));
  return a.filter((u) => rb.get(u.unit) !== u.rank).map((u) => ({ unit: u.unit, name: u.name, rankBefore: u.rank, rankAfter: rb.get(u.unit) ?? 0 }));
}

/** Each weight's interval of an unchanged ranking, probing `scoresAt` (the month's scores under a scheme). */
export async function weightStability(scheme: SchemeParams, scoresAt: (s: SchemeParams) => Promise<Ranked[]>, o: StabilityOptions = {}): Promise<WeightStability[]> {
  const step = o.step ?? 0.01;
  const bound = o.bound ?? 100;
  const base = await scoresAt(scheme);
  const out: WeightStability[] = [];
  for (const key of o.weights ?? STABILITY_WEIGHTS) {
    const value = weightOf(scheme, key);
    const seen = new Map<number, Ranked[]>();
    const probe = async (x: number) => {
      const r = await scoresAt(withWeight(scheme, key, x));
      seen.set(x, r);
      return sameRanks(base, r);
    };
    const down = await searchLimit(value, 0, step, probe);
    const up = await searchLimit(value, Math.max(bound, value), step, probe);
    const at = (x: number | null) => (x === null ? null : { at: x, moves: moves(base, seen.get(x)!) });
    out.push({ key, value, lower: down.limit, upper: up.limit, below: at(down.changedAt), above: at(up.changedAt) });
  }
  return out;
}
