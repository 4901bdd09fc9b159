// Enterprises of one county-level unit (属地). Industries lean to Jincheng's economy (coal, coal
// chemicals, steel, building materials); most are in scope (排查范围, domain.md section 3).
import { creditCodeCheckChar } from '../../api/src/bundle/credit-code.js';
import type { Enterprise, GenContext, Industry, RiskLevel } from './context.js';
import { distinctPerson, enterpriseName } from './names.js';
import type { Rng } from './prng.js';
import type { UnitNode } from './unit-tree.js';

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const INDUSTRY_WEIGHTS: Readonly<Record<Industry, number>> = {
  coal_mining: 20, coal_chemical: 12, building_materials: 14, steel: 8, power: 7, hw_operator: 9, medical_waste: 3, other: 27,
};

/** 91 (工商, enterprise) + the division code + a 9-character organisation code + the check character */
function creditCode(rng: Rng, division: string, taken: Set<string>): string {
  for (;;) {
    let body = '91' + division;
    for (let i = 0; i < 9; i++) body += CREDIT_CHARS[rng.int(0, 30)];
    const code = body + creditCodeCheckChar(body);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

function riskOf(rng: Rng, industry: Industry): RiskLevel {
  // 'other' industries are mostly small general-risk shops: the out-of-scope share of the ledger
  if (industry === 'other') return rng.weighted({ general: 80, larger: 15, major: 5 });
  if (industry === 'hw_operator' || industry === 'coal_chemical') return rng.weighted({ general: 35, larger: 40, major: 25 });
  return rng.weighted({ general: 55, larger: 32, major: 13 });
}

const HIGH_RISK_INDUSTRIES = new Set<Industry>(['coal_chemical', 'hw_operator', 'steel', 'coal_mining']);

export function countySize(rng: Rng, ctx: GenContext, node: UnitNode): number {
  const p = ctx.profile;
  const median = node.level === 'zone' ? p.entsMedian * 0.5 : p.entsMedian;
  return Math.round(Math.min(p.entsMax, Math.max(p.entsMin, rng.lognormal(median, p.entsSigma))));
}

/** writes the county's enterprises and returns them for the county's ledger */
export function writeEnterprises(rng: Rng, ctx: GenContext, node: UnitNode, city: UnitNode, count: number): Enterprise[] {
  // Zones and city districts carry the city's name (晋城市城区…); counties their own.
  const place = node.level === 'zone' ? city.name : node.name.endsWith('区') ? city.name + node.name : node.name;
  const division = /^\d{6}$/.test(node.code) ? node.code : node.code.slice(0, 6);
  const codes = new Set<string>();
  const names = new Set<string>();
  const leaders = new Set<string>();
  const out: Enterprise[] = [];
  for (let i = 0; i < count; i++) {
    const industry = rng.weighted(INDUSTRY_WEIGHTS);
    const risk = riskOf(rng, industry);
    const highRisk = risk === 'major' || (HIGH_RISK_INDUSTRIES.has(industry) && rng.chance(0.5));
    let name = enterpriseName(rng, place, industry);
    for (let t = 0; names.has(name) && t < 5; t++) name = enterpriseName(rng, place, industry);
    names.add(name);
    const e: Enterprise = {
      code: creditCode(rng, division, codes),
      name,
      industry,
      risk,
      highRisk,
      inScope: industry !== 'other' || risk !== 'general',
      weakness: Math.min(1, rng.lognormal(0.25, 0.7)),
    };
    // 主体企业: about one in ten belongs to a group whose head office is in the same county
    const parent = out.length > 5 && rng.chance(0.1) ? rng.pick(out).code : null;
    ctx.w.row('enterprises', [e.code, e.name, node.code, industry, risk, highRisk, parent, distinctPerson(rng, leaders)]);
    out.push(e);
  }
  return out;
}
