// bundle.md's refusal list, checked on a bundle read back from disk. Returns every problem as
// "FILE:ROW: what", so a failing test says exactly which generated row breaks which rule.
import { creditCodeProblem } from '../../../../api/src/bundle/credit-code.js';
import { BUNDLE_COLUMNS, type BundleFile } from '../../../../seeds/generate/csv-sink.js';
import { isDate, type Bundle, type Row } from './read-bundle.js';

const REQUIRED: { [F in BundleFile]: readonly string[] } = {
  units: ['code', 'name', 'level'],
  enterprises: ['credit_code', 'name', 'unit_code', 'industry', 'risk_level', 'high_risk'],
  hazards: ['ledger_no', 'enterprise_credit_code', 'unit_code', 'source', 'found_on'],
  inspections: ['inspection_id', 'unit_code', 'enterprise_credit_code', 'inspected_on', 'signed_by', 'major_hazards_found'],
  findings: ['inspection_id', 'finding'],
  actions: ['action_id', 'unit_code', 'kind', 'acted_on'],
  leaders: ['unit_code', 'name', 'role'],
  leader_inspections: ['unit_code', 'leader_name', 'inspected_on'],
  assignments: ['hazard_ledger_no', 'unit_code', 'assigned_on'],
  feedback: ['hazard_ledger_no', 'feedback_on', 'document_no'],
  drills: ['enterprise_credit_code', 'drilled_on'],
  submissions: ['unit_code', 'kind', 'submitted_on'],
};

const ENUMS: Record<string, readonly string[]> = {
  level: ['province', 'city', 'county', 'zone'],
  industry: ['steel', 'power', 'coal_chemical', 'coal_mining', 'building_materials', 'hw_operator', 'medical_waste', 'other'],
  risk_level: ['general', 'larger', 'major'],
  source: ['self_check', 'enforcement', 'public_report', 'superior_assignment'],
  listed_level: ['county', 'city', 'government'],
  finding: ['no_leader_study', 'no_leader_inspection', 'no_duty_list', 'no_safety_staff', 'uncertified_special_work', 'outsourcing_chaos', 'no_drill'],
  kind: ['assistance_unit', 'assistance_enterprise', 'penalty', 'dual_penalty', 'judicial_transfer', 'suspension', 'closure', 'exposure', 'interview', 'joint_punishment', 'typical_case', 'accountability', 'interview_unit'],
  'submissions.kind': ['monthly_report', 'dispatch_table', 'stage_report', 'summary'],
  role: ['main', 'member'],
};
const BOOLEANS = ['high_risk', 'crime'];
const NUMBERS = ['funds_wan', 'amount_wan', 'persons', 'major_hazards_found'];
const KEYS: Partial<Record<BundleFile, readonly string[]>> = {
  units: ['code'], enterprises: ['credit_code'], hazards: ['ledger_no'], inspections: ['inspection_id'],
  actions: ['action_id'], leaders: ['unit_code', 'name'], assignments: ['hazard_ledger_no'],
};
const NEEDS_ENTERPRISE = ['assistance_enterprise', 'penalty', 'dual_penalty', 'suspension', 'closure', 'exposure', 'interview', 'joint_punishment', 'typical_case'];
const NEEDS_TARGET = ['assistance_unit', 'interview_unit'];

export function bundleProblems(b: Bundle): string[] {
  const problems: string[] = [];
  const each = (file: BundleFile, check: (r: Row, say: (what: string) => void) => void) =>
    b[file].forEach((r, i) => check(r, (what) => problems.push(`${file}:${i + 2}: ${what}`)));

  // values: required, enums, booleans, dates, numbers, keys
  for (const file of Object.keys(BUNDLE_COLUMNS) as BundleFile[]) {
    const keyCols = KEYS[file] ?? BUNDLE_COLUMNS[file];
    const keys = new Set<string>();
    each(file, (r, say) => {
      for (const c of REQUIRED[file]) if (!r[c]) say(`${c}: missing`);
      for (const [c, v] of Object.entries(r)) {
        if (!v) continue;
        const allowed = ENUMS[`${file}.${c}`] ?? ENUMS[c];
        if (allowed && !allowed.includes(v)) say(`${c}: bad value "${v}"`);
        if (BOOLEANS.includes(c) && !['true', 'false', '1', '0', '是', '否'].includes(v)) say(`${c}: bad boolean "${v}"`);
        if ((c.endsWith('_on') || c === 'deadline') && !isDate(v)) say(`${c}: bad date "${v}"`);
        if (NUMBERS.includes(c) && !(Number(v) >= 0)) say(`${c}: not a non-negative number "${v}"`);
        if (c.endsWith('credit_code') || c === 'credit_code') {
          const p = creditCodeProblem(v);
          if (p) say(`${c}: ${p}`);
        }
      }
      const key = keyCols.map((c) => r[c]).join('\u0000');
      if (keys.has(key)) say(`duplicate key ${keyCols.join('+')}`);
      keys.add(key);
    });
  }

  const units = new Map(b.units.map((u) => [u.code, u]));
  const ents = new Map(b.enterprises.map((e) => [e.credit_code, e]));
  const hazards = new Map(b.hazards.map((h) => [h.ledger_no, h]));
  const inspections = new Map(b.inspections.map((x) => [x.inspection_id, x]));
  const roster = new Set(b.leaders.map((l) => `${l.unit_code}|${l.name}`));
  const assigned = new Map(b.assignments.map((a) => [a.hazard_ledger_no, a.assigned_on]));
  const countyLevel = (code: string) => ['county', 'zone'].includes(units.get(code)?.level ?? '');
  const ref = (say: (w: string) => void, col: string, v: string | undefined, map: Map<string, unknown>) => {
    if (v && !map.has(v)) say(`${col}: "${v}" is not in the bundle`);
  };
  const notAfter = (say: (w: string) => void, a: string, b2: string, what: string) => {
    if (a && b2 && a > b2) say(`${what}: ${a} > ${b2}`);
  };

  each('units', (r, say) => ref(say, 'parent_code', r.parent_code, units));
  each('enterprises', (r, say) => {
    ref(say, 'unit_code', r.unit_code, units);
    ref(say, 'parent_credit_code', r.parent_credit_code, ents);
    if (!countyLevel(r.unit_code)) say(`unit_code: "${r.unit_code}" is not county-level`);
  });
  each('hazards', (r, say) => {
    ref(say, 'enterprise_credit_code', r.enterprise_credit_code, ents);
    ref(say, 'unit_code', r.unit_code, units);
    ref(say, 'inspection_id', r.inspection_id, inspections);
    const f = r.found_on;
    notAfter(say, f, r.confirmed_on, 'found > confirmed');
    notAfter(say, f, r.listed_on, 'found > listed');
    notAfter(say, f, r.deadline, 'found > deadline');
    notAfter(say, f, r.rectified_on, 'found > rectified');
    notAfter(say, r.rectified_on, r.closed_on, 'rectified > closed');
    notAfter(say, r.listed_on, r.closed_on, 'listed > closed');
    if (r.closed_on && !r.rectified_on) say('closed without rectified');
    const listing = [r.listed_level, r.listed_on, r.tracker].filter(Boolean).length;
    if (listing !== 0 && listing !== 3) say('listing fields not all or none');
    const a = assigned.get(r.ledger_no);
    if (a) {
      notAfter(say, f, a, 'found > assigned');
      notAfter(say, a, r.closed_on, 'assigned > closed');
    }
    const x = r.inspection_id ? inspections.get(r.inspection_id) : undefined;
    if (x) {
      if (x.enterprise_credit_code !== r.enterprise_credit_code) say('inspection_id: inspection of another enterprise');
      notAfter(say, x.inspected_on, f, 'inspection dated after found');
      if (Number(x.major_hazards_found) < 1) say('inspection_id: inspection signed clean');
    }
  });
  each('inspections', (r, say) => {
    ref(say, 'unit_code', r.unit_code, units);
    ref(say, 'enterprise_credit_code', r.enterprise_credit_code, ents);
    if (!Number.isInteger(Number(r.major_hazards_found))) say('major_hazards_found: not an integer');
    if (r.signed_by.split(';').some((s) => !s.trim())) say('signed_by: empty name');
  });
  each('findings', (r, say) => ref(say, 'inspection_id', r.inspection_id, inspections));
  each('actions', (r, say) => {
    ref(say, 'unit_code', r.unit_code, units);
    ref(say, 'enterprise_credit_code', r.enterprise_credit_code, ents);
    ref(say, 'hazard_ledger_no', r.hazard_ledger_no, hazards);
    ref(say, 'target_unit_code', r.target_unit_code, units);
    if (NEEDS_ENTERPRISE.includes(r.kind) && !r.enterprise_credit_code) say(`${r.kind} needs an enterprise`);
    if (NEEDS_TARGET.includes(r.kind) && !r.target_unit_code) say(`${r.kind} needs a target unit`);
    if (r.kind === 'penalty' && !r.amount_wan) say('penalty needs amount_wan');
    const h = hazards.get(r.hazard_ledger_no);
    if (r.kind === 'penalty' && h) notAfter(say, h.found_on, r.acted_on, 'penalty dated before its hazard was found');
  });
  each('leaders', (r, say) => ref(say, 'unit_code', r.unit_code, units));
  each('leader_inspections', (r, say) => {
    ref(say, 'unit_code', r.unit_code, units);
    ref(say, 'enterprise_credit_code', r.enterprise_credit_code, ents);
    if (!roster.has(`${r.unit_code}|${r.leader_name}`)) say(`leader_name: "${r.leader_name}" is not on ${r.unit_code}'s roster`);
  });
  each('assignments', (r, say) => {
    ref(say, 'hazard_ledger_no', r.hazard_ledger_no, hazards);
    if (!countyLevel(r.unit_code)) say(`unit_code: "${r.unit_code}" is not county-level`);
  });
  each('feedback', (r, say) => {
    ref(say, 'hazard_ledger_no', r.hazard_ledger_no, hazards);
    notAfter(say, assigned.get(r.hazard_ledger_no) ?? '', r.feedback_on, 'feedback before assigned');
  });
  each('drills', (r, say) => ref(say, 'enterprise_credit_code', r.enterprise_credit_code, ents));
  each('submissions', (r, say) => {
    ref(say, 'unit_code', r.unit_code, units);
    if (['monthly_report', 'dispatch_table'].includes(r.kind) && !/^\d{4}-\d{2}$/.test(r.period)) say('period: YYYY-MM needed');
  });
  return problems;
}
