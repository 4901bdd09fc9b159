import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { copyBundle, csvRowCounts, removeBundle, setCell, tableCounts } from '../support/bundles.js';
import { BUNDLE_FILES, FILE_NAMES } from '../../api/src/bundle/bundle-files.js';
import { BundleRefusedError, importBundle } from '../../api/src/bundle/import-bundle.js';

// Random bundles, from plain garbage to near-misses built of real headers and values that the sample
// uses: whatever the content, the import either succeeds or throws BundleRefusedError, and a refused
// bundle writes nothing. The database holds the sample, so random rows meet real references.
const RUNS = { csv: 150, xlsx: 75, edits: 75 };

const NEAR_MISSES = ['', ' ', '140500', '140502', '140500KF', '91140502L12TH3BJ3R', '911405029K23GD5Q28', '91140502L12TH3BJ3A',
  'I00001', 'I00105', 'JC-140502-2023-0001', 'JC-140502-2023-0009', 'A00001', '2023-05-07', '2023-05-20', '2023-02-30', '2023-13-01',
  '0000-01-01', '9999-12-31', 'true', 'false', '是', '否', '1', '0', '-1', '4.2', '1e5', '99999999999999', '2147483648', 'county',
  'city', 'zone', 'province', 'penalty', 'assistance_unit', 'main', 'member', 'enforcement', 'steel', 'other', 'general', 'major',
  'monthly_report', '2023-05', '140500主要负责同志', '检查员1;检查员2', ';', 'a\u0000b', '"', '""', ',', '\n', 'x'.repeat(600)];

const cell = fc.oneof(fc.constantFrom(...NEAR_MISSES), fc.string(), fc.string({ unit: 'grapheme' }), fc.integer().map(String));
const columnName = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...BUNDLE_FILES.flatMap((f) => f.columns.map((c) => c.name))) }, fc.string());

const csvFile = fc.record({
  name: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...FILE_NAMES) }, fc.constantFrom('other.csv', 'units.CSV', '.hidden')),
  header: fc.array(columnName, { minLength: 0, maxLength: 8 }),
  rows: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 6 }),
  quoteAll: fc.boolean(),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  raw: fc.option(fc.oneof(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 200 })), { freq: 4 }),
});
type CsvFile = typeof csvFile extends fc.Arbitrary<infer T> ? T : never;

function csvText(f: CsvFile): string | Uint8Array {
  if (f.raw !== null) return f.raw;
  const field = (v: string) => (f.quoteAll ? `"${v.replace(/"/g, '""')}"` : v); // unquoted: commas and quotes break rows on purpose
  const lines = [f.header, ...f.rows].map((r) => r.map(field).join(','));
  return (f.bom ? '\uFEFF' : '') + lines.join(f.newline);
}

// What exceljs can write: XML has no place for most control characters.
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g, '?');
const xlsxCell = fc.oneof(cell.map(xmlSafe), fc.date({ min: new Date('1900-03-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.constant({ error: '#REF!' as const }));
const sheet = fc.record({
  name: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...FILE_NAMES.map((f) => f.replace('.csv', ''))) }, fc.constantFrom('Sheet1', 'junk')),
  header: fc.array(columnName.map(xmlSafe), { maxLength: 8 }),
  rows: fc.array(fc.array(xlsxCell, { maxLength: 9 }), { maxLength: 6 }),
});
const workbook = fc.oneof({ weight: 9, arbitrary: fc.uniqueArray(sheet, { selector: (s) => s.name, maxLength: 4 }) }, fc.uint8Array({ maxLength: 300 }));

// The sample with a few cells changed: mostly refused, sometimes a valid correction that is written.
const SAMPLE_ROWS = csvRowCounts();
// a cell of a file the sample brings (campaigns.csv it does not)
const sampleEdit = fc.constantFrom(...BUNDLE_FILES.filter((f) => SAMPLE_ROWS[f.table] > 0)).chain((f) => fc.record({
  file: fc.constant(f.file),
  line: fc.integer({ min: 2, max: SAMPLE_ROWS[f.table] + 1 }),
  column: fc.constantFrom(...f.columns.map((c) => c.name)),
  value: cell,
}));

describe('random bundles', () => {
  let t: TestDatabase;
  let tmp: string;
  const seen = { tried: 0, refused: 0, imported: 0 };
  beforeAll(async () => {
    t = await freshDatabase('embedded');
    await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-garbage-'));
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
    console.log(`random bundles: ${seen.tried} tried, ${seen.refused} refused, ${seen.imported} imported`);
  });

  async function importNeverThrowsOtherwise(bundlePath: string): Promise<void> {
    seen.tried++;
    const before = await tableCounts(t.db.dataSource);
    try {
      await importBundle(t.db.dataSource, bundlePath, { actor: 'fuzz' });
      seen.imported++;
    } catch (e) {
      if (!(e instanceof BundleRefusedError)) throw e;
      seen.refused++;
      expect(e.problems.length).toBeGreaterThan(0);
      expect(await tableCounts(t.db.dataSource)).toEqual(before);
    }
  }

  it(`CSV folders (${RUNS.csv} runs)`, async () => {
    await fc.assert(fc.asyncProperty(fc.uniqueArray(csvFile, { selector: (f) => f.name, maxLength: 5 }), async (files) => {
      const dir = fs.mkdtempSync(path.join(tmp, 'csv-'));
      for (const f of files) fs.writeFileSync(path.join(dir, f.name), csvText(f));
      await importNeverThrowsOtherwise(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }), { numRuns: RUNS.csv });
  }, 600_000);

  it(`the sample with random cells changed (${RUNS.edits} runs)`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(sampleEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
      const dir = copyBundle();
      for (const e of edits) setCell(dir, e.file, e.line, e.column, e.value);
      await importNeverThrowsOtherwise(dir);
      removeBundle(dir);
    }), { numRuns: RUNS.edits });
  }, 600_000);

  it(`.xlsx workbooks (${RUNS.xlsx} runs)`, async () => {
    await fc.assert(fc.asyncProperty(workbook, async (book) => {
      const file = path.join(tmp, `book-${seen.tried}.xlsx`);
      if (book instanceof Uint8Array) {
        fs.writeFileSync(file, book);
      } else {
        const wb = new ExcelJS.Workbook();
        for (const s of book) {
          const ws = wb.addWorksheet(s.name);
          [s.header, ...s.rows].forEach((r) => ws.addRow(r));
        }
        await wb.xlsx.writeFile(file);
      }
      await importNeverThrowsOtherwise(file);
      fs.rmSync(file, { force: true });
    }), { numRuns: RUNS.xlsx });
  }, 600_000);
});
