import type { EntityManager } from 'typeorm';
import { BUNDLE_FILES, fileSpec, type FileSpec, type TableName } from './bundle-files.js';
import { keyOf, type BundleFile, type BundleRecord, type Row } from './bundle-records.js';

/** A record as it will be after the import: the database's row overlaid with the bundle's cells. */
export interface Known {
  row: Row;
  /** the row already in the database, if any */
  db?: Row;
  /** the bundle record that brings or corrects it, if any */
  record?: BundleRecord;
}

export type KeyedTable = 'units' | 'enterprises' | 'leaders' | 'inspections' | 'hazards' | 'actions' | 'assignments' | 'campaigns';
const KEYED: KeyedTable[] = ['units', 'enterprises', 'leaders', 'inspections', 'hazards', 'actions', 'assignments', 'campaigns'];

/**
 * The part of the ledger that the bundle's rules look at, merged with the bundle. Cross-record rules
 * run on this, so a bundle is checked against what the database already holds, not only against itself.
 */
export interface LedgerState {
  keyed: Record<KeyedTable, Map<string, Known>>;
  /** feedback of the hazards whose assignment the bundle brings or corrects, plus the bundle's own */
  feedback: Known[];
}

const CHUNK = 5000;

async function select(m: EntityManager, spec: FileSpec, where?: { column: string; values: Iterable<string> }): Promise<Row[]> {
  const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
  if (!where) return m.query(`SELECT ${cols} FROM ${spec.table}`);
  // an empty table (a first import) holds none of them: no need to send it a million keys to look up
  const [probe] = (await m.query(`SELECT NOT EXISTS (SELECT 1 FROM ${spec.table}) AS empty`)) as { empty: boolean }[];
  if (probe?.empty) return [];
  const values = [...new Set(where.values)];
  const rows: Row[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    rows.push(...(await m.query(`SELECT ${cols} FROM ${spec.table} WHERE ${where.column}::text = ANY($1::text[])`, [values.slice(i, i + CHUNK)])));
  }
  return rows;
}

/** Values of a column over the bundle's records of some tables (valid cells only). */
function valuesOf(files: BundleFile[], tables: TableName[], column: string | ((r: BundleRecord) => boolean)): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (!tables.includes(f.spec.table)) continue;
    for (const r of f.records) {
      for (const c of f.spec.columns) {
        const wanted = typeof column === 'string' ? c.name === column : column(r) && c.type === 'creditCode';
        const v = r.row[c.name];
        if (wanted && typeof v === 'string' && !r.invalid.has(c.name)) out.push(v);
      }
    }
  }
  return out;
}

function merge(record: BundleRecord, db: Row | undefined): Row {
  if (!db) return record.row;
  const row: Row = { ...db };
  for (const c of record.spec.columns) {
    if (record.invalid.has(c.name)) row[c.name] = null;
    else if (record.present.has(c.name)) row[c.name] = record.row[c.name];
  }
  return row;
}

function hasValidKey(r: BundleRecord): boolean {
  return r.spec.key.every((k) => !r.invalid.has(k) && r.row[k] !== null);
}

export async function loadLedgerState(m: EntityManager, files: BundleFile[]): Promise<LedgerState> {
  const every = BUNDLE_FILES.map((f) => f.table);
  const unitCodes = valuesOf(files, ['units'], 'code');
  const hazardNos = valuesOf(files, ['hazards'], 'ledger_no');
  const assignedNos = valuesOf(files, ['assignments'], 'hazard_ledger_no');
  const db: Record<KeyedTable, Row[]> = {
    units: await select(m, fileSpec('units')),
    // every campaign: a new one must not overlap the assessed months of any
    campaigns: await select(m, fileSpec('campaigns')),
    leaders: await select(m, fileSpec('leaders')),
    enterprises: [
      ...(await select(m, fileSpec('enterprises'), { column: 'credit_code', values: valuesOf(files, every, () => true) })),
      // enterprises whose jurisdiction the bundle corrects
      ...(await select(m, fileSpec('enterprises'), { column: 'unit_code', values: unitCodes })),
    ],
    inspections: await select(m, fileSpec('inspections'), { column: 'inspection_id', values: valuesOf(files, ['inspections', 'hazards', 'findings'], 'inspection_id') }),
    hazards: await select(m, fileSpec('hazards'), {
      column: 'ledger_no',
      values: [...hazardNos, ...valuesOf(files, ['actions', 'assignments', 'feedback'], 'hazard_ledger_no')],
    }),
    actions: [
      ...(await select(m, fileSpec('actions'), { column: 'action_id', values: valuesOf(files, ['actions'], 'action_id') })),
      // penalties on hazards whose found date the bundle may correct
      ...(await select(m, fileSpec('actions'), { column: 'hazard_ledger_no', values: hazardNos })),
    ],
    assignments: [
      ...(await select(m, fileSpec('assignments'), { column: 'hazard_ledger_no', values: [...assignedNos, ...hazardNos, ...valuesOf(files, ['feedback'], 'hazard_ledger_no')] })),
      ...(await select(m, fileSpec('assignments'), { column: 'unit_code', values: unitCodes })),
    ],
  };
  const keyed = {} as Record<KeyedTable, Map<string, Known>>;
  for (const t of KEYED) {
    const spec = fileSpec(t);
    const map = new Map<string, Known>();
    for (const row of db[t]) map.set(keyOf(spec, row), { row, db: row });
    for (const r of files.find((f) => f.spec.table === t)?.records ?? []) {
      if (!hasValidKey(r)) continue;
      const key = keyOf(spec, r.row);
      const known = map.get(key);
      if (known?.record) continue; // a duplicate key: reported by the key check, the first one stands
      map.set(key, { row: merge(r, known?.db), db: known?.db, record: r });
    }
    keyed[t] = map;
  }
  const feedback: Known[] = (await select(m, fileSpec('feedback'), { column: 'hazard_ledger_no', values: assignedNos })).map((row) => ({ row, db: row }));
  for (const r of files.find((f) => f.spec.table === 'feedback')?.records ?? []) feedback.push({ row: r.row, record: r });
  return { keyed, feedback };
}
