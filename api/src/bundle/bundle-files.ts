// The files of a bundle, their columns and keys, as spec/bundle.md lists them, and the ledger table each
// one fills (migrations/1764400000000-Ledger.ts). Every reader, check and writer works from this list.

export type ColumnType =
  | 'text' // free text
  | 'key' // a code, id or name that is part of a key or an index: at most KEY_MAX_LENGTH, so an index can hold it
  | 'creditCode' // 统一社会信用代码
  | 'enum'
  | 'date' // YYYY-MM-DD
  | 'boolean'
  | 'count' // an integer >= 0
  | 'money' // 万元, numeric(14,2) >= 0
  | 'list' // `;`-separated, stored as text[]
  | 'month'; // YYYY-MM

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
  values?: readonly string[];
  /** what an empty cell means, when not null */
  fallback?: boolean | number;
}

export type TableName =
  | 'units' | 'enterprises' | 'inspections' | 'findings' | 'hazards' | 'actions' | 'leaders'
  | 'leader_inspections' | 'assignments' | 'feedback' | 'drills' | 'submissions' | 'campaigns';

export interface FileSpec {
  file: string;
  table: TableName;
  columns: ColumnSpec[];
  /** the columns that identify a record; files without a key of their own are keyed by all their columns */
  key: string[];
  /** a row with a known key but other values is a correction (UPDATE, audited) */
  correctable: boolean;
}

const req = (name: string, type: ColumnType, values?: readonly string[]): ColumnSpec => ({ name, type, required: true, values });
const opt = (name: string, type: ColumnType, values?: readonly string[]): ColumnSpec => ({ name, type, values });

export const UNIT_LEVELS = ['province', 'city', 'county', 'zone'] as const;
/** 县级: the level an enterprise's jurisdiction and an assignment's unit must have */
export const COUNTY_LEVELS: readonly string[] = ['county', 'zone'];
export const INDUSTRIES = ['steel', 'power', 'coal_chemical', 'coal_mining', 'building_materials', 'hw_operator', 'medical_waste', 'other'] as const;
export const RISK_LEVELS = ['general', 'larger', 'major'] as const;
export const SOURCES = ['self_check', 'enforcement', 'public_report', 'superior_assignment'] as const;
export const LISTED_LEVELS = ['county', 'city', 'government'] as const;
export const FINDINGS = ['no_leader_study', 'no_leader_inspection', 'no_duty_list', 'no_safety_staff', 'uncertified_special_work', 'outsourcing_chaos', 'no_drill'] as const;
export const ACTION_KINDS = ['assistance_unit', 'assistance_enterprise', 'penalty', 'dual_penalty', 'judicial_transfer', 'suspension', 'closure', 'exposure', 'interview', 'joint_punishment', 'typical_case', 'accountability', 'interview_unit'] as const;
/** action kinds that name an enterprise */
export const KINDS_NEEDING_ENTERPRISE: readonly string[] = ['assistance_enterprise', 'penalty', 'dual_penalty', 'suspension', 'closure', 'exposure', 'interview', 'joint_punishment', 'typical_case'];
/** action kinds aimed at a unit (帮扶/约谈 a lower unit) */
export const KINDS_NEEDING_TARGET_UNIT: readonly string[] = ['assistance_unit', 'interview_unit'];
export const LEADER_ROLES = ['main', 'member'] as const;
export const SUBMISSION_KINDS = ['monthly_report', 'dispatch_table', 'stage_report', 'summary'] as const;

function allColumns(file: string, table: TableName, columns: ColumnSpec[]): FileSpec {
  return { file, table, columns, key: columns.map((c) => c.name), correctable: false };
}

// In an order that satisfies the foreign keys when written one after the other.
export const BUNDLE_FILES: FileSpec[] = [
  {
    file: 'units.csv', table: 'units', key: ['code'], correctable: true,
    columns: [req('code', 'key'), req('name', 'text'), req('level', 'enum', UNIT_LEVELS), opt('parent_code', 'key')],
  },
  {
    file: 'enterprises.csv', table: 'enterprises', key: ['credit_code'], correctable: true,
    columns: [
      req('credit_code', 'creditCode'), req('name', 'text'), req('unit_code', 'key'), req('industry', 'enum', INDUSTRIES),
      req('risk_level', 'enum', RISK_LEVELS), req('high_risk', 'boolean'), opt('parent_credit_code', 'creditCode'), opt('main_leader', 'text'),
    ],
  },
  {
    file: 'leaders.csv', table: 'leaders', key: ['unit_code', 'name'], correctable: true,
    columns: [req('unit_code', 'key'), req('name', 'key'), req('role', 'enum', LEADER_ROLES)],
  },
  {
    // 谁检查、谁签名、谁负责: a signed inspection is never edited, so it is not correctable
    file: 'inspections.csv', table: 'inspections', key: ['inspection_id'], correctable: false,
    columns: [
      req('inspection_id', 'key'), req('unit_code', 'key'), req('enterprise_credit_code', 'creditCode'), req('inspected_on', 'date'),
      req('signed_by', 'list'), req('major_hazards_found', 'count'),
    ],
  },
  allColumns('findings.csv', 'findings', [req('inspection_id', 'key'), req('finding', 'enum', FINDINGS)]),
  {
    file: 'hazards.csv', table: 'hazards', key: ['ledger_no'], correctable: true,
    columns: [
      req('ledger_no', 'key'), req('enterprise_credit_code', 'creditCode'), req('unit_code', 'key'), req('source', 'enum', SOURCES),
      req('found_on', 'date'), opt('description', 'text'), opt('category', 'text'), opt('inspection_id', 'key'), opt('confirmed_on', 'date'),
      opt('listed_level', 'enum', LISTED_LEVELS), opt('listed_on', 'date'), opt('tracker', 'text'), opt('responsible_person', 'text'),
      opt('measures', 'text'), opt('funds_wan', 'money'), opt('deadline', 'date'), opt('contingency_plan', 'text'),
      opt('rectified_on', 'date'), opt('closed_on', 'date'), opt('closed_by', 'text'),
    ],
  },
  {
    file: 'actions.csv', table: 'actions', key: ['action_id'], correctable: true,
    columns: [
      req('action_id', 'key'), req('unit_code', 'key'), req('kind', 'enum', ACTION_KINDS), req('acted_on', 'date'),
      opt('enterprise_credit_code', 'creditCode'), opt('hazard_ledger_no', 'key'), opt('target_unit_code', 'key'),
      { name: 'persons', type: 'count', fallback: 1 }, opt('amount_wan', 'money'), { name: 'crime', type: 'boolean', fallback: false },
    ],
  },
  allColumns('leader_inspections.csv', 'leader_inspections', [
    req('unit_code', 'key'), req('leader_name', 'key'), req('inspected_on', 'date'), opt('enterprise_credit_code', 'creditCode'),
  ]),
  {
    // a hazard is assigned (交办) once
    file: 'assignments.csv', table: 'assignments', key: ['hazard_ledger_no'], correctable: true,
    columns: [req('hazard_ledger_no', 'key'), req('unit_code', 'key'), req('assigned_on', 'date')],
  },
  allColumns('feedback.csv', 'feedback', [req('hazard_ledger_no', 'key'), req('feedback_on', 'date'), req('document_no', 'key'), opt('progress', 'key')]),
  allColumns('drills.csv', 'drills', [req('enterprise_credit_code', 'creditCode'), req('drilled_on', 'date')]),
  allColumns('submissions.csv', 'submissions', [req('unit_code', 'key'), req('kind', 'enum', SUBMISSION_KINDS), opt('period', 'month'), req('submitted_on', 'date')]),
  {
    // a campaign (行动) and its calendar (domain.md section 4); a known code is a correction
    file: 'campaigns.csv', table: 'campaigns', key: ['code'], correctable: true,
    columns: [
      req('code', 'key'), req('name', 'text'), req('start_on', 'date'), req('end_on', 'date'), req('first_month', 'month'),
      req('last_month', 'month'), opt('stage_report_due', 'date'), opt('summary_due', 'date'),
    ],
  },
];

export const FILE_NAMES = BUNDLE_FILES.map((f) => f.file);

export function fileSpec(table: TableName): FileSpec {
  return BUNDLE_FILES.find((f) => f.table === table)!;
}

/** The SQL type a column is written as (jsonb_to_recordset needs it). */
export function sqlType(c: ColumnSpec): string {
  switch (c.type) {
    case 'date': return 'date';
    case 'boolean': return 'boolean';
    case 'count': return 'integer';
    case 'money': return 'numeric';
    case 'list': return 'text[]';
    default: return 'text';
  }
}

/** A PostgreSQL index entry holds about 2700 bytes; 500 characters of 汉字 stay well below that. */
export const KEY_MAX_LENGTH = 500;
