import { BUNDLE_FILES, type FileSpec } from './bundle-files.js';
import { parseCell, type Value } from './cell-values.js';
import type { Position, ProblemList } from './bundle-problem.js';
import type { RawTable } from './raw-table.js';

export type Row = Record<string, Value>;

/** One record of the bundle with its cells given meaning. */
export interface BundleRecord {
  spec: FileSpec;
  at: Position;
  /** every column of the file's spec: the given value, the column's fallback, or null */
  row: Row;
  /** the columns the file has: a correction changes only these */
  present: ReadonlySet<string>;
  /** columns whose cell was wrong (already reported): later checks leave them alone */
  invalid: ReadonlySet<string>;
}

export interface BundleFile {
  spec: FileSpec;
  label: string;
  present: ReadonlySet<string>;
  records: BundleRecord[];
}

/** Checks the header against the file's columns; returns each spec column's position in the row. */
function readHeader(table: RawTable, spec: FileSpec, problems: ProblemList): Map<string, number> {
  const at = { label: table.label, line: table.header.line };
  // a later piece of a file says nothing about the header again, only about its own rows
  const report = (column: string, message: string) => {
    if (!table.continued) problems.at(at, column, message);
  };
  const positions = new Map<string, number>();
  const known = spec.columns.map((c) => c.name);
  table.header.names.forEach((raw, i) => {
    const name = raw.trim();
    // a trailing separator gives a nameless, empty column: harmless unless a row puts a value there
    if (name === '') {
      const used = table.rows.find((r) => (r.cells[i] ?? '').trim() !== '');
      if (used) problems.at(used.at, `column ${i + 1}`, 'a value in a column the header does not name');
    } else if (!known.includes(name)) report(name, `unknown column; ${spec.file} has the columns ${known.join(', ')}`);
    else if (positions.has(name)) report(name, 'the header names this column twice');
    else positions.set(name, i);
  });
  for (const c of spec.columns) {
    if (c.required && !positions.has(c.name)) report(c.name, 'required column is missing from the header');
  }
  return positions;
}

/** `before`: what the earlier pieces of the same file gave (read-csv-folder.ts); this piece's records are added to it. */
export function toBundleFile(table: RawTable, problems: ProblemList, before?: BundleFile): BundleFile {
  const piece = checkPiece(table, problems, before?.present);
  if (!before) return piece;
  for (const r of piece.records) before.records.push(r);
  return before;
}

/** What checks one piece's records, one at a time: its file, its columns, and the check of one row. */
export interface PieceChecker {
  spec: FileSpec;
  label: string;
  present: ReadonlySet<string>;
  check(raw: RawTable['rows'][number]): BundleRecord;
}

/** Reads the piece's header (reporting it on a file's first piece) and returns the check of its rows. */
export function pieceChecker(table: RawTable, problems: ProblemList, firstPresent?: ReadonlySet<string>): PieceChecker {
  const spec = BUNDLE_FILES.find((f) => f.file === table.file)!;
  const positions = readHeader(table, spec, problems);
  const present = firstPresent ?? new Set(positions.keys());
  // a required column missing from the header is reported once above, not again on every row
  const missing = new Set(spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name));
  const check = (raw: RawTable['rows'][number]): BundleRecord => {
    const row: Row = {};
    // one set shared by every row whose cells are all good: a set per row was a tenth of the memory
    let invalid: Set<string> = missing;
    for (const c of spec.columns) {
      const i = positions.get(c.name);
      const r = parseCell(c, i === undefined ? '' : raw.cells[i] ?? '');
      if ('problem' in r) {
        row[c.name] = null;
        if (invalid === missing) invalid = new Set(missing);
        invalid.add(c.name);
        if (!missing.has(c.name)) problems.at(raw.at, c.name, r.problem);
      } else {
        row[c.name] = r.value;
      }
    }
    return { spec, at: raw.at, row, present, invalid };
  };
  return { spec, label: table.label, present, check };
}

/**
 * One file, or one piece of a large one, with its cells checked: only this piece's records (the
 * streaming import stages them and lets them go). `present`: the columns the file's first piece had.
 */
export function checkPiece(table: RawTable, problems: ProblemList, firstPresent?: ReadonlySet<string>): BundleFile {
  const checker = pieceChecker(table, problems, firstPresent);
  return { spec: checker.spec, label: checker.label, present: checker.present, records: table.rows.map((raw) => checker.check(raw)) };
}

/**
 * The key of a record as one string: a one-column key that is text is itself (no string built for each
 * of a million records), any other key the JSON of its columns' values, marked so the two cannot meet.
 */
export function keyOf(spec: FileSpec, row: Row): string {
  return spec.key.length === 1 ? singleKey(row[spec.key[0]]) : `\u0000${JSON.stringify(spec.key.map((k) => row[k]))}`;
}

/** keyOf for a file keyed by one column, given that column's value (a reference to the record). */
export function singleKey(v: Value | undefined): string {
  return typeof v === 'string' ? v : `\u0000${JSON.stringify([v ?? null])}`;
}

/** keyOf for leaders.csv, keyed by (unit_code, name). */
export function leaderKey(unit: string, name: string): string {
  return `\u0000${JSON.stringify([unit, name])}`;
}

/** Values compare as the database returns them: equal JSON, arrays element by element. */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
