// Every route of the API that takes a body (POST, PUT, PATCH), with the kind of each body field and path
// parameter, so the DTO property test can build valid-ish bodies and know which values are surely wrong.
// The test compares this list with the routes the running server describes at /api/docs-json: a new
// route or a new field that is not listed here fails it.

export type StringKind = 'creditCode' | 'unitCode' | 'date' | 'text' | 'name' | 'newId' | 'hazard' | 'inspection' | 'month'
  | 'schemeVersion' | 'schemeBase' | 'username' | 'password' | 'leader' | 'action' | 'campaign';
export type Kind = StringKind | 'int' | 'money' | 'bool' | 'signers' | 'findings' | 'schemeParams' | 'phases' | { enum: readonly string[] };

export interface Field { kind: Kind; required?: boolean }

export interface BodyRoute {
  method: 'POST' | 'PATCH' | 'PUT';
  /** as OpenAPI writes it: /api/hazards/{ledgerNo}/confirm */
  path: string;
  params?: Record<string, StringKind>;
  fields: Record<string, Field>;
  /** no DTO: the handler reads no JSON body (publish), or the body is a file (reconciliations) */
  body?: 'none' | 'file';
  /** how often it is tried relative to the others (slow handlers less) */
  weight?: number;
  /** false: listed so that every described route is accounted for, but never sent, because it would
   *  end the sessions or change the passwords of the clients the test signs in with (204 answers);
   *  test/integration/auth-hardening.test.ts tries these routes */
  hostile?: false;
}

const req = (kind: Kind): Field => ({ kind, required: true });
const opt = (kind: Kind): Field => ({ kind });

const SOURCES = ['self_check', 'enforcement', 'public_report', 'superior_assignment'] as const;
const ACTION_KINDS = ['assistance_unit', 'assistance_enterprise', 'penalty', 'dual_penalty', 'judicial_transfer', 'suspension', 'closure',
  'exposure', 'interview', 'joint_punishment', 'typical_case', 'accountability', 'interview_unit'] as const;
const INDUSTRIES = ['steel', 'power', 'coal_chemical', 'coal_mining', 'building_materials', 'hw_operator', 'medical_waste', 'other'] as const;

const actionFields = {
  kind: req({ enum: ACTION_KINDS }), actedOn: req('date'), enterpriseCreditCode: opt('creditCode'), hazardLedgerNo: opt('hazard'),
  targetUnitCode: opt('unitCode'), persons: opt('int'), amountWan: opt('money'), crime: opt('bool'),
};
const enterpriseFields = {
  name: req('name'), unitCode: req('unitCode'), industry: req({ enum: INDUSTRIES }), riskLevel: req({ enum: ['general', 'larger', 'major'] }),
  highRisk: req('bool'), parentCreditCode: opt('creditCode'), mainLeader: opt('name'),
};
const signed = { signedBy: req('name') };
const inspection = { inspectionId: opt('newId'), signedBy: req('signers'), findings: opt('findings') };
const partial = (fs: Record<string, Field>) => Object.fromEntries(Object.entries(fs).map(([k, f]) => [k, { kind: f.kind }]));
const plan = { responsiblePerson: 'name', measures: 'text', fundsWan: 'money', deadline: 'date', contingencyPlan: 'text' } as const;

export const BODY_ROUTES: BodyRoute[] = [
  { method: 'POST', path: '/api/auth/login', fields: { username: req('username'), password: req('password') } },
  { method: 'POST', path: '/api/scores/what-if', fields: { month: req('month'), base: opt('schemeBase'), params: req('schemeParams') }, weight: 0.3 },
  { method: 'POST', path: '/api/scores/stability', fields: { month: req('month'), base: opt('schemeBase'), params: opt('schemeParams') }, weight: 0.1 },
  { method: 'POST', path: '/api/schemes', fields: { version: req('schemeVersion'), basedOn: req('schemeBase'), params: req('schemeParams'), note: opt('text') } },
  { method: 'POST', path: '/api/rankings/{month}/publish', params: { month: 'month' }, fields: {}, body: 'none', weight: 0.2 },
  { method: 'POST', path: '/api/reconciliations', fields: {}, body: 'file', weight: 0.3 },
  { method: 'POST', path: '/api/imports', fields: {}, body: 'file', weight: 0.3 },
  { method: 'POST', path: '/api/users', fields: { username: req('username'), role: req({ enum: ['city_office', 'group_leader', 'county_branch', 'inspector', 'viewer'] }), unitCode: opt('unitCode'), password: req('password'), email: opt('text') } },
  { method: 'PATCH', path: '/api/users/{username}', params: { username: 'username' }, fields: { disabled: opt('bool'), role: opt({ enum: ['city_office', 'group_leader', 'county_branch', 'inspector', 'viewer'] }), unitCode: opt('unitCode'), email: opt('text') } },
  { method: 'POST', path: '/api/users/{username}/password', params: { username: 'username' }, fields: { password: req('password') }, hostile: false },
  { method: 'POST', path: '/api/me/password', fields: { currentPassword: req('password'), newPassword: req('password') }, hostile: false },
  { method: 'POST', path: '/api/auth/logout-all', fields: {}, body: 'none', hostile: false },
  { method: 'POST', path: '/api/submissions', fields: { unitCode: opt('unitCode'), kind: req({ enum: ['monthly_report', 'dispatch_table', 'stage_report', 'summary'] }), period: opt('month'), submittedOn: req('date') } },
  { method: 'POST', path: '/api/actions', fields: { actionId: opt('newId'), unitCode: opt('unitCode'), ...actionFields } },
  { method: 'PATCH', path: '/api/actions/{actionId}', params: { actionId: 'action' }, fields: partial(actionFields) },
  { method: 'POST', path: '/api/inspections', fields: { ...inspection, unitCode: opt('unitCode'), enterpriseCreditCode: req('creditCode'), inspectedOn: req('date'), majorHazardsFound: req('int') } },
  { method: 'POST', path: '/api/inspections/{id}/corrections', params: { id: 'inspection' }, fields: { ...inspection, reason: req('text'), enterpriseCreditCode: opt('creditCode'), inspectedOn: opt('date'), majorHazardsFound: opt('int') } },
  { method: 'POST', path: '/api/enterprises', fields: { creditCode: req('creditCode'), ...enterpriseFields } },
  { method: 'PATCH', path: '/api/enterprises/{creditCode}', params: { creditCode: 'creditCode' }, fields: partial(enterpriseFields) },
  { method: 'POST', path: '/api/hazards', fields: { ...signed, ledgerNo: req('newId'), enterpriseCreditCode: req('creditCode'), unitCode: opt('unitCode'), source: req({ enum: SOURCES }), foundOn: req('date'), description: opt('text'), category: opt('name'), inspectionId: opt('inspection') } },
  { method: 'POST', path: '/api/hazards/{ledgerNo}/confirm', params: { ledgerNo: 'hazard' }, fields: { ...signed, step: req({ enum: ['enterprise', 'unit'] }), on: opt('date') } },
  { method: 'POST', path: '/api/hazards/{ledgerNo}/list', params: { ledgerNo: 'hazard' }, fields: { ...signed, level: req({ enum: ['county', 'city', 'government'] }), tracker: req('name'), listedOn: opt('date') } },
  { method: 'POST', path: '/api/hazards/{ledgerNo}/assign', params: { ledgerNo: 'hazard' }, fields: { ...signed, unitCode: req('unitCode'), assignedOn: opt('date') } },
  { method: 'POST', path: '/api/hazards/{ledgerNo}/feedback', params: { ledgerNo: 'hazard' }, fields: { ...signed, documentNo: req('name'), progress: opt('text'), feedbackOn: opt('date') } },
  { method: 'POST', path: '/api/hazards/{ledgerNo}/plan', params: { ledgerNo: 'hazard' }, fields: { ...signed, ...Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, req(v)])) } },
  { method: 'POST', path: '/api/hazards/{ledgerNo}/rectify', params: { ledgerNo: 'hazard' }, fields: { ...signed, rectifiedOn: opt('date'), ...Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, opt(v)])) } },
  { method: 'POST', path: '/api/hazards/{ledgerNo}/close', params: { ledgerNo: 'hazard' }, fields: { ...signed, closedOn: opt('date') } },
  { method: 'POST', path: '/api/drills', fields: { enterpriseCreditCode: req('creditCode'), drilledOn: req('date') } },
  { method: 'POST', path: '/api/leaders', fields: { unitCode: opt('unitCode'), name: req('name'), role: req({ enum: ['main', 'member'] }) } },
  { method: 'PATCH', path: '/api/leaders/{unitCode}/{name}', params: { unitCode: 'unitCode', name: 'leader' }, fields: { role: req({ enum: ['main', 'member'] }) } },
  { method: 'POST', path: '/api/leader-inspections', fields: { unitCode: opt('unitCode'), leaderName: req('leader'), inspectedOn: req('date'), enterpriseCreditCode: opt('creditCode') } },
  { method: 'PUT', path: '/api/campaigns/{code}/phases', params: { code: 'campaign' }, fields: { phases: req('phases') }, weight: 0.3 },
  { method: 'POST', path: '/api/campaigns', fields: { code: req('newId'), name: req('text'), startOn: req('date'), endOn: req('date'), firstMonth: req('month'), lastMonth: req('month'), stageReportDue: opt('date'), summaryDue: opt('date') }, weight: 0.3 },
  { method: 'POST', path: '/api/public/releases', fields: { month: req('month') }, weight: 0.2 },
  // alert ids are numbers no pool holds: these bodies meet the DTO's checks, then an unknown alert (404)
  { method: 'POST', path: '/api/alerts/{id}/acknowledge', params: { id: 'newId' }, fields: { note: req('text') } },
  { method: 'PUT', path: '/api/alerts/webhooks/{unit}', params: { unit: 'unitCode' }, fields: { url: opt('text') }, weight: 0.3 },
];

/** the JSON type a field's value must have; any other non-null type is surely refused */
export function jsonType(kind: Kind): 'string' | 'number' | 'boolean' | 'array' | 'object' {
  if (typeof kind === 'object') return 'string';
  if (kind === 'int' || kind === 'money') return 'number';
  if (kind === 'bool') return 'boolean';
  if (kind === 'signers' || kind === 'findings' || kind === 'phases') return 'array';
  if (kind === 'schemeParams') return 'object';
  return 'string';
}
