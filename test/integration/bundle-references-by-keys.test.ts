import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { freshDatabase, SAMPLE_BUNDLE, type Engine, type TestDatabase } from '../support/databases.js';
import { copyBundle, csvRowCounts, expectRefusedEdit, refusal, removeBundle, setCell, tableCounts } from '../support/bundles.js';
import { creditCodeCheckChar } from '../../api/src/bundle/credit-code.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { keyedReferences } from '../../api/src/bundle/check-bundle.js';

// A reference that a foreign key of the ledger checks is left to that key when the bundle has no other
// problem (api/src/bundle/check-bundle.ts): the key refuses the write, the write is undone to its
// savepoint, and only then are the references checked to say file, line and field. The refusal must be
// what the checks would have listed: every such reference, not only the first the key met, in the order
// of the checks, and nothing written.
const UNKNOWN_ENTERPRISE = `91140502AAAAAAAAA${creditCodeCheckChar('91140502AAAAAAAAA')}`;

function suite(engine: Engine) {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase(engine); });
  afterAll(async () => { await t?.drop(); });
  const refused = (edit: (dir: string) => void, expected: string[]) => expectRefusedEdit(t.db.dataSource, edit, expected);

  it('leaves to the keys the references a foreign key checks at once, and no other (the catalogue as the migrations made it)', async () => {
    const left = (await t.db.dataSource.transaction((m) => keyedReferences(m))).map((r) => `${r.table}.${r.column} → ${r.target}`);
    // REFERENCES' order (check-bundle.ts). Not left: the parents of units and enterprises (deferred keys), a
    // leader inspection's unit (its key is the roster's, two columns) and feedback's hazard (its key is the assignment's)
    expect(left).toEqual([
      'enterprises.unit_code → units',
      'leaders.unit_code → units',
      'inspections.unit_code → units', 'inspections.enterprise_credit_code → enterprises',
      'findings.inspection_id → inspections',
      'hazards.enterprise_credit_code → enterprises', 'hazards.unit_code → units', 'hazards.inspection_id → inspections',
      'actions.unit_code → units', 'actions.enterprise_credit_code → enterprises', 'actions.hazard_ledger_no → hazards', 'actions.target_unit_code → units',
      'leader_inspections.enterprise_credit_code → enterprises',
      'assignments.hazard_ledger_no → hazards', 'assignments.unit_code → units',
      'drills.enterprise_credit_code → enterprises',
      'submissions.unit_code → units',
    ]);
  });

  it('lists every reference the keys refuse, in three files, not only the first', () => refused((d) => {
    setCell(d, 'findings.csv', 2, 'inspection_id', 'I99999');
    setCell(d, 'findings.csv', 5, 'inspection_id', 'I99998');
    setCell(d, 'drills.csv', 3, 'enterprise_credit_code', UNKNOWN_ENTERPRISE);
    setCell(d, 'submissions.csv', 2, 'unit_code', '149999');
  }, [
    'findings.csv:2: inspection_id: inspection "I99999" is not in inspections.csv nor in the database',
    'findings.csv:5: inspection_id: inspection "I99998" is not in inspections.csv nor in the database',
    `drills.csv:3: enterprise_credit_code: enterprise "${UNKNOWN_ENTERPRISE}" is not in enterprises.csv nor in the database`,
    'submissions.csv:2: unit_code: unit "149999" is not in units.csv nor in the database',
  ]));

  it('lists a reference before a rule broken on the same line, as when the checks find both', () => refused((d) => {
    setCell(d, 'hazards.csv', 3, 'unit_code', '149999');
    setCell(d, 'hazards.csv', 3, 'confirmed_on', '2023-06-20');
  }, [
    'hazards.csv:3: unit_code: unit "149999" is not in units.csv nor in the database',
    'hazards.csv:3: confirmed_on: 2023-06-20 is before the hazard was found (found_on 2023-06-21)',
  ]));

  it('lists a reference beside a problem of another kind: a leader off the roster, on a line of its own', () => refused((d) => {
    setCell(d, 'drills.csv', 2, 'enterprise_credit_code', UNKNOWN_ENTERPRISE);
    setCell(d, 'leader_inspections.csv', 2, 'leader_name', '无名氏');
  }, [
    'leader_inspections.csv:2: leader_name: leader "无名氏" is not on unit 140500\'s roster (leaders.csv or the database)',
    `drills.csv:2: enterprise_credit_code: enterprise "${UNKNOWN_ENTERPRISE}" is not in enterprises.csv nor in the database`,
  ]));

  it('checks a reference itself when the ledger has no foreign key for it (the catalogue says which)', async () => {
    const other = await freshDatabase(engine);
    try {
      await other.db.dataSource.query('ALTER TABLE findings DROP CONSTRAINT findings_inspection_id_fkey');
      await expectRefusedEdit(other.db.dataSource, (d) => setCell(d, 'findings.csv', 2, 'inspection_id', 'I99999'),
        ['findings.csv:2: inspection_id: inspection "I99999" is not in inspections.csv nor in the database']);
    } finally {
      await other.drop();
    }
  });

  it('imports the sample whole after the refusals', async () => {
    await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
    const { audit_log, ...ledger } = await tableCounts(t.db.dataSource);
    expect(ledger).toEqual(csvRowCounts());
    expect(audit_log).toBeGreaterThan(0);
  });
}

describe('references left to the ledger\'s foreign keys (embedded)', () => suite('embedded'));
describeWith(['postgres'], 'references left to the ledger\'s foreign keys (postgres)', () => suite('postgres'));

// A large load drops the table's foreign keys and re-adds them after the insert: there the re-added key is
// what refuses, and the savepoint must also bring back every constraint the load had set aside.
describeWith(['postgres'], 'references left to the foreign keys of a large load (postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase('postgres'); });
  afterAll(async () => { await t?.drop(); });

  const constraints = async () => (await t.db.dataSource.query(
    `SELECT oid::text || ' ' || conrelid::regclass::text || ' ' || conname AS c FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
  ) as { c: string }[]).map((r) => r.c);

  it('is refused by the re-added key with the line named, writes nothing and leaves every constraint as it was', async () => {
    const before = await constraints();
    const d = copyBundle();
    try {
      setCell(d, 'findings.csv', 4, 'inspection_id', 'I99999');
      expect(await refusal(importBundle(t.db.dataSource, d, { actor: 'test', bulkRows: 1 }))).toEqual([
        'findings.csv:4: inspection_id: inspection "I99999" is not in inspections.csv nor in the database',
      ]);
    } finally {
      removeBundle(d);
    }
    expect(Object.values(await tableCounts(t.db.dataSource)).every((n) => n === 0)).toBe(true);
    // the same constraints, by catalogue id: none was dropped and made again
    expect(await constraints()).toEqual(before);
  });
});
