import { fileSpec, type TableName } from './bundle-files.js';
import { keyOf, leaderKey, singleKey, type BundleFile, type BundleRecord } from './bundle-records.js';
import type { ProblemList } from './bundle-problem.js';
import type { KeyedTable, LedgerState } from './ledger-state.js';

function lineWord(label: string): string {
  return label.endsWith('.csv') ? 'line' : 'row';
}

/** Two records of one file with the same key (files without a key are keyed by all their columns). */
export function checkDuplicateKeys(files: BundleFile[], problems: ProblemList): void {
  for (const f of files) {
    const keyedByAll = f.spec.key.length === f.spec.columns.length;
    const first = new Map<string, number>();
    for (const r of f.records) {
      if (f.spec.key.some((k) => r.invalid.has(k))) continue;
      const key = keyOf(f.spec, r.row);
      const line = first.get(key);
      if (line === undefined) {
        first.set(key, r.at.line);
      } else if (keyedByAll) {
        problems.at(r.at, f.spec.key[0], `duplicate key: the same row as ${lineWord(f.label)} ${line} (${f.spec.file} is keyed by all its columns)`);
      } else {
        const shown = f.spec.key.map((k) => `${k} ${JSON.stringify(r.row[k])}`).join(', ');
        problems.at(r.at, f.spec.key[0], `duplicate key: ${shown} is also on ${lineWord(f.label)} ${line}`);
      }
    }
  }
}

interface Reference {
  table: TableName;
  column: string;
  target: KeyedTable;
  what: string;
}

const unitRef = (table: TableName, column = 'unit_code'): Reference => ({ table, column, target: 'units', what: 'unit' });
const enterpriseRef = (table: TableName, column = 'enterprise_credit_code'): Reference => ({ table, column, target: 'enterprises', what: 'enterprise' });
const hazardRef = (table: TableName): Reference => ({ table, column: 'hazard_ledger_no', target: 'hazards', what: 'hazard' });
const inspectionRef = (table: TableName): Reference => ({ table, column: 'inspection_id', target: 'inspections', what: 'inspection' });

const REFERENCES: Reference[] = [
  unitRef('units', 'parent_code'),
  unitRef('enterprises'), enterpriseRef('enterprises', 'parent_credit_code'),
  unitRef('leaders'),
  unitRef('inspections'), enterpriseRef('inspections'),
  inspectionRef('findings'),
  enterpriseRef('hazards'), unitRef('hazards'), inspectionRef('hazards'),
  unitRef('actions'), enterpriseRef('actions'), hazardRef('actions'), unitRef('actions', 'target_unit_code'),
  unitRef('leader_inspections'), enterpriseRef('leader_inspections'),
  hazardRef('assignments'), unitRef('assignments'),
  hazardRef('feedback'),
  enterpriseRef('drills'),
  unitRef('submissions'),
];

function missingRef(problems: ProblemList, r: BundleRecord, column: string, what: string, value: string, target: KeyedTable): void {
  problems.at(r.at, column, `${what} ${JSON.stringify(value)} is not in ${fileSpec(target).file} nor in the database`);
}

/** Every unit, enterprise, hazard, inspection and leader a record names is in the bundle or the database. */
export function checkReferences(files: BundleFile[], state: LedgerState, problems: ProblemList): void {
  for (const f of files) {
    const refs = REFERENCES.filter((x) => x.table === f.spec.table);
    for (const r of f.records) {
      for (const ref of refs) {
        const v = r.row[ref.column];
        if (typeof v !== 'string' || r.invalid.has(ref.column)) continue;
        if (!state.keyed[ref.target].has(singleKey(v))) missingRef(problems, r, ref.column, ref.what, v, ref.target);
      }
      if (f.spec.table === 'leader_inspections') checkRoster(r, state, problems);
      if (f.spec.table === 'feedback') checkFeedbackAssigned(r, state, problems);
    }
  }
}

// A leader inspection (领导带队检查) counts only for a leader on that unit's roster.
function checkRoster(r: BundleRecord, state: LedgerState, problems: ProblemList): void {
  const { unit_code: unit, leader_name: name } = r.row;
  if (typeof unit !== 'string' || typeof name !== 'string' || r.invalid.has('leader_name') || r.invalid.has('unit_code')) return;
  if (!state.keyed.leaders.has(leaderKey(unit, name))) {
    problems.at(r.at, 'leader_name', `leader ${JSON.stringify(name)} is not on unit ${unit}'s roster (leaders.csv or the database)`);
  }
}

// Feedback (反馈) answers an assignment (交办): the hazard must have been assigned.
function checkFeedbackAssigned(r: BundleRecord, state: LedgerState, problems: ProblemList): void {
  const no = r.row.hazard_ledger_no;
  if (typeof no !== 'string' || r.invalid.has('hazard_ledger_no')) return;
  const key = singleKey(no);
  if (state.keyed.hazards.has(key) && !state.keyed.assignments.has(key)) {
    problems.at(r.at, 'hazard_ledger_no', `hazard ${JSON.stringify(no)} has no assignment in assignments.csv nor in the database; feedback answers an assignment`);
  }
}
