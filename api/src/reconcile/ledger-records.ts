import type { DataSource } from 'typeorm';

// The ledger records behind one unit's dispatch figure (domain.md section 5), so a difference between a
// hand-filled table and the ledger comes with the records to check: ledger numbers for the hazard
// items, credit codes for the enterprise counts, action ids for the action counts and sums. The figure
// itself comes from the analytics (one place); these lists follow the same rules, and a test holds
// their lengths to the figures on the sample ledger.
// Parameters: $1 unit, $2 window start (the campaign's first day), $3 end of the month.

const HAZARDS = `SELECT ledger_no AS id FROM hazards WHERE unit_code = $1 AND found_on BETWEEN $2::date AND $3::date`;
const RECTIFIED = `AND rectified_on <= $3::date`;
const hazards = (source: string, rectified: boolean) => `${HAZARDS} AND source = '${source}' ${rectified ? RECTIFIED : ''} ORDER BY 1`;
const listed = (rectified: boolean) => `${HAZARDS} AND listed_on <= $3::date ${rectified ? RECTIFIED : ''} ORDER BY 1`;

const INSPECTED = `FROM inspections i WHERE i.unit_code = $1 AND i.inspected_on BETWEEN $2::date AND $3::date`;
const withFinding = (finding: string) =>
  `SELECT DISTINCT i.enterprise_credit_code AS id ${INSPECTED} AND EXISTS (SELECT 1 FROM findings f WHERE f.inspection_id = i.inspection_id AND f.finding = '${finding}') ORDER BY 1`;

const ACTED = `FROM actions WHERE unit_code = $1 AND acted_on BETWEEN $2::date AND $3::date`;
const actions = (kinds: string[], extra = '') => `SELECT action_id AS id ${ACTED} AND kind IN (${kinds.map((k) => `'${k}'`).join(', ')}) ${extra} ORDER BY 1`;
const enterprises = (kinds: string[]) =>
  `SELECT DISTINCT enterprise_credit_code AS id ${ACTED} AND kind IN (${kinds.map((k) => `'${k}'`).join(', ')}) AND enterprise_credit_code IS NOT NULL ORDER BY 1`;

export const RECORD_QUERIES: Record<string, string> = {
  A1: hazards('self_check', false),
  A2: hazards('self_check', true),
  A3: hazards('enforcement', false),
  A4: hazards('enforcement', true),
  A5: hazards('public_report', false),
  A6: hazards('public_report', true),
  A7: hazards('superior_assignment', false),
  A8: hazards('superior_assignment', true),
  A9: listed(false),
  A10: listed(true),
  B1: `SELECT DISTINCT i.enterprise_credit_code AS id ${INSPECTED} ORDER BY 1`,
  B2: withFinding('no_leader_study'),
  B3: withFinding('no_leader_inspection'),
  B4: withFinding('no_duty_list'),
  B5: withFinding('no_safety_staff'),
  B6: withFinding('uncertified_special_work'),
  B7: withFinding('outsourcing_chaos'),
  B8: withFinding('no_drill'),
  C1: actions(['assistance_unit']),
  C2: actions(['assistance_enterprise']),
  C3_count: actions(['penalty']),
  C3_amount_wan: actions(['penalty']),
  C4: actions(['dual_penalty']),
  C5: actions(['judicial_transfer']),
  C6_suspended: enterprises(['suspension']),
  C6_closed: enterprises(['closure']),
  C7: enterprises(['exposure', 'interview', 'joint_punishment']),
  C8_cases: actions(['typical_case']),
  C8_crime_cases: actions(['typical_case'], 'AND crime'),
  C9: actions(['accountability']),
  C10: actions(['interview_unit']),
};

/** Items whose figure is the number of records listed (the others sum persons or amounts). */
export const COUNTED_ITEMS = Object.keys(RECORD_QUERIES).filter((k) => !['C3_amount_wan', 'C5', 'C9'].includes(k));

/** The records behind each of `keys` for one unit, window `from` … `eom`. */
export async function ledgerRecords(ds: DataSource, unit: string, from: string, eom: string, keys: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    const sql = RECORD_QUERIES[key];
    const rows: { id: string }[] = sql ? await ds.query(sql, [unit, from, eom]) : [];
    out.set(key, rows.map((r) => r.id.trim()));
  }
  return out;
}
