import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import pgCopy from 'pg-copy-streams';
import type { Value } from './cell-values.js';

// Rows into PostgreSQL through COPY … FROM STDIN in its text format: one line a row, tab between
// columns, \N for NULL, backslash escapes. Used by the bundle import (write-bundle.ts) and the seeds'
// database writer, so both store a cell the same way.

/** A cell as COPY's text format writes it. Lists are text[] literals. */
export function copyField(v: Value | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    let list = '{';
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      list += `${i ? ',' : ''}"${/[\\"]/.test(x) ? x.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : x}"`;
    }
    return escapeText(`${list}}`);
  }
  return escapeText(v);
}

function escapeText(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One row as a line of COPY text, the columns in the order given. */
export function copyLine(row: Record<string, Value>, columns: readonly string[]): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i ? '\t' : '') + copyField(row[columns[i]]);
  return line + '\n';
}

const CHUNK_CHARS = 1 << 16;

/** Lines gathered into chunks of about 64 K characters, the size a stream write is worth. */
export function* chunked(lines: Iterable<string>, onLines?: (n: number) => void): Generator<string> {
  let chunk = '';
  let n = 0;
  for (const line of lines) {
    chunk += line;
    n++;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      onLines?.(n);
      chunk = '';
      n = 0;
    }
  }
  if (chunk) yield chunk;
  if (n) onLines?.(n);
}

/** Streams text-format lines into `COPY table (columns) FROM STDIN`; returns the rows PostgreSQL took. */
export async function copyIn(client: pg.ClientBase, table: string, columns: readonly string[], chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<number> {
  const sink = client.query(pgCopy.from(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks, { objectMode: false }), sink);
  return sink.rowCount;
}
