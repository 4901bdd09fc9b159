import { fileSpec, type TableName } from '../bundle/bundle-files.js';
import type { ProblemList } from '../bundle/bundle-problem.js';
import { keyOf, sameValue, type BundleFile, type BundleRecord, type Row } from '../bundle/bundle-records.js';
import type { Known, LedgerState } from '../bundle/ledger-state.js';

// A county branch's bundle may bring only its own unit's records (domain.md section 3: a unit's users
// write their own unit's records). Each record is owned by a unit through one column, directly
// (unit_code) or through what it names (a finding's inspection, a drill's enterprise, a feedback's
// hazard). A record already in the database is owned by its stored unit too, so a county cannot move
// another unit's enterprise into its own jurisdiction by correcting it. units.csv is needed by every
// bundle: rows that repeat units already in the database, unchanged, are fine; a new or changed unit is
// the city office's to bring.

type Lookup = (r: BundleRecord, s: LedgerState) => { column: string; units: unknown[] };

const find = (map: Map<string, Known>, table: TableName, key: Row) => map.get(keyOf(fileSpec(table), key));

/** the stored unit of a keyed record already in the database, if any */
function storedUnit(r: BundleRecord, s: LedgerState): unknown[] {
  const keyed = (s.keyed as Partial<Record<string, Map<string, Known>>>)[r.spec.table];
  const db = keyed?.get(keyOf(r.spec, r.row))?.db;
  return db ? [db.unit_code] : [];
}

const byUnitCode: Lookup = (r, s) => ({ column: 'unit_code', units: [r.row.unit_code, ...storedUnit(r, s)] });

const OWNER: Partial<Record<TableName, Lookup>> = {
  enterprises: byUnitCode,
  hazards: byUnitCode,
  inspections: byUnitCode,
  actions: byUnitCode,
  leaders: byUnitCode,
  leader_inspections: byUnitCode,
  submissions: byUnitCode,
  findings: (r, s) => ({ column: 'inspection_id', units: [find(s.keyed.inspections, 'inspections', { inspection_id: r.row.inspection_id })?.row.unit_code] }),
  drills: (r, s) => ({ column: 'enterprise_credit_code', units: [find(s.keyed.enterprises, 'enterprises', { credit_code: r.row.enterprise_credit_code })?.row.unit_code] }),
  // 交办 is the city's act: a county may repeat an assignment of its own hazard to itself, nothing else
  assignments: (r, s) => ({ column: 'hazard_ledger_no', units: [find(s.keyed.hazards, 'hazards', { ledger_no: r.row.hazard_ledger_no })?.row.unit_code, r.row.unit_code] }),
};

function unitName(s: LedgerState, code: unknown): string {
  const u = find(s.keyed.units, 'units', { code: typeof code === 'string' ? code : null });
  return typeof u?.row.name === 'string' ? `${u.row.name} (${String(code)})` : String(code);
}

/** Problems for every record of the bundle that is not `unit`'s, naming the unit it belongs to. */
export function checkUnitScope(unit: string) {
  return (files: BundleFile[], s: LedgerState, problems: ProblemList): void => {
    const mine = unitName(s, unit);
    for (const f of files) {
      for (const r of f.records) {
        if (f.spec.table === 'units') {
          const known = find(s.keyed.units, 'units', { code: r.row.code });
          const unchanged = known?.db && f.spec.columns.every((c) => !r.present.has(c.name) || sameValue(r.row[c.name], known.db![c.name]));
          if (!unchanged) problems.at(r.at, 'code', `unit ${JSON.stringify(r.row.code)} is new or changed: units are the city office's to add or change; a county branch's bundle repeats them unchanged (${mine})`);
          continue;
        }
        if (f.spec.table === 'campaigns') {
          const known = find(s.keyed.campaigns, 'campaigns', { code: r.row.code });
          const unchanged = known?.db && f.spec.columns.every((c) => !r.present.has(c.name) || sameValue(r.row[c.name], known.db![c.name]));
          if (!unchanged) problems.at(r.at, 'code', `campaign ${JSON.stringify(r.row.code)} is new or changed: campaigns are the city office's to add or change (${mine})`);
          continue;
        }
        if (f.spec.table === 'feedback') {
          // feedback is given by the unit a hazard is assigned to, or by the hazard's own unit
          const hazard = find(s.keyed.hazards, 'hazards', { ledger_no: r.row.hazard_ledger_no });
          const assigned = find(s.keyed.assignments, 'assignments', { hazard_ledger_no: r.row.hazard_ledger_no });
          const owners = [hazard?.row.unit_code, assigned?.row.unit_code].filter((u) => typeof u === 'string');
          if (owners.length && !owners.includes(unit)) {
            problems.at(r.at, 'hazard_ledger_no', `hazard ${JSON.stringify(r.row.hazard_ledger_no)} belongs to ${unitName(s, owners[0])}, not to ${mine}: a county branch imports only its own unit's records`);
          }
          continue;
        }
        const owner = OWNER[f.spec.table]?.(r, s);
        if (!owner) continue;
        // an owner that could not be read (a bad or unknown reference) was reported by the bundle's checks
        const other = owner.units.find((u) => typeof u === 'string' && u !== unit);
        if (other !== undefined) {
          problems.at(r.at, owner.column, `belongs to ${unitName(s, other)}, not to ${mine}: a county branch imports only its own unit's records`);
        }
      }
    }
  };
}
