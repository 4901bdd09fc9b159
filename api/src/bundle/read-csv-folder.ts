import fs from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { parse, CsvError } from 'csv-parse/sync';
import { FILE_NAMES } from './bundle-files.js';
import type { ProblemList } from './bundle-problem.js';
import type { RawRow, RawTable } from './raw-table.js';

/**
 * A file larger than this is read and parsed a piece at a time: a nation's inspections.csv (830 MB) is
 * longer than the longest string V8 can hold, and its cell texts whole would be several GB.
 */
export const PIECE_BYTES = 8 << 20;

/**
 * Reads every file of a bundle folder; a file the bundle does not know is a problem, not skipped. Each
 * file (or each piece of a large one) is handed to `convert` as soon as it is read, so that its cell
 * texts can go before more is read; the pieces after a file's first are handed over with what `convert`
 * made of the pieces before, to be added to.
 */
export async function readCsvFolder<T>(dir: string, problems: ProblemList, convert: (t: RawTable, before?: T) => T | Promise<T>, pieceBytes = PIECE_BYTES): Promise<T[]> {
  return readFolderPieces<FilePiece, T>(await folderEntries(dir), problems, {
    ahead: 0,
    check: async (piece) => piece,
    take: async (p, before) => {
      const table = readCsvText(p.file, p.bytes, problems, p.file, p.lineOffset);
      if (!table) return undefined;
      if (p.continued) table.continued = true;
      return convert(table, before);
    },
  }, pieceBytes);
}

/** A piece of one of the folder's files. */
export type FilePiece = CsvPiece & { file: string };

/** What is done with each piece of a folder's files. */
export interface PieceReader<C, T> {
  /** how many pieces may be in `check` beyond the one being taken (their bytes are in memory meanwhile) */
  ahead: number;
  /** may run ahead of the takes, several at once */
  check(piece: FilePiece): Promise<C>;
  /**
   * runs strictly in the folder's order, file by file and piece by piece, with what the file's pieces
   * before made; undefined: the file's header cannot be read (said among the problems), the rest of it is not read
   */
  take(checked: C, before?: T): Promise<T | undefined>;
}

/**
 * The one loop over a bundle folder (the plain reader above; the import's stage-csv-folder.ts): its
 * entries (folderEntries, listed once by the caller, who may need their sizes too) in name order, each
 * file in pieces, each piece checked while earlier ones are taken, and what each gave taken in the
 * folder's order, so that the problems, their order and what is made of the pieces do not depend on how
 * far checking runs ahead.
 */
export async function readFolderPieces<C, T>(entries: FolderEntry[], problems: ProblemList, r: PieceReader<C, T>, pieceBytes = PIECE_BYTES): Promise<T[]> {
  type Step = () => Promise<void>;
  const made: T[] = [];
  const pending: Promise<Step>[] = [];
  const takeOldest = async () => (await pending.shift()!)();
  const push = async (step: Promise<Step>) => {
    step.catch(() => undefined); // awaited in its turn; an error then stops the read
    pending.push(step);
    if (pending.length > r.ahead) await takeOldest();
  };
  const now = (step: Step) => push(Promise.resolve(step));
  for (const entry of entries) {
    if ('problem' in entry) {
      await now(async () => problems.file(entry.name, entry.problem));
      continue;
    }
    const file = { made: undefined as T | undefined, unreadable: false };
    for await (const piece of csvPieces(entry.path, pieceBytes)) {
      if (file.unreadable) break;
      const checked = r.check({ ...piece, file: entry.name });
      await push(
        checked.then((c) => async () => {
          if (file.unreadable) return;
          const t = await r.take(c, file.made);
          if (t === undefined) file.unreadable = true;
          else file.made = t;
        }),
      );
    }
    await now(async () => {
      if (file.made !== undefined) made.push(file.made);
    });
  }
  while (pending.length) await takeOldest();
  return made;
}

/** An entry of a bundle folder: a bundle file to read, or what is wrong with the entry. */
export type FolderEntry = { name: string; path: string } | { name: string; problem: string };

/** A bundle folder's entries in name order. */
export async function folderEntries(dir: string): Promise<FolderEntry[]> {
  const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  return entries.map((e) => {
    if (!FILE_NAMES.includes(e.name)) return { name: e.name, problem: `unknown file; a bundle folder holds only ${FILE_NAMES.join(', ')}` };
    if (!e.isFile()) return { name: e.name, problem: 'is not a file' };
    return { name: e.name, path: path.join(dir, e.name) };
  });
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;

/** One piece of a CSV file, ready for readCsvText: a later piece behind a copy of the header. */
export interface CsvPiece {
  bytes: Uint8Array;
  /** added to the lines readCsvText counts, so that they are the file's */
  lineOffset: number;
  /** a later piece of a large file: its header is the file's, already checked */
  continued: boolean;
}

/**
 * One file, whole when small, else in pieces cut at line breaks outside quotes (an even number of " so
 * far: in RFC 4180 a record can only end there). Each later piece comes behind a copy of the header, its
 * lines numbered as in the file. A quote left open carries on to the end of the file, as a whole-file
 * read would.
 */
export async function* csvPieces(filePath: string, pieceBytes = PIECE_BYTES): AsyncGenerator<CsvPiece> {
  const fh = await fs.open(filePath);
  try {
    const size = (await fh.stat()).size;
    if (size <= pieceBytes) {
      yield { bytes: await fh.readFile(), lineOffset: 0, continued: false };
      return;
    }
    let header: Buffer | undefined;
    let carry = Buffer.alloc(0);
    let line = 1;
    const piece = (data: Buffer): CsvPiece => {
      let p: CsvPiece;
      if (!header) {
        header = Buffer.from(data.subarray(0, cutAfter(data, true) + 1));
        p = { bytes: data, lineOffset: 0, continued: false };
      } else {
        p = { bytes: Buffer.concat([header, data]), lineOffset: line - 2, continued: true };
      }
      for (let i = data.indexOf(LF); i >= 0; i = data.indexOf(LF, i + 1)) line++;
      return p;
    };
    for (;;) {
      const buf = Buffer.allocUnsafe(pieceBytes);
      const { bytesRead } = await fh.read(buf, 0, pieceBytes, null);
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
      if (bytesRead === 0) {
        if (data.length) yield piece(data);
        return;
      }
      const cut = cutAfter(data, false);
      if (cut < 0) {
        carry = data;
        continue;
      }
      // the piece's bytes are its own: the next read does not reuse them
      carry = Buffer.from(data.subarray(cut + 1));
      yield piece(data.subarray(0, cut + 1));
    }
  } finally {
    await fh.close();
  }
}

/** The last (or first) line break outside quotes; -1 when there is none. */
function cutAfter(data: Buffer, first: boolean): number {
  let open = false;
  let cut = -1;
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if (b === QUOTE) open = !open;
    else if (b === LF && !open) {
      cut = i;
      if (first) break;
    }
  }
  return cut;
}

// csv-parse counts a CRLF inside a quoted field as two lines; with LF endings its count is exact.
function decode(file: string, bytes: Uint8Array, problems: ProblemList): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
  } catch {
    problems.file(file, 'is not UTF-8 text; save it as "CSV UTF-8"');
    return undefined;
  }
}

/** Line breaks inside a record's quoted fields (unquoted fields cannot hold one). */
function innerBreaks(cells: string[]): number {
  let n = 0;
  for (const c of cells) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) n++;
  return n;
}

/** what the parser said about a record it skipped (a CsvError, or the plain reader's same complaint) */
type Unparsable = Pick<CsvError, 'code' | 'message'> & { record?: unknown[] };

function whyUnparsable(err: Unparsable, headerWidth: number): string {
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `unparsable row: it has ${err.record?.length ?? 'another number of'} fields, the header has ${headerWidth}`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'unparsable row: a quoted field is never closed (every " that opens a field needs one that closes it)';
    case 'INVALID_OPENING_QUOTE':
      return 'unparsable row: a " inside an unquoted field (quote the whole field and write the " twice)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'unparsable row: text follows a closing " in the same field';
    default:
      return `unparsable row: ${err.message}`;
  }
}

const QUOTE_ERRORS = ['CSV_QUOTE_NOT_CLOSED', 'INVALID_OPENING_QUOTE', 'CSV_INVALID_CLOSING_QUOTE'];

interface Parsed {
  records: string[][];
  /** the line each record starts on */
  starts: number[];
  skipped: { line: number; err: Unparsable }[];
}

/**
 * The common case, a file whose quotes (if any) each wrap one whole field on one line: every line is a
 * record, so it is cut by bytes (each cell its own string, nothing kept of the file's text) at several
 * times csv-parse's speed, with what csv-parse would give: empty lines skipped, CRLF read as LF, "" in
 * a quoted field read as ", a record with another number of fields than the header skipped and
 * reported. Undefined at the first quote that is anything else (a line break in a quoted field, a
 * quote inside an unquoted field, text after a closing quote, a quote never closed): csv-parse then
 * reads the piece, and says what is wrong where.
 */
function parsePlain(bytes: Uint8Array, lineOffset: number): Parsed | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Parsed = { records: [], starts: [], skipped: [] };
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let line = 0;
  let width = -1;
  while (pos < buf.length) {
    let end = buf.indexOf(LF, pos);
    if (end < 0) end = buf.length;
    line++;
    const stop = end > pos && buf[end - 1] === CR ? end - 1 : end;
    if (stop > pos) {
      const cells: string[] = [];
      let a = pos;
      for (;;) {
        if (buf[a] === QUOTE) {
          // a quoted field: up to the quote that is not doubled, which must end the field
          let doubled = false;
          let q = a + 1;
          for (;;) {
            q = buf.indexOf(QUOTE, q);
            if (q < 0 || q >= stop) return undefined;
            if (buf[q + 1] === QUOTE && q + 1 < stop) {
              doubled = true;
              q += 2;
            } else break;
          }
          if (q + 1 < stop && buf[q + 1] !== COMMA) return undefined;
          const cell = buf.toString('utf8', a + 1, q);
          cells.push(doubled ? cell.replaceAll('""', '"') : cell);
          if (q + 1 >= stop) break;
          a = q + 2;
          if (a === stop) {
            cells.push('');
            break;
          }
        } else {
          let i = a;
          while (i < stop && buf[i] !== COMMA) {
            if (buf[i] === QUOTE) return undefined;
            i++;
          }
          cells.push(buf.toString('utf8', a, i));
          if (i >= stop) break;
          a = i + 1;
          if (a === stop) {
            cells.push('');
            break;
          }
        }
      }
      if (width < 0) width = cells.length;
      if (cells.length === width) {
        out.records.push(cells);
        out.starts.push(line + lineOffset);
      } else {
        out.skipped.push({ line: line + lineOffset, err: { code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', message: 'Invalid Record Length', record: cells } });
      }
    }
    pos = end + 1;
  }
  return out;
}

/**
 * Whether parsePlain may read the file as csv-parse would: UTF-8, and no carriage return but in a CRLF
 * (csv-parse counts a lone one as a line break in its line numbers, not in its records).
 */
function isPlain(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buf)) return false;
  for (let i = buf.indexOf(CR); i >= 0; i = buf.indexOf(CR, i + 1)) if (buf[i + 1] !== LF) return false;
  return true;
}

/**
 * csv-parse tells the line a record ENDS on (its running line count); the line it starts on is that
 * minus the line breaks inside its quoted fields. A skipped record starts on the first non-empty line
 * after the record before it. (Its `info`/`raw` options would say the same at three times the cost.)
 */
function parseQuoted(text: string, lineOffset: number): Parsed {
  const skipped: Parsed['skipped'] = [];
  let lastEnd = 0;
  let lines: string[] | undefined;
  let quoteTrouble = false;
  const firstLineAfter = (end: number) => {
    lines ??= text.split('\n');
    let l = end + 1;
    while (l < lines.length && lines[l - 1] === '') l++;
    return l;
  };
  const starts: number[] = [];
  const records = parse(text, {
    record_delimiter: '\n',
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record, ctx) => {
      lastEnd = ctx.lines;
      quoteTrouble = false;
      starts.push(ctx.lines - innerBreaks(record) + lineOffset);
      return record;
    },
    on_skip: (err) => {
      if (!err) return undefined;
      // once a quote has gone wrong the parser reads on inside a quoted field to the end of the
      // file; that second complaint points at no line of its own
      if (!(quoteTrouble && err.code === 'CSV_QUOTE_NOT_CLOSED')) skipped.push({ line: firstLineAfter(lastEnd) + lineOffset, err });
      quoteTrouble ||= QUOTE_ERRORS.includes(err.code);
      lastEnd = Math.max(lastEnd, Number(err.lines));
      return undefined;
    },
  });
  return { records, starts, skipped };
}

/**
 * One CSV file (RFC 4180, header row, optional BOM) as a RawTable; undefined when it has no usable header.
 * `byBytes` false: csv-parse reads it whatever it holds (the tests compare the two readers).
 */
export function readCsvText(file: string, bytes: Uint8Array, problems: ProblemList, label = file, lineOffset = 0, byBytes = true): RawTable | undefined {
  let result = byBytes && isPlain(bytes) ? parsePlain(bytes, lineOffset) : undefined;
  if (!result) {
    const text = decode(label, bytes, problems);
    if (text === undefined) return undefined;
    try {
      result = parseQuoted(text, lineOffset);
    } catch (e) {
      problems.file(label, `cannot be read as CSV: ${(e as Error).message}`);
      return undefined;
    }
  }
  const { records: parsed, starts, skipped } = result;
  const [head, ...records] = parsed;
  const headerLine = head ? starts[0] : Infinity;
  const brokenHeader = skipped.find((s) => s.line <= headerLine);
  if (brokenHeader) {
    problems.at({ label, line: brokenHeader.line }, undefined, `the header row cannot be read (${whyUnparsable(brokenHeader.err, 0).replace('unparsable row: ', '')})`);
    return undefined;
  }
  if (!head) {
    problems.file(label, 'is empty; it needs at least its header row');
    return undefined;
  }
  for (const s of skipped) problems.at({ label, line: s.line }, undefined, whyUnparsable(s.err, head.length));
  const rows: RawRow[] = records.map((cells, i) => ({ at: { label, line: starts[i + 1] }, cells }));
  return { file, label, header: { line: headerLine, names: head }, rows };
}
