import type { DataSource } from 'typeorm';
import type { Difference, ReconciliationSummary } from './reconciliation.types.js';

// The reconciliations table (migration 1764400003000): one row per hand-filled table checked.

export interface StoredReconciliation {
  id: number;
  unit: string;
  month: string;
  fileName: string | null;
  sheet: string;
  differenceCount: number;
  differences: Difference[];
  ledgerVersion: string;
  reconciledAt: string;
  reconciledBy: string;
}

interface Row {
  id: string; unit_code: string; month: string; file_name: string | null; sheet_name: string; difference_count: number;
  differences: Difference[] | string; ledger_version: string; reconciled_at: Date | string; reconciled_by: string;
}

const toStored = (r: Row): StoredReconciliation => ({
  id: Number(r.id), unit: r.unit_code, month: r.month, fileName: r.file_name, sheet: r.sheet_name, differenceCount: r.difference_count,
  differences: typeof r.differences === 'string' ? JSON.parse(r.differences) : r.differences,
  ledgerVersion: r.ledger_version, reconciledAt: new Date(r.reconciled_at).toISOString(), reconciledBy: r.reconciled_by,
});

export async function ledgerVersion(ds: DataSource): Promise<string> {
  const [r] = await ds.query(`SELECT last_value::text || ':' || is_called::text AS v FROM ledger_version`);
  return r.v;
}

export async function saveReconciliation(ds: DataSource, r: {
  unit: string; month: string; fileName?: string; sheet: string; reported: Record<string, number | null>; differences: Difference[]; actor: string;
}): Promise<StoredReconciliation> {
  const [row] = await ds.query(
    `INSERT INTO reconciliations (unit_code, month, file_name, sheet_name, reported, differences, difference_count, ledger_version, reconciled_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [r.unit, r.month, r.fileName ?? null, r.sheet, JSON.stringify(r.reported), JSON.stringify(r.differences), r.differences.length, await ledgerVersion(ds), r.actor],
  );
  return toStored(row);
}

/** Newest first; filtered by unit and month when given. */
export async function listReconciliations(ds: DataSource, f: { unit?: string; month?: string }): Promise<StoredReconciliation[]> {
  const params: string[] = [];
  const where: string[] = [];
  if (f.unit) { params.push(f.unit); where.push(`unit_code = $${params.length}`); }
  if (f.month) { params.push(f.month); where.push(`month = $${params.length}`); }
  const rows: Row[] = await ds.query(
    `SELECT * FROM reconciliations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY reconciled_at DESC, id DESC`, params);
  return rows.map(toStored);
}

/** The latest check of each unit's table for a month: what the briefing counts. */
export async function latestReconciliations(ds: DataSource, month: string): Promise<ReconciliationSummary[]> {
  const rows: Row[] = await ds.query(
    `SELECT DISTINCT ON (unit_code) * FROM reconciliations WHERE month = $1 ORDER BY unit_code, reconciled_at DESC, id DESC`, [month]);
  return rows.map(toStored).map((r) => ({ unit: r.unit, differences: r.differenceCount, items: r.differences.map((d) => d.item) }));
}
