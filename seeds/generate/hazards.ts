// One hazard (重大事故隐患) and its life: confirmation, plan, listing, rectification, close-out.
// Every date is drawn so bundle.md's orders hold: found ≤ confirmed, listed, deadline, assigned;
// found ≤ rectified ≤ closed; listed ≤ closed; assigned ≤ closed; nothing after the campaign's end.
import type { Enterprise, GenContext } from './context.js';
import { CAMPAIGN_END, iso, type Day } from './dates.js';
import { CONTINGENCY, hazardDescription, measures, personName } from './names.js';
import type { Rng } from './prng.js';

export type HazardSource = 'self_check' | 'enforcement' | 'public_report' | 'superior_assignment';

export interface HazardInput {
  ent: Enterprise;
  unit: string;
  source: HazardSource;
  found: Day;
  category: string;
  inspectionId?: string;
  /** when the city assigns it (交办): rectification and close-out come after this day */
  assigned?: Day;
  /** who signs the close-out: the unit's main leader, or the city's group leader for assigned ones */
  closer: string;
}

export interface HazardOutcome {
  ledgerNo: string;
  found: Day;
  deadline?: Day;
  rectified?: Day;
  closed?: Day;
}

const END = CAMPAIGN_END;

/** rectification and close-out; most on time, some late, some still open at the end (overdue) */
function outcome(rng: Rng, ent: Enterprise, start: Day, found: Day) {
  if (rng.chance(0.18)) {
    // fixed on the spot (立即整改): no deadline to be late against
    const rectified = Math.min(END, start + rng.int(0, 3));
    return { rectified, deadline: undefined };
  }
  const deadline = found + rng.int(15, 90);
  const fate = rng.next() - ent.weakness * 0.15; // weak enterprises drift to late and open
  let rectified: Day | undefined;
  if (fate > 0.12) rectified = rng.int(Math.max(start, found + 1), Math.max(start + 1, deadline));
  else if (fate > 0.05) rectified = Math.max(start, deadline) + rng.int(1, 45);
  if (rectified !== undefined && rectified > END) rectified = undefined;
  return { rectified, deadline };
}

export function writeHazard(rng: Rng, ctx: GenContext, h: HazardInput): HazardOutcome {
  const ledgerNo = ctx.ledgerNo(h.unit);
  const start = h.assigned ?? h.found;
  const { rectified, deadline } = outcome(rng, h.ent, start, h.found);
  let closed: Day | undefined;
  if (rectified !== undefined && rng.chance(0.85)) {
    closed = rectified + rng.int(0, 20);
    if (closed > END) closed = undefined;
  }
  const confirmed = rng.chance(0.9) ? Math.min(END, h.found + rng.int(0, 5)) : undefined;

  // 挂牌督办: more often for enforcement finds and assigned hazards; all three fields or none
  let listed: { level: string; on: Day; tracker: string } | undefined;
  const listRate = h.assigned !== undefined || h.source === 'enforcement' ? 0.22 : 0.08;
  if (rng.chance(listRate)) {
    const on = Math.min(END, h.found + rng.int(0, 10));
    if (closed === undefined || on <= closed) {
      listed = { level: rng.weighted({ county: 6, city: 3, government: 1 }), on, tracker: personName(rng) };
    }
  }
  const funds = rng.chance(0.9) ? (Math.round(rng.lognormal(8, 1) * 10) / 10).toFixed(1) : null;
  ctx.w.row('hazards', [
    ledgerNo, h.ent.code, h.unit, h.source, iso(h.found), hazardDescription(rng, h.category), h.category, h.inspectionId,
    confirmed === undefined ? null : iso(confirmed),
    listed?.level, listed === undefined ? null : iso(listed.on), listed?.tracker,
    personName(rng), measures(rng), funds, deadline === undefined ? null : iso(deadline), rng.pick(CONTINGENCY),
    rectified === undefined ? null : iso(rectified), closed === undefined ? null : iso(closed), closed === undefined ? null : h.closer,
  ]);
  return { ledgerNo, found: h.found, deadline, rectified, closed };
}
