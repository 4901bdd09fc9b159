import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { BUNDLE_FILES, FILE_NAMES, KEY_MAX_LENGTH, type ColumnSpec } from '../../api/src/bundle/bundle-files.js';
import { ProblemList, formatProblem, type BundleProblem } from '../../api/src/bundle/bundle-problem.js';
import { toBundleFile, type BundleFile } from '../../api/src/bundle/bundle-records.js';
import { createAfterViews } from '../../api/src/bundle/after-views.js';
import { checkBundle as checkAcrossRecords } from '../../api/src/bundle/check-bundle.js';
import { BundleStage } from '../../api/src/bundle/stage-bundle.js';
import { readCsvText } from '../../api/src/bundle/read-csv-folder.js';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { BAD_DATES, FORMULAS, SQL, WEIRD_TEXT } from './hostile-values.js';

// The bundle's checks on an empty embedded ledger: CSV text → cells → records (in memory), then staged
// and checked across records in SQL (keys, references, rules), on generated bundles, each in a transaction
// rolled back after its checks. Whatever the bytes, the checks never throw; every problem says where
// (file, line, column where a cell is at fault); and a bundle they let through holds only values the
// ledger can store. The import around these checks (nothing written on refusal) is tested by
// bundle-garbage.test.ts. The checks across records are SQL since the streaming import (issue 14), so
// a run costs a few database round trips: fewer random runs than when they ran in memory.
const RUNS = { random: Number(process.env.HOSTILE_BUNDLE_RUNS ?? 150), edits: Number(process.env.HOSTILE_BUNDLE_EDIT_RUNS ?? 40) };

let t: TestDatabase;
beforeAll(async () => { t = await freshDatabase('embedded'); }, 60_000);
afterAll(async () => { await t?.drop(); });

const ROLLBACK = new Error('rollback: the checks write nothing');

// the 2023 sample brings no campaigns.csv (the default campaign exists from the first start); the 2024
// sample's is taken so that every file of the format is fuzzed
const SAMPLE_2024_BUNDLE = path.resolve('test/fixtures/jincheng-2024-sample/bundle');
const sampleFile = (f: string) => fs.readFileSync(path.join(fs.existsSync(path.join(SAMPLE_BUNDLE, f)) ? SAMPLE_BUNDLE : SAMPLE_2024_BUNDLE, f), 'utf8').replace(/\r\n/g, '\n');
const SAMPLE: Record<string, string> = Object.fromEntries(FILE_NAMES.map((f) => [f, sampleFile(f)]));

/** The checks of importBundle, in its order, before anything would be written. */
async function checkBundle(files: Record<string, string | Uint8Array>): Promise<{ problems: BundleProblem[]; bundle: BundleFile[] }> {
  const problems = new ProblemList();
  const tables = Object.entries(files).flatMap(([name, content]) => {
    const t = readCsvText(name, typeof content === 'string' ? new TextEncoder().encode(content) : content, problems);
    return t ? [t] : [];
  });
  if (!tables.some((t) => t.file === 'units.csv')) problems.file('units.csv', 'missing');
  // the records as read, for the storable check (their cells' problems are the staged ones' again)
  const bundle = tables.map((t) => toBundleFile(t, new ProblemList()));
  await t.db.dataSource.transaction(async (m) => {
    const stage = await BundleStage.open(m);
    for (const table of tables) await stage.take(table, problems);
    stage.files.sort((a, b) => BUNDLE_FILES.indexOf(a.spec) - BUNDLE_FILES.indexOf(b.spec));
    await stage.index();
    await createAfterViews(m, stage.files);
    await checkAcrossRecords(m, stage.files, problems);
    throw ROLLBACK;
  }).catch((e) => {
    if (e !== ROLLBACK) throw e;
  });
  return { problems: problems.all, bundle };
}

/** A value the ledger can store in a column of this type (what the import would write). */
function storable(c: ColumnSpec, v: unknown): boolean {
  if (v === null) return !c.required;
  if (typeof v === 'string' && v.includes('\u0000')) return false;
  switch (c.type) {
    case 'date': return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
    case 'count': return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2147483647;
    case 'money': return typeof v === 'string' && /^\d{1,12}\.\d{2}$/.test(v);
    case 'boolean': return typeof v === 'boolean';
    case 'list': return Array.isArray(v) && v.every((x) => typeof x === 'string' && !x.includes('\u0000'));
    case 'enum': return c.values!.includes(v as string);
    case 'key': return typeof v === 'string' && v.length <= KEY_MAX_LENGTH;
    default: return typeof v === 'string';
  }
}

const seen = { random: 0, edits: 0, refused: 0, passed: 0, problems: 0 };

async function checkProperty(files: Record<string, string | Uint8Array>): Promise<void> {
  const { problems, bundle } = await checkBundle(files);
  if (problems.length) {
    seen.refused++;
    seen.problems += problems.length;
    for (const p of problems) {
      const line = formatProblem(p);
      expect([line, p.message.trim().length > 0, typeof p.file === 'string' && p.file.length > 0]).toEqual([line, true, true]);
      if (p.line !== undefined) expect([line, Number.isInteger(p.line) && p.line >= 1]).toEqual([line, true]);
      // a cell at fault is named by its column; only whole-row and whole-file problems name none
      const rowLevel = /unparsable row|header row|duplicate key|required column/.test(p.message);
      if (p.line !== undefined && !rowLevel) expect([line, p.column !== undefined || /the header/.test(p.message)]).toEqual([line, true]);
    }
  } else {
    seen.passed++;
    for (const f of bundle) for (const r of f.records) for (const c of f.spec.columns) {
      expect([f.spec.file, r.at.line, c.name, storable(c, r.row[c.name])]).toEqual([f.spec.file, r.at.line, c.name, true]);
    }
  }
}

const VALUES = [...SQL, ...FORMULAS, ...WEIRD_TEXT.filter((v) => v.length < 1000), ...BAD_DATES, '140500', '140502', '140500KF', '91140502L12TH3BJ3R',
  'JC-140502-2023-0001', 'I00001', 'A00001', '2023-05-07', 'true', '是', '1', '0', '-1', '4.205', '1e5', '99999999999999', '2147483648',
  'county', 'zone', 'penalty', 'main', 'enforcement', 'steel', 'general', 'monthly_report', '2023-05', '检查员1;检查员2', ';', '"', ',', '\n'];
const cell = fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }));
const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

// a small bundle of real file names and columns, cells from the lists above, quoting right or wrong
const randomFile = fc.constantFrom(...BUNDLE_FILES).chain((spec) => fc.record({
  name: fc.constant(spec.file),
  header: fc.oneof({ weight: 4, arbitrary: fc.shuffledSubarray(spec.columns.map((c) => c.name)) }, fc.array(fc.oneof(cell, fc.constantFrom(...spec.columns.map((c) => c.name))), { maxLength: 6 })),
  rows: fc.array(fc.array(cell, { maxLength: spec.columns.length + 1 }), { maxLength: 5 }),
  quoted: fc.boolean(),
  bom: fc.boolean(),
  raw: fc.option(fc.oneof(fc.uint8Array({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 120 })), { freq: 6 }),
}));
type RandomFile = typeof randomFile extends fc.Arbitrary<infer T> ? T : never;

function text(f: RandomFile): string | Uint8Array {
  if (f.raw !== null) return f.raw;
  const field = (v: string) => (f.quoted || /[",\n]/.test(v) && f.rows.length % 2 ? quote(v) : v);
  return (f.bom ? '\uFEFF' : '') + [f.header, ...f.rows].map((r) => r.map(field).join(',')).join('\n');
}

// the sample with a few cells replaced (quoted as CSV needs), so the checks between records run on real data
const SAMPLE_LINES = Object.fromEntries(FILE_NAMES.map((f) => [f, SAMPLE[f].split('\n').filter((l) => l !== '')]));
const edit = fc.constantFrom(...FILE_NAMES).chain((file) => fc.record({
  file: fc.constant(file),
  line: fc.integer({ min: 2, max: Math.max(2, SAMPLE_LINES[file].length) }),
  column: fc.nat(),
  value: cell,
}));

describe('bundle checks on hostile input (an empty embedded ledger)', () => {
  afterAll(() => {
    console.log(`hostile bundles (checks on an empty ledger): ${seen.random + seen.edits} tried (${seen.random} random, ${seen.edits} sample edits): `
      + `${seen.refused} refused with ${seen.problems} problems, ${seen.passed} passed, 0 exceptions`);
  });

  it('lets the sample through untouched (so a refusal below is the edit\'s doing)', async () => {
    const { problems, bundle } = await checkBundle(SAMPLE);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(bundle.reduce((n, f) => n + f.records.length, 0)).toBeGreaterThan(1000);
  });

  it(`random small bundles (${RUNS.random} runs): never throw, every problem placed, passed values storable`, async () => {
    await fc.assert(fc.asyncProperty(fc.uniqueArray(randomFile, { selector: (f) => f.name, maxLength: 4 }), async (files) => {
      seen.random++;
      await checkProperty(Object.fromEntries(files.map((f) => [f.name, text(f)])));
    }), { numRuns: RUNS.random });
  }, 300_000);

  it(`the sample with random cells (${RUNS.edits} runs)`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
      seen.edits++;
      const lines = Object.fromEntries(FILE_NAMES.map((f) => [f, [...SAMPLE_LINES[f]]]));
      for (const e of edits) {
        const ls = lines[e.file];
        if (e.line > ls.length) continue;
        // sample lines hold no quoted fields: a plain split is exact
        const fields = ls[e.line - 1].split(',');
        fields[e.column % fields.length] = /[",\n\r]/.test(e.value) ? quote(e.value) : e.value;
        ls[e.line - 1] = fields.join(',');
      }
      await checkProperty(Object.fromEntries(FILE_NAMES.map((f) => [f, `${lines[f].join('\n')}\n`])));
    }), { numRuns: RUNS.edits });
  }, 300_000);
});
