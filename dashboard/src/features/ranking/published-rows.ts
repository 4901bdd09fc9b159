// A published ranking beside today's recomputation (GET /api/rankings/:month/published). Pure.
import type { ScoresJson } from '../../../../analytics/src/contracts.js';
import type { PublishedRanking } from '../../../../api/src/assessment/publishing.js';

export interface PublishedVsLive {
  month: string;
  published: PublishedRanking<ScoresJson>;
  live: ScoresJson;
  ledgerChanged: boolean;
}

export interface PublishedRow {
  unit: string;
  name: string;
  rank: number;
  total: number;
  liveRank: number | null;
  liveTotal: number | null;
  /** live − published, 2 decimals */
  difference: number | null;
}

/** One row per published unit, in published order, with its live rank and total. */
export function publishedRows(p: PublishedVsLive): PublishedRow[] {
  const live = new Map(p.live.units.map((u) => [u.unit, u]));
  return p.published.ranking.units.map((u) => {
    const l = live.get(u.unit);
    return {
      unit: u.unit,
      name: u.name,
      rank: u.rank,
      total: u.total,
      liveRank: l?.rank ?? null,
      liveTotal: l?.total ?? null,
      difference: l ? Math.round((l.total - u.total) * 100) / 100 : null,
    };
  });
}
