// Pure comparisons of two rankings: movement since last month, and what a scheme change or a ledger
// correction would move. The rankings are the scores JSON of analytics/src/contracts.ts.
import type { ScoreRow, ScoresJson } from '../../../analytics/src/contracts.js';

/** A unit's move since last month: rankChange > 0 means it moved up (its rank number fell). */
export interface Movement {
  rankChange: number;
  totalChange: number;
}

/** The scores JSON with each unit's movement (null: the unit has no ranking the month before). */
export type ScoresWithMovement = Omit<ScoresJson, 'units'> & { units: (ScoreRow & { movement: Movement | null })[] };

export function withMovement(now: ScoresJson, before: ScoresJson | undefined): ScoresWithMovement {
  const prev = new Map(before?.units.map((u) => [u.unit, u]));
  return {
    ...now,
    units: now.units.map((u) => {
      const p = prev.get(u.unit);
      return { ...u, movement: p ? { rankChange: p.rank - u.rank, totalChange: Math.round((u.total - p.total) * 100) / 100 } : null };
    }),
  };
}

export interface RankChange {
  unit: string;
  name: string;
  rankBefore: number | null;
  rankAfter: number | null;
  totalBefore: number | null;
  totalAfter: number | null;
}

/** Every unit whose rank or total differs between two rankings. */
export function compareRankings(a: ScoresJson, b: ScoresJson): RankChange[] {
  const after = new Map(b.units.map((u) => [u.unit, u]));
  const seen = new Set<string>();
  const out: RankChange[] = [];
  for (const u of a.units) {
    seen.add(u.unit);
    const v = after.get(u.unit);
    if (!v || v.rank !== u.rank || v.total !== u.total) {
      out.push({ unit: u.unit, name: u.name, rankBefore: u.rank, rankAfter: v?.rank ?? null, totalBefore: u.total, totalAfter: v?.total ?? null });
    }
  }
  for (const v of b.units) if (!seen.has(v.unit)) out.push({ unit: v.unit, name: v.name, rankBefore: null, rankAfter: v.rank, totalBefore: null, totalAfter: v.total });
  return out;
}
