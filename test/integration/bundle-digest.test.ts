import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { describeWith } from '../support/requires.js';
import { freshDatabase, SAMPLE_BUNDLE, type Engine, type TestDatabase } from '../support/databases.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { BUNDLE_FILES, type ColumnSpec } from '../../api/src/bundle/bundle-files.js';

// The digest an import records for each file (audit `after.digest`) is the sha256 of the file's records
// as staged: one COPY text line each, `line, invalid columns, first, cells in the spec's column order`
// (checked-piece.ts). Computed here from the files themselves, by csv-parse and a writer of its own, it
// must be what the import recorded, whichever way the records went in: by JSON on the embedded engine,
// by COPY on PostgreSQL, and there with the pieces checked in worker threads.

const WORKER = pathToFileURL(path.resolve('dist/api/src/bundle/piece-worker.js'));

/** a clean cell as the ledger stores it, in COPY's text format (the sample's cells are all valid) */
function cell(c: ColumnSpec, s: string): string {
  if (s === '') return c.fallback === undefined ? '\\N' : c.fallback === true ? 't' : c.fallback === false ? 'f' : String(c.fallback);
  switch (c.type) {
    case 'boolean': return ['true', '1', '是'].includes(s.toLowerCase()) ? 't' : 'f';
    case 'money': return Number(s).toFixed(2);
    case 'count': return String(Number(s));
    case 'list': return `{${s.split(';').map((x) => `"${x.trim()}"`).join(',')}}`;
    default: return s.replace(/[\\\t\n\r]/g, (ch) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[ch]!);
  }
}

function expectedDigests(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of BUNDLE_FILES) {
    const file = path.join(dir, spec.file);
    if (!fs.existsSync(file)) continue;
    const [header, ...records] = parse(fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n'), { bom: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    // the sample's units.csv mixes CRLF and LF line ends, as files edited on two systems do
    const names = header.record;
    const hash = createHash('sha256');
    for (const { record, info } of records) {
      const line = info.lines - record.join('').split('\n').length + 1;
      const cells = spec.columns.map((c) => (names.includes(c.name) ? cell(c, record[names.indexOf(c.name)]) : '\\N'));
      hash.update(`${line}\t{}\tt\t${cells.join('\t')}\n`);
    }
    if (records.length) out[spec.file] = hash.digest('hex');
  }
  return out;
}

const ways: [Engine, string, Parameters<typeof importBundle>[2]['pieces']][] = [
  ['embedded', 'by JSON', undefined],
  ['postgres', 'by COPY', undefined],
  ['postgres', 'by COPY, checked in worker threads, in 4 KB pieces', { pool: { workers: 2, script: WORKER }, pieceBytes: 4096 }],
];

for (const [engine, way, pieces] of ways) {
  describeWith(engine === 'postgres' ? ['postgres'] : [], `import digests on ${engine}, ${way}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await freshDatabase(engine);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it('records for each file the sha256 of its records as staged, computed here from the file', async () => {
      await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test', pieces });
      const entries = (await t.db.dataSource.query(`SELECT after FROM audit_log WHERE action = 'bundle.import' ORDER BY id`)) as { after: { file: string; digest: string } }[];
      const recorded = Object.fromEntries(entries.map((e) => [e.after.file, e.after.digest]));
      const want = expectedDigests(SAMPLE_BUNDLE);
      // every file of the sample but campaigns.csv (its campaign is the default one)
      expect(Object.keys(want).length).toBe(BUNDLE_FILES.length - 1);
      expect(recorded).toEqual(want);
    });
  });
}
