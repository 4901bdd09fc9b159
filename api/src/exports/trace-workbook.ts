import type { DataSource } from 'typeorm';
import type { LookBack, MissedHazard, OverdueHazard, TraceJson } from '../../../analytics/src/contracts.js';
import type { Column } from './chinese-columns.js';
import { listWorkbookBuffer, type ListSheet } from './list-workbook.js';

// 责任追溯 as a workbook (domain.md section 7): one sheet per list of the traceback JSON, with the unit's
// and the enterprise's names beside their codes, as the leading group reads it.

export const TRACE_SHEETS = { missed: '该发现而未发现', overdue: '该盯住整改而整改不到位', lookBack: '回头看' } as const;

/** names of the units and of each hazard's enterprise, for the codes the traceback JSON carries */
export interface TraceNames { unit: Map<string, string>; enterpriseOf: Map<string, { code: string; name: string }> }

export async function traceNames(ds: DataSource): Promise<TraceNames> {
  const units: { code: string; name: string }[] = await ds.query(`SELECT code, name FROM units`);
  const hazards: { ledger_no: string; code: string; name: string }[] = await ds.query(
    `SELECT h.ledger_no, e.credit_code AS code, e.name FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code`);
  return { unit: new Map(units.map((u) => [u.code, u.name])), enterpriseOf: new Map(hazards.map((h) => [h.ledger_no, { code: h.code, name: h.name }])) };
}

export async function traceWorkbookBuffer(t: TraceJson, n: TraceNames): Promise<Buffer> {
  const unit = (code: string) => n.unit.get(code) ?? code;
  const enterprise = (hazard: string) => n.enterpriseOf.get(hazard);
  const hazardCols = <R extends { hazard: string; unit: string }>(): Column<R>[] => [
    { header: '台账编号', value: (r) => r.hazard },
    { header: '单位代码', value: (r) => r.unit },
    { header: '单位', value: (r) => unit(r.unit) },
    { header: '企业统一社会信用代码', value: (r) => enterprise(r.hazard)?.code },
    { header: '企业名称', value: (r) => enterprise(r.hazard)?.name },
  ];
  const missed: ListSheet<MissedHazard> = {
    name: TRACE_SHEETS.missed,
    columns: [...hazardCols<MissedHazard>(), { header: '发现日期', value: (r) => r.foundOn },
      { header: '签字无重大隐患的检查', value: (r) => r.inspections.map((i) => i.id).join('、') },
      { header: '检查日期', value: (r) => r.inspections.map((i) => i.inspectedOn).join('、') },
      { header: '检查签字人', value: (r) => r.inspections.map((i) => i.signers.join('、')).join('；') }],
    rows: t.missed,
  };
  const overdue: ListSheet<OverdueHazard> = {
    name: TRACE_SHEETS.overdue,
    columns: [...hazardCols<OverdueHazard>(), { header: '整改期限', value: (r) => r.deadline },
      { header: '跟踪督办责任人', value: (r) => r.tracker }, { header: '整改责任人', value: (r) => r.responsiblePerson }],
    rows: t.overdue,
  };
  // the later hazard of a look-back row (LookBack.refound)
  const again = (r: LookBack) => r.refound;
  const lookBack: ListSheet<LookBack> = {
    name: TRACE_SHEETS.lookBack,
    columns: [...hazardCols<LookBack>(), { header: '隐患类别', value: (r) => r.category }, { header: '办结销号日期', value: (r) => r.closedOn },
      { header: '再次发现为', value: (r) => again(r)?.hazard }, { header: '再次发现单位', value: (r) => (again(r) ? unit(again(r).unit) : null) },
      { header: '再次发现日期', value: (r) => again(r)?.foundOn }],
    rows: t.lookBack,
  };
  return listWorkbookBuffer([missed, overdue, lookBack] as ListSheet<unknown>[]);
}
