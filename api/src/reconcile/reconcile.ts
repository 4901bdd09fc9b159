import type { DataSource } from 'typeorm';
import type { DispatchJson } from '../../../analytics/src/contracts.js';
import { endOfMonth, loadCampaign } from '../campaign/campaign.js';
import { DomainError } from '../common/domain-error.js';
import { DISPATCH_VALUES, valueLabel } from '../dispatch/dispatch-items.js';
import { ledgerRecords } from './ledger-records.js';
import { readDispatchSheet, type ReportedTable } from './read-dispatch-sheet.js';
import type { Difference, ReconciliationResult } from './reconciliation.types.js';
import { saveReconciliation, type StoredReconciliation } from './reconciliations.repository.js';

// A hand-filled 调度表 against the ledger's figures for the same unit and month (the seed's 如实填报).

// amounts are kept to the cent (C3_amount_wan); counts are integers
const cents = (v: number) => Math.round(v * 100);

/** The items where the table and the ledger disagree; a blank cell agrees with a ledger figure of 0. */
export function compareTable(reported: ReportedTable['values'], ledger: Record<string, unknown>): Omit<Difference, 'records'>[] {
  const out: Omit<Difference, 'records'>[] = [];
  for (const { key } of DISPATCH_VALUES) {
    const l = Number(ledger[key]);
    const r = reported.get(key) ?? null;
    if (cents(r ?? 0) !== cents(l)) out.push({ item: key, label: valueLabel(key), reported: r, ledger: l });
  }
  return out;
}

/** The 单位 line, when filled, must name the unit the table is checked for. */
function checkUnitLine(table: ReportedTable, unit: { unit: string; name: string }): void {
  if (!table.unitText) return;
  const t = table.unitText;
  if (!t.includes(unit.name) && !t.includes(unit.unit)) {
    throw new DomainError('BAD_PARAMETER', `the table's 单位 line says "${t}", but it is being checked for ${unit.unit} ${unit.name}: check --unit or the file`);
  }
}

export async function reconcileTable(ds: DataSource, dispatch: DispatchJson, o: {
  unit: string; file: Buffer; fileName?: string; actor: string;
}): Promise<ReconciliationResult> {
  const row = dispatch.units.find((u) => u.unit === o.unit);
  if (!row) throw new DomainError('UNKNOWN_UNIT', `no unit with code ${o.unit}; the codes are listed by GET /api/units`);
  const table = await readDispatchSheet(o.file, row.name);
  checkUnitLine(table, row);
  const found = compareTable(table.values, row);
  const campaign = await loadCampaign(ds, dispatch.month);
  const records = await ledgerRecords(ds, o.unit, campaign.startOn, endOfMonth(dispatch.month), found.map((d) => d.item));
  const differences = found.map((d) => ({ ...d, records: records.get(d.item) ?? [] }));
  const stored: StoredReconciliation = await saveReconciliation(ds, {
    unit: o.unit, month: dispatch.month, fileName: o.fileName, sheet: table.sheet, reported: Object.fromEntries(table.values), differences, actor: o.actor,
  });
  return { id: stored.id, unit: o.unit, month: dispatch.month, sheet: table.sheet, reconciledAt: stored.reconciledAt, differences };
}
