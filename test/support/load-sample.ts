import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import { SAMPLE_BUNDLE } from './databases.js';

// Loads the sample bundle's CSV files into a migrated ledger database, for tests of what reads the
// ledger (analytics). TODO: switch to importBundle(dataSource, path, { actor }) from
// api/src/bundle/import-bundle.ts once it exists; this loader does no validation at all, it trusts the
// fixture, and exists only so that the analytics tests do not wait for the importer.

// Files in an order that satisfies the foreign keys (units and enterprises refer to themselves
// through deferrable keys, checked at commit).
const FILES = [
  'units', 'enterprises', 'inspections', 'findings', 'hazards', 'actions', 'leaders', 'leader_inspections',
  'assignments', 'feedback', 'drills', 'submissions',
] as const;

// Columns whose empty value means the database default rather than NULL.
const DEFAULTS: Record<string, Record<string, string>> = { actions: { persons: '1', crime: 'false' } };

const BATCH = 500;

function cell(table: string, column: string, raw: string): unknown {
  if (raw === '') return DEFAULTS[table]?.[column] ?? null;
  if (table === 'inspections' && column === 'signed_by') return raw.split(';').map((s) => s.trim());
  return raw;
}

async function insertFile(m: EntityManager, dir: string, table: string): Promise<number> {
  const file = path.join(dir, `${table}.csv`);
  if (!fs.existsSync(file)) return 0;
  const records: Record<string, string>[] = parse(fs.readFileSync(file), {
    columns: true, bom: true, skip_empty_lines: true,
    // a file may mix CRLF and LF line ends (the sample's units.csv does)
    record_delimiter: ['\r\n', '\n'],
  });
  if (!records.length) return 0;
  // the bundle's column names are the table's
  const columns = Object.keys(records[0]);
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    const params: unknown[] = [];
    const tuples = batch.map((r) => `(${columns.map((c) => {
      params.push(cell(table, c, r[c]));
      return `$${params.length}`;
    }).join(', ')})`);
    await m.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
  return records.length;
}

/** Loads a bundle folder (the sample by default) in one transaction; returns the number of rows. */
export async function loadSample(dataSource: DataSource, dir: string = SAMPLE_BUNDLE): Promise<number> {
  return dataSource.transaction(async (m) => {
    let rows = 0;
    for (const table of FILES) rows += await insertFile(m, dir, table);
    return rows;
  });
}
