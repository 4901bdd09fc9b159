import type { EntityManager } from 'typeorm';
import { fileSpec, sqlType, type TableName } from '../bundle/bundle-files.js';
import type { ProblemList } from '../bundle/bundle-problem.js';
import { bundleSql } from '../bundle/bundle-sql.js';
import { stagingTable, type StagedFile } from '../bundle/stage-bundle.js';

// A county branch's bundle may bring only its own unit's records (domain.md section 3: a unit's users
// write their own unit's records). Each record is owned by a unit through one column, directly
// (unit_code) or through what it names (a finding's inspection, a drill's enterprise, a feedback's
// hazard). A record already in the database is owned by its stored unit too, so a county cannot move
// another unit's enterprise into its own jurisdiction by correcting it. units.csv is needed by every
// bundle: rows that repeat units already in the database, unchanged, are fine; a new or changed unit is
// the city office's to bring. The records are found in SQL (sql/) on the staged bundle and the ledger as
// it would be after the import (bundle/after-views.ts).

const scopeSql = (name: string, names: Record<string, string> = {}) => bundleSql(name, names, 'api/src/imports/sql');

/** the tables whose records are owned through their own unit_code; for the keyed ones, through the stored record's too */
const BY_UNIT_CODE: TableName[] = ['enterprises', 'hazards', 'inspections', 'actions', 'leaders', 'leader_inspections', 'submissions'];
const KEYED_BY_OWN_KEY: TableName[] = ['enterprises', 'hazards', 'inspections', 'actions', 'leaders'];

function ownerSql(table: TableName): { sql: string; column: string } | undefined {
  if (BY_UNIT_CODE.includes(table)) {
    const spec = fileSpec(table);
    const match = spec.key.map((k) => `d."${k}" = s."${k}"`).join(' AND ');
    const stored = KEYED_BY_OWN_KEY.includes(table) ? `(SELECT d.unit_code FROM ${table} d WHERE ${match})` : 'NULL::text';
    return { sql: scopeSql('owner-by-unit-code.sql', { staging: stagingTable(table), stored }), column: 'unit_code' };
  }
  if (table === 'findings') return { sql: scopeSql('owner-of-finding.sql'), column: 'inspection_id' };
  if (table === 'drills') return { sql: scopeSql('owner-of-drill.sql'), column: 'enterprise_credit_code' };
  if (table === 'assignments') return { sql: scopeSql('owner-of-assignment.sql'), column: 'hazard_ledger_no' };
  return undefined;
}

/** units.csv and campaigns.csv rows new to the ledger, or other in a column the file has */
function newOrChangedSql(f: StagedFile): string {
  const changed = f.spec.columns.filter((c) => f.present.has(c.name)).map((c) => `s."${c.name}" IS DISTINCT FROM d."${c.name}"::${sqlType(c)}`).join(' OR ') || 'false';
  return scopeSql('new-or-changed.sql', { staging: stagingTable(f.spec.table), table: f.spec.table, changed });
}

/** Problems for every record of the bundle that is not `unit`'s, naming the unit it belongs to. */
export function checkUnitScope(unit: string) {
  return async (m: EntityManager, files: StagedFile[], problems: ProblemList): Promise<void> => {
    const names = new Map<string, string>();
    for (const u of (await m.query(scopeSql('unit-names.sql'))) as { code: string; name: string | null }[]) if (u.name !== null) names.set(u.code, u.name);
    const unitName = (code: unknown) => {
      const name = typeof code === 'string' ? names.get(code) : undefined;
      return name !== undefined ? `${name} (${String(code)})` : String(code);
    };
    const mine = unitName(unit);
    for (const f of files) {
      const at = (line: number, column: string, message: string) => problems.at({ label: f.label, line }, column, message);
      const table = f.spec.table;
      if (table === 'units' || table === 'campaigns') {
        for (const r of (await m.query(newOrChangedSql(f))) as { line: number; code: string | null }[]) {
          if (table === 'units') at(r.line, 'code', `unit ${JSON.stringify(r.code)} is new or changed: units are the city office's to add or change; a county branch's bundle repeats them unchanged (${mine})`);
          else at(r.line, 'code', `campaign ${JSON.stringify(r.code)} is new or changed: campaigns are the city office's to add or change (${mine})`);
        }
        continue;
      }
      if (table === 'feedback') {
        for (const r of (await m.query(scopeSql('owner-of-feedback.sql'), [unit])) as { line: number; hazard_ledger_no: string; owners: string[] }[]) {
          at(r.line, 'hazard_ledger_no', `hazard ${JSON.stringify(r.hazard_ledger_no)} belongs to ${unitName(r.owners[0])}, not to ${mine}: a county branch imports only its own unit's records`);
        }
        continue;
      }
      const owner = ownerSql(table);
      if (!owner) continue;
      for (const r of (await m.query(owner.sql, [unit])) as { line: number; owners: (string | null)[] }[]) {
        // an owner that could not be read (a bad or unknown reference) was reported by the bundle's checks
        const other = r.owners.find((u) => typeof u === 'string' && u !== unit);
        if (other !== undefined) at(r.line, owner.column, `belongs to ${unitName(other)}, not to ${mine}: a county branch imports only its own unit's records`);
      }
    }
  };
}
