import fs from 'node:fs/promises';
import path from 'node:path';
import { parse, CsvError } from 'csv-parse/sync';
import { FILE_NAMES } from './bundle-files.js';
import type { ProblemList } from './bundle-problem.js';
import type { RawRow, RawTable } from './raw-table.js';

/** Reads every file of a bundle folder; a file the bundle does not know is a problem, not skipped. */
export async function readCsvFolder(dir: string, problems: ProblemList): Promise<RawTable[]> {
  const tables: RawTable[] = [];
  const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (!FILE_NAMES.includes(entry.name)) {
      problems.file(entry.name, `unknown file; a bundle folder holds only ${FILE_NAMES.join(', ')}`);
    } else if (!entry.isFile()) {
      problems.file(entry.name, 'is not a file');
    } else {
      const table = readCsvText(entry.name, await fs.readFile(path.join(dir, entry.name)), problems);
      if (table) tables.push(table);
    }
  }
  return tables;
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

/**
 * csv-parse reports the line a record ENDS on (`info.lines`); the line it starts on is that minus the
 * line breaks inside it. `raw` also carries the empty lines skipped before it and its own line break.
 */
function startLine(endLine: number, raw: string | undefined): number {
  const body = (raw ?? '').replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

function whyUnparsable(err: CsvError, headerWidth: number): string {
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `unparsable row: it has ${(err as unknown as { record?: unknown[] }).record?.length ?? 'another number of'} fields, the header has ${headerWidth}`;
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

interface Parsed {
  record: string[];
  info: { lines: number };
  raw: string;
}

/** One CSV file (RFC 4180, header row, optional BOM) as a RawTable; undefined when it has no usable header. */
export function readCsvText(file: string, bytes: Uint8Array, problems: ProblemList, label = file): RawTable | undefined {
  const text = decode(label, bytes, problems);
  if (text === undefined) return undefined;
  const skipped: { line: number; err: CsvError }[] = [];
  let parsed: Parsed[];
  try {
    parsed = parse(text, {
      info: true,
      raw: true,
      record_delimiter: '\n',
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err, raw) => {
        if (err) skipped.push({ line: startLine(Number(err.lines), raw), err });
        return undefined;
      },
    }) as unknown as Parsed[];
  } catch (e) {
    problems.file(label, `cannot be read as CSV: ${(e as Error).message}`);
    return undefined;
  }
  const [head, ...records] = parsed;
  const headerLine = head ? startLine(head.info.lines, head.raw) : Infinity;
  const brokenHeader = skipped.find((s) => s.line <= headerLine);
  if (brokenHeader) {
    problems.at({ label, line: brokenHeader.line }, undefined, `the header row cannot be read (${whyUnparsable(brokenHeader.err, 0).replace('unparsable row: ', '')})`);
    return undefined;
  }
  if (!head) {
    problems.file(label, 'is empty; it needs at least its header row');
    return undefined;
  }
  for (const s of skipped) problems.at({ label, line: s.line }, undefined, whyUnparsable(s.err, head.record.length));
  const rows: RawRow[] = records.map((r) => ({ at: { label, line: startLine(r.info.lines, r.raw) }, cells: r.record }));
  return { file, label, header: { line: headerLine, names: head.record }, rows };
}
