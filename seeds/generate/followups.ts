// What follows a hazard: enforcement actions (执法), the city's assignment (交办) with weekly
// feedback (每周五反馈), and the enterprises' drills (应急演练).
import type { Enterprise, GenContext, UnitWork } from './context.js';
import { CAMPAIGN_END, CAMPAIGN_START, SELF_CHECK_END, fridaysBetween, iso, type Day } from './dates.js';
import type { HazardOutcome, HazardSource } from './hazards.js';
import { PROGRESS } from './names.js';
import type { Rng } from './prng.js';

const END = CAMPAIGN_END;

export type ActionKind = 'assistance_unit' | 'assistance_enterprise' | 'penalty' | 'dual_penalty' | 'judicial_transfer' | 'suspension' | 'closure' | 'exposure' | 'interview' | 'joint_punishment' | 'typical_case' | 'accountability' | 'interview_unit';

export interface ActionInput {
  unit: string;
  kind: ActionKind;
  on: Day;
  ent?: string;
  hazard?: string;
  target?: string;
  persons?: number;
  amountWan?: number;
  crime?: boolean;
}

export function writeAction(ctx: GenContext, a: ActionInput): void {
  ctx.w.row('actions', [
    ctx.actionId(a.unit), a.unit, a.kind, iso(a.on), a.ent, a.hazard, a.target, a.persons,
    a.amountWan === undefined ? null : a.amountWan.toFixed(2), a.crime,
  ]);
}

function fine(rng: Rng): number {
  return Math.max(0.5, Math.round(rng.lognormal(6, 0.8) * 100) / 100);
}

/** penalties and the rest after a hazard is found; self-reported hazards being fixed go unpunished (seed 三.(二).3.(1)) */
export function hazardActions(rng: Rng, ctx: GenContext, unit: string, ent: Enterprise, h: HazardOutcome, source: HazardSource): void {
  if (source === 'self_check') return;
  const after = (maxDays: number) => Math.min(END, h.found + rng.int(0, maxDays));
  const base = { unit, ent: ent.code, hazard: h.ledgerNo };
  const penaltyRate = source === 'enforcement' ? 0.55 : 0.3;
  if (rng.chance(penaltyRate)) {
    writeAction(ctx, { ...base, kind: 'penalty', on: after(30), amountWan: fine(rng) });
    if (rng.chance(0.15)) writeAction(ctx, { ...base, kind: 'dual_penalty', on: after(30), amountWan: fine(rng) / 5 });
  }
  if (rng.chance(ent.risk === 'major' ? 0.1 : 0.04)) writeAction(ctx, { ...base, kind: 'suspension', on: after(20) });
  else if (rng.chance(0.008)) writeAction(ctx, { ...base, kind: 'closure', on: after(60) });
  if (rng.chance(0.12)) writeAction(ctx, { ...base, kind: rng.pick(['exposure', 'interview', 'joint_punishment'] as const), on: after(40) });
  if (rng.chance(0.04)) {
    const crime = rng.chance(0.4); // 危险作业罪
    const on = after(45);
    writeAction(ctx, { ...base, kind: 'typical_case', on, crime });
    if (crime) writeAction(ctx, { ...base, kind: 'judicial_transfer', on: Math.min(END, on + rng.int(0, 10)), persons: rng.int(1, 3) });
  }
  const overdue = h.deadline !== undefined && h.deadline < END && (h.rectified === undefined || h.rectified > h.deadline);
  if (overdue && rng.chance(0.15)) {
    writeAction(ctx, { unit, kind: 'accountability', on: Math.min(END, h.deadline! + rng.int(1, 30)), hazard: h.ledgerNo, persons: rng.int(1, 2) });
  }
}

/** 帮扶指导重点企业 in the self-check phase */
export function assistance(rng: Rng, ctx: GenContext, unit: string, ents: readonly Enterprise[]): void {
  for (const ent of ents) {
    if (ent.inScope && rng.chance(0.15)) writeAction(ctx, { unit, kind: 'assistance_enterprise', on: rng.int(CAMPAIGN_START, SELF_CHECK_END), ent: ent.code });
  }
}

/** the assignment, then a feedback for every Friday while it is open, except the odd missed week */
export function assignWithFeedback(rng: Rng, ctx: GenContext, county: UnitWork, h: HazardOutcome, assigned: Day): void {
  ctx.w.row('assignments', [h.ledgerNo, county.node.code, iso(assigned)]);
  const missRate = 0.02 + (1 - county.diligence) * 0.15;
  const fridays = fridaysBetween(assigned, h.closed === undefined ? END : h.closed - 1);
  fridays.forEach((f, i) => {
    if (rng.chance(missRate)) return;
    const on = rng.chance(0.8) ? f : f - rng.int(1, Math.min(6, f - assigned)); // within f−6 … f, never before assigned
    const progress = h.rectified !== undefined && h.rectified <= on ? PROGRESS[PROGRESS.length - 1] : PROGRESS[Math.min(i, PROGRESS.length - 2)];
    ctx.w.row('feedback', [h.ledgerNo, iso(on), ctx.documentNo(county.node), progress]);
  });
}

/** drills: one required (two for 高危行业) for in-scope enterprises; most meet it, weak ones less */
export function writeDrills(rng: Rng, ctx: GenContext, ents: readonly Enterprise[]): void {
  for (const ent of ents) {
    const required = ent.inScope ? (ent.highRisk ? 2 : 1) : 0;
    const n = rng.chance(0.9 - ent.weakness * 0.3) ? required + rng.poisson(ctx.profile.extraDrills) : rng.int(0, Math.max(0, required - 1));
    const days = new Set<Day>();
    for (let i = 0; i < n; i++) days.add(rng.int(CAMPAIGN_START, END));
    for (const d of days) ctx.w.row('drills', [ent.code, iso(d)]);
  }
}
