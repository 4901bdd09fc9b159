import type { DataSource } from 'typeorm';
import { columnsCsv, type Column } from './chinese-columns.js';
import type { CsvValue } from './csv.js';

// 公布典型执法案例 (dispatch item C8): every `typical_case` action from the campaign's start to the end of
// the month, so the file's rows are the figures C8_cases and C8_crime_cases of that month's table.
// `scope` limits a county user to its own records and those about enterprises in its jurisdiction.

type Row = Record<string, CsvValue>;

export async function typicalCases(ds: DataSource, from: string, to: string, scope?: string): Promise<Row[]> {
  const params = [from, to];
  let where = `a.kind = 'typical_case' AND a.acted_on BETWEEN $1::date AND $2::date`;
  if (scope) {
    params.push(scope);
    where += ' AND (a.unit_code = $3 OR e.unit_code = $3)';
  }
  return ds.query(
    `SELECT a.action_id, a.unit_code, u.name AS unit_name, a.acted_on, a.enterprise_credit_code, e.name AS enterprise_name,
            a.hazard_ledger_no, h.description, a.crime
     FROM actions a JOIN units u ON u.code = a.unit_code LEFT JOIN enterprises e ON e.credit_code = a.enterprise_credit_code
     LEFT JOIN hazards h ON h.ledger_no = a.hazard_ledger_no
     WHERE ${where} ORDER BY a.acted_on, a.action_id`, params);
}

const field = (c: string) => (r: Row) => r[c];

export const TYPICAL_CASE_COLUMNS: Column<Row>[] = [
  { header: '执法记录编号', value: field('action_id') },
  { header: '单位代码', value: field('unit_code') },
  { header: '单位', value: field('unit_name') },
  { header: '公布日期', value: field('acted_on') },
  { header: '企业统一社会信用代码', value: field('enterprise_credit_code') },
  { header: '企业名称', value: field('enterprise_name') },
  { header: '关联隐患台账编号', value: field('hazard_ledger_no') },
  { header: '隐患描述', value: field('description') },
  { header: '危险作业罪案例', value: (r) => (r.crime ? '是' : '否') },
];

export function typicalCasesCsv(rows: Row[]): string {
  return columnsCsv(TYPICAL_CASE_COLUMNS, rows);
}
