// One county-level unit's ledger, and the city's records about its enterprises, generated together
// so the county's clean-signed inspections are at hand when the city's spot checks find what the
// county missed (该发现而未发现). Everything here is written as it is made.
import type { Enterprise, GenContext, UnitWork } from './context.js';
import { CAMPAIGN_END, CAMPAIGN_START, ENFORCEMENT_START, SELF_CHECK_END, day, type Day } from './dates.js';
import { countySize, writeEnterprises } from './enterprises.js';
import { assignWithFeedback, assistance, hazardActions, writeDrills } from './followups.js';
import { writeHazard, type HazardInput, type HazardOutcome } from './hazards.js';
import { citySpotChecks, countyInspections, hitInspection, type Inspection } from './inspections.js';
import { CATEGORIES } from './names.js';
import { Rng } from './prng.js';
import type { Reservoir } from './reservoir.js';
import { makeUnitWork, writeLeaderInspections, writeSubmissions } from './unit-duties.js';
import type { UnitNode } from './unit-tree.js';

const END = CAMPAIGN_END;
const SELF_CHECK_FROM = day('2023-04-28');
const LATE_DECEMBER = day('2023-12-28');

export interface CityWork {
  work: UnitWork;
  /** a sample of the city's enterprises, for the city's own leader inspections and typical cases */
  ents: Reservoir<Enterprise>;
}

interface Closed {
  ent: Enterprise;
  category: string;
  closed: Day;
}

/** returns the number of enterprises written */
export function generateCounty(ctx: GenContext, node: UnitNode, city: CityWork, upward: Reservoir<Enterprise>[]): number {
  const rng = new Rng(ctx.seed, `county:${node.code}`);
  const ents = writeEnterprises(rng, ctx, node, city.work.node, countySize(rng, ctx, node));
  for (const e of ents) for (const r of upward) r.offer(rng, e);
  const county = makeUnitWork(rng, ctx, node, 4 + Math.ceil(ents.length / 30));
  const groupLeader = city.work.leaders[0].name; // 领导小组组长 signs close-outs of assigned hazards
  const closed: Closed[] = [];

  const hazard = (h: Omit<HazardInput, 'closer'>, closer: string): HazardOutcome => {
    const out = writeHazard(rng, ctx, { ...h, closer });
    hazardActions(rng, ctx, h.unit, h.ent, out, h.source);
    if (out.closed !== undefined) closed.push({ ent: h.ent, category: h.category, closed: out.closed });
    return out;
  };
  const fromInspection = (insp: Inspection, unit: string, closer: string) => {
    for (let k = 0; k < insp.hits; k++) {
      const found = Math.min(END, insp.day + (rng.chance(0.7) ? 0 : rng.int(1, 3)));
      // the inspection is recorded on most enforcement hazards (domain.md: "when recorded")
      const inspectionId = rng.chance(0.85) ? insp.id : undefined;
      hazard({ ent: insp.ent, unit, source: 'enforcement', found, category: rng.pick(CATEGORIES), inspectionId }, closer);
    }
  };
  const mainLeader = county.leaders[0].name;

  for (const insp of countyInspections(rng, ctx, county, ents)) fromInspection(insp, node.code, mainLeader);

  // 企业自查: mostly in the self-check phase, weak enterprises report more
  for (const ent of ents) {
    if (!ent.inScope) continue;
    const n = rng.poisson(ctx.profile.selfCheckPerEnt * (0.4 + ent.weakness * 2));
    for (let i = 0; i < n; i++) {
      const found = rng.chance(0.55) ? rng.int(SELF_CHECK_FROM, SELF_CHECK_END) : rng.int(ENFORCEMENT_START, LATE_DECEMBER);
      hazard({ ent, unit: node.code, source: 'self_check', found, category: rng.pick(CATEGORIES) }, mainLeader);
    }
  }

  // 群众举报 (half assigned by the city) and 上级交办 (all assigned), each with weekly feedback
  const assignedOnes = (source: 'public_report' | 'superior_assignment', per100: number, share: number) => {
    const n = rng.poisson((per100 * ents.length) / 100);
    for (let i = 0; i < n; i++) {
      const found = rng.int(CAMPAIGN_START, LATE_DECEMBER);
      const assigned = rng.chance(share) ? Math.min(END, found + rng.int(0, 4)) : undefined;
      const h = { ent: rng.pick(ents), unit: node.code, source, found, category: rng.pick(CATEGORIES), assigned };
      const out = hazard(h, assigned === undefined ? mainLeader : groupLeader);
      if (assigned !== undefined) assignWithFeedback(rng, ctx, county, out, assigned);
    }
  };
  assignedOnes('public_report', ctx.profile.publicPer100, 0.5);
  assignedOnes('superior_assignment', ctx.profile.superiorPer100, 1);

  // 回头看: a few closed hazards come back at the same enterprise and category
  for (const c of closed.splice(0)) {
    if (!rng.chance(0.05)) continue;
    const found = c.closed + rng.int(10, 90);
    if (found > END) continue;
    const byInspection = rng.chance(0.5);
    const inspectionId = byInspection ? hitInspection(rng, ctx, county, c.ent, found).id : undefined;
    hazard({ ent: c.ent, unit: node.code, source: byInspection ? 'enforcement' : 'self_check', found, category: c.category, inspectionId }, mainLeader);
  }

  // the city's spot checks here; what they find is the city's hazard (reported by the city)
  for (const insp of citySpotChecks(rng, ctx, city.work, ents)) fromInspection(insp, city.work.node.code, groupLeader);

  assistance(rng, ctx, node.code, ents);
  writeDrills(rng, ctx, ents);
  writeLeaderInspections(rng, ctx, county, ents);
  writeSubmissions(rng, ctx, county);
  return ents.length;
}
