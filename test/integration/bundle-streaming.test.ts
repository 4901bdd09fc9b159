import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { copyBundle, csvRowCounts, refusal, removeBundle, tableCounts } from '../support/bundles.js';
import { freshDatabase, type Engine, type TestDatabase } from '../support/databases.js';
import { describeWith } from '../support/requires.js';

// The streaming import (issue 14): a file's records go into a staging table in chunks (5,000 rows a
// statement on PGlite, 64 KB of COPY text on PostgreSQL) and every check across records is SQL over
// the staging tables and the ledger. A file of more rows than one chunk, with a problem of each kind the
// SQL finds placed past the first chunk, is refused with exactly those lines on both engines; without
// them it is imported whole, counted, and a second import of it changes nothing.
const EXTRA = 12_000;

/** `n` more submissions of unit 140502 on distinct days, each row its own key (submissions are keyed by all columns). */
function addSubmissions(dir: string, n: number): void {
  const day = new Date(Date.UTC(1990, 0, 1));
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(`140502,summary,,${day.toISOString().slice(0, 10)}`);
    day.setUTCDate(day.getUTCDate() + 1);
  }
  fs.appendFileSync(path.join(dir, 'submissions.csv'), `${lines.join('\n')}\n`);
}

/**
 * `n` more members of unit 140502's roster (leaders are keyed by unit and name, a key of their own), and
 * a copy of the name on `copyAt` (a line of the file) at the end: a duplicate key. Returns its line and name.
 */
function addLeaders(dir: string, n: number, copyAt: number): { line: number; name: string } {
  const file = path.join(dir, 'leaders.csv');
  const lines = [...linesOf(dir, 'leaders.csv'), ...Array.from({ length: n }, (_, i) => `140502,成员${i + 1},member`)];
  lines.push(lines[copyAt - 1].replace(/,member$/, ',main'));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { line: lines.length, name: lines[copyAt - 1].split(',')[1] };
}

const linesOf = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => l !== '');

function engineSuite(engine: Engine): void {
  describe(engine, () => {
    let t: TestDatabase;
    let good: string;
    let bad: string;
    let badLines: { duplicate: number; unknown: number; first: number; leader: { line: number; name: string }; leaderFirst: number };
    beforeAll(async () => {
      t = await freshDatabase(engine);
      good = copyBundle();
      addSubmissions(good, EXTRA);
      bad = copyBundle();
      addSubmissions(bad, EXTRA);
      const lines = linesOf(bad, 'submissions.csv');
      // a copy of a row far into the file (a duplicate key), then a row naming a unit nobody has
      const first = lines.length - 7000;
      lines.push(lines[first - 1]);
      const duplicate = lines.length;
      lines.push('149999,summary,,2023-01-01');
      fs.writeFileSync(path.join(bad, 'submissions.csv'), `${lines.join('\n')}\n`);
      // large enough for the staging's key index (1,000 rows), with a name far into it given twice
      const leaderFirst = linesOf(bad, 'leaders.csv').length + 900;
      const leader = addLeaders(bad, 1500, leaderFirst);
      badLines = { duplicate, unknown: lines.length, first, leader, leaderFirst };
    }, 120_000);
    afterAll(async () => {
      removeBundle(good);
      removeBundle(bad);
      await t?.drop();
    });

    it('refuses a bundle whose problems lie past the first staging chunk, with exactly those lines, and writes nothing', async () => {
      const problems = await refusal(importBundle(t.db.dataSource, bad, { actor: 'test' }));
      expect(problems).toEqual([
        `leaders.csv:${badLines.leader.line}: unit_code: duplicate key: unit_code "140502", name "${badLines.leader.name}" is also on line ${badLines.leaderFirst}`,
        `submissions.csv:${badLines.duplicate}: unit_code: duplicate key: the same row as line ${badLines.first} (submissions.csv is keyed by all its columns)`,
        `submissions.csv:${badLines.unknown}: unit_code: unit "149999" is not in units.csv nor in the database`,
      ]);
      expect((await tableCounts(t.db.dataSource)).submissions).toBe(0);
    }, 300_000);

    it('lists the first problems found when there are more than a refusal lists, and says how many more', async () => {
      const problems = await refusal(importBundle(t.db.dataSource, bad, { actor: 'test', listedProblems: 1 }));
      expect(problems).toEqual([
        `leaders.csv:${badLines.leader.line}: unit_code: duplicate key: unit_code "140502", name "${badLines.leader.name}" is also on line ${badLines.leaderFirst}`,
        'bundle: 2 more problems found and not listed: the first 1 found are listed above; correct those and import again to see the rest',
      ]);
    }, 300_000);

    it('imports every row of a file larger than one chunk, then finds all of them unchanged', async () => {
      const rows = csvRowCounts(good);
      const r = await importBundle(t.db.dataSource, good, { actor: 'test' });
      expect(r.files['submissions.csv']).toEqual({ inserted: rows.submissions, updated: 0, unchanged: 0 });
      expect((await tableCounts(t.db.dataSource)).submissions).toBe(rows.submissions);
      const again = await importBundle(t.db.dataSource, good, { actor: 'test' });
      expect(again.files['submissions.csv']).toEqual({ inserted: 0, updated: 0, unchanged: rows.submissions });
    }, 300_000);
  });
}

describe('a bundle larger than one staging chunk (embedded)', () => engineSuite('embedded'));
describeWith(['postgres'], 'a bundle larger than one staging chunk (PostgreSQL)', () => engineSuite('postgres'));
