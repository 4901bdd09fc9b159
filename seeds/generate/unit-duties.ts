// What every unit does besides its hazards: its leader roster (1 main + 2–4 members) and their
// monthly inspections (main ≥ 1, member ≥ 2 a month, mostly met), its submissions (mostly on time,
// some late, a few never), and for a city its monthly typical cases and its steering of counties.
import type { Enterprise, GenContext, Leader, UnitWork } from './context.js';
import { CAMPAIGN_END, MONTHS, STAGE_REPORT_DUE, SUMMARY_DUE, iso, type Day } from './dates.js';
import { writeAction } from './followups.js';
import { distinctPerson } from './names.js';
import type { Rng } from './prng.js';
import type { UnitNode } from './unit-tree.js';

/** the unit's roster (written now) and its inspectors */
export function makeUnitWork(rng: Rng, ctx: GenContext, node: UnitNode, inspectorCount: number): UnitWork {
  const taken = new Set<string>();
  const leaders: Leader[] = [{ name: distinctPerson(rng, taken), role: 'main' }];
  const members = rng.int(2, 4);
  for (let i = 0; i < members; i++) leaders.push({ name: distinctPerson(rng, taken), role: 'member' });
  for (const l of leaders) ctx.w.row('leaders', [node.code, l.name, l.role]);
  const inspectors = Array.from({ length: Math.min(40, inspectorCount) }, () => distinctPerson(rng, taken));
  // most units are dependable; a long tail is not
  const diligence = 1 - Math.min(0.6, rng.lognormal(0.08, 0.9));
  return { node, leaders, inspectors, diligence };
}

/** each leader, each assessed month; a visit names an enterprise most of the time */
export function writeLeaderInspections(rng: Rng, ctx: GenContext, unit: UnitWork, pool: readonly Enterprise[]): void {
  const meetRate = 0.75 + 0.24 * unit.diligence;
  for (const leader of unit.leaders) {
    const required = leader.role === 'main' ? 1 : 2;
    const seen = new Set<string>(); // the file is keyed on all its columns
    for (const m of MONTHS) {
      const n = rng.chance(meetRate) ? required + rng.poisson(0.4) : rng.int(0, required - 1);
      for (let i = 0; i < n; i++) {
        for (let attempt = 0; attempt < 10; attempt++) {
          const d = rng.int(m.first, m.last);
          const ent = pool.length > 0 && rng.chance(0.85) ? rng.pick(pool).code : '';
          const key = `${d}|${ent}`;
          if (seen.has(key)) continue;
          seen.add(key);
          ctx.w.row('leader_inspections', [unit.node.code, leader.name, iso(d), ent]);
          break;
        }
      }
    }
  }
}

function submit(rng: Rng, ctx: GenContext, unit: UnitWork, kind: string, period: string | null, due: Day): void {
  const late = 0.03 + (1 - unit.diligence) * 0.2;
  const never = 0.02 + (1 - unit.diligence) * 0.08;
  const r = rng.next();
  if (r < never) return;
  const on = r < never + late ? due + rng.int(1, 10) : due - rng.int(0, 3);
  ctx.w.row('submissions', [unit.node.code, kind, period, iso(on)]);
}

/** the reports of section 4's table: monthly by the 29th, dispatch table by the 1st, two stage reports */
export function writeSubmissions(rng: Rng, ctx: GenContext, unit: UnitWork): void {
  for (const m of MONTHS) {
    submit(rng, ctx, unit, 'monthly_report', m.period, Math.min(m.first + 28, m.last));
    if (m.period !== '2023-12') submit(rng, ctx, unit, 'dispatch_table', m.period, m.last + 1);
  }
  submit(rng, ctx, unit, 'stage_report', null, STAGE_REPORT_DUE);
  submit(rng, ctx, unit, 'summary', null, SUMMARY_DUE);
}

/** a city's or province's own enforcement: typical cases every month, steering of the units below */
export function writeSteering(rng: Rng, ctx: GenContext, unit: UnitWork, below: readonly UnitNode[], pool: readonly Enterprise[]): void {
  const code = unit.node.code;
  if (pool.length > 0) {
    for (const m of MONTHS) {
      // the city publishes at least one typical case each month (domain.md section 4)
      const cases = unit.node.level === 'city' ? 1 + rng.poisson(0.5) : rng.poisson(0.5);
      for (let i = 0; i < cases; i++) {
        const crime = rng.chance(0.3);
        const on = rng.int(m.first, m.last);
        const ent = rng.pick(pool).code;
        writeAction(ctx, { unit: code, kind: 'typical_case', on, ent, crime });
        if (crime) writeAction(ctx, { unit: code, kind: 'judicial_transfer', on: Math.min(CAMPAIGN_END, on + rng.int(0, 10)), ent, persons: rng.int(1, 3) });
      }
    }
  }
  for (const target of below) {
    const helps = rng.poisson(1.2);
    for (let i = 0; i < helps; i++) writeAction(ctx, { unit: code, kind: 'assistance_unit', on: rng.int(MONTHS[0].first, MONTHS[6].last), target: target.code });
    if (rng.chance(0.25)) writeAction(ctx, { unit: code, kind: 'interview_unit', on: rng.int(MONTHS[2].first, MONTHS[7].last), target: target.code });
  }
  if (rng.chance(0.5)) writeAction(ctx, { unit: code, kind: 'accountability', on: rng.int(MONTHS[3].first, MONTHS[7].last), persons: rng.int(1, 3) });
}
