// Inspections (检查) and their findings. Counties sweep their in-scope enterprises in Jul–Aug and
// inspect routinely otherwise; the city spot-checks ~20–28% of each county's in-scope enterprises in
// Sep–Nov. An inspection that finds major hazards says so (major_hazards_found = k ≥ 1) and the
// hazards name it; an inspection that finds none is signed clean (0).
import type { Enterprise, GenContext, UnitWork } from './context.js';
import { ENFORCEMENT_END, ENFORCEMENT_START, iso, MONTHS, SPOT_CHECK_START, SWEEP_END, day, type Day } from './dates.js';
import type { Rng } from './prng.js';

export const FINDINGS = ['no_leader_study', 'no_leader_inspection', 'no_duty_list', 'no_safety_staff', 'uncertified_special_work', 'outsourcing_chaos', 'no_drill'] as const;

export interface Inspection {
  id: string;
  ent: Enterprise;
  day: Day;
  /** major hazards the inspectors signed for */
  hits: number;
}

const YEAR_START = day('2023-01-02');
const CAMPAIGN_EVE = day('2023-04-24');
const MAY_FIRST = MONTHS[0].first;
const DEC_LAST = MONTHS[MONTHS.length - 1].last;

function hitsFor(rng: Rng, ctx: GenContext, ent: Enterprise, d: Day, scrutiny: number): number {
  // enforcement months (精准执法) find more; weak enterprises far more
  const season = d >= ENFORCEMENT_START && d <= ENFORCEMENT_END ? 1.4 : 0.6;
  const p = Math.min(0.6, ctx.profile.inspectionHitRate * season * scrutiny * (0.4 + ent.weakness * 2.4));
  if (!rng.chance(p)) return 0;
  const r = rng.next();
  return r < 0.85 ? 1 : r < 0.97 ? 2 : 3;
}

function writeInspection(rng: Rng, ctx: GenContext, unit: UnitWork, ent: Enterprise, d: Day, hits: number): Inspection {
  const id = ctx.inspectionId(unit.node.code);
  const signers = rng.sample(unit.inspectors, rng.chance(0.8) ? 2 : 3).join(';'); // 谁检查、谁签名
  ctx.w.row('inspections', [id, unit.node.code, ent.code, iso(d), signers, hits]);
  // findings: the seven spot-check problems, more likely at weak enterprises
  for (const f of FINDINGS) {
    if (rng.chance(0.015 + ent.weakness * 0.15)) ctx.w.row('findings', [id, f]);
  }
  return { id, ent, day: d, hits };
}

/** the county's own inspections of its enterprises */
export function countyInspections(rng: Rng, ctx: GenContext, county: UnitWork, ents: readonly Enterprise[]): Inspection[] {
  const out: Inspection[] = [];
  const sweepRate = 0.8 + 0.19 * county.diligence;
  for (const ent of ents) {
    const days: Day[] = [];
    if (ent.inScope ? rng.chance(sweepRate) : rng.chance(0.15)) days.push(rng.int(ENFORCEMENT_START, SWEEP_END));
    const riskFactor = ent.risk === 'major' ? 1.8 : ent.risk === 'larger' ? 1 : 0.6;
    const routine = rng.poisson(ctx.profile.routinePerEnt * riskFactor * (ent.inScope ? 1 : 0.3));
    for (let i = 0; i < routine; i++) days.push(rng.int(MAY_FIRST, DEC_LAST));
    for (const d of days) out.push(writeInspection(rng, ctx, county, ent, d, hitsFor(rng, ctx, ent, d, 1)));
    // before the campaign: signed clean; they still count for 该发现而未发现 within 120 days
    if (rng.chance(0.1)) out.push(writeInspection(rng, ctx, county, ent, rng.int(YEAR_START, CAMPAIGN_EVE), 0));
  }
  return out;
}

/** the city's spot checks (抽查) of one county's in-scope enterprises */
export function citySpotChecks(rng: Rng, ctx: GenContext, city: UnitWork, ents: readonly Enterprise[]): Inspection[] {
  const scope = ents.filter((e) => e.inScope);
  const share = 0.2 + rng.next() * 0.08;
  return rng.sample(scope, Math.ceil(scope.length * share)).map((ent) => {
    const d = rng.int(SPOT_CHECK_START, ENFORCEMENT_END);
    return writeInspection(rng, ctx, city, ent, d, hitsFor(rng, ctx, ent, d, 1.5));
  });
}

/** one more inspection that found exactly one hazard (for a 回头看 re-find) */
export function hitInspection(rng: Rng, ctx: GenContext, unit: UnitWork, ent: Enterprise, d: Day): Inspection {
  return writeInspection(rng, ctx, unit, ent, d, 1);
}
