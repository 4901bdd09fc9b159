// Generated rows straight into PostgreSQL: each cell is read as the bundle import reads it (parseCell,
// so a stored value is the one an import of the same bundle stores), written as a line of COPY text and
// held per table until FLUSH_ROWS rows wait; then every table's lines go out through COPY, in the
// bundle's order (which satisfies the foreign keys). Memory holds at most about FLUSH_ROWS rows; the
// generator awaits drain() between counties, which is when a flush happens.
// No bundle checks (keys, references, date order): PostgreSQL's own constraints still apply.
import type pg from 'pg';
import { BUNDLE_FILES, type ColumnSpec, type FileSpec } from '../../api/src/bundle/bundle-files.js';
import { parseCell } from '../../api/src/bundle/cell-values.js';
import { copyField, copyIn } from '../../api/src/bundle/copy-rows.js';
import { BUNDLE_COLUMNS, type BundleFile, type Cell, type RowSink } from './csv-sink.js';

const FLUSH_ROWS = 200_000;
const CHUNK_CHARS = 1 << 16;

interface Table {
  spec: FileSpec;
  columns: ColumnSpec[];
  /** COPY text waiting to go out, in chunks of about CHUNK_CHARS */
  chunks: string[];
  pending: string;
  rows: number;
}

export class DatabaseWriter implements RowSink {
  private readonly tables: Record<BundleFile, Table>;
  private waiting = 0;
  private written = 0;

  /** `client`: a node-postgres client inside the transaction the rows belong to */
  constructor(private readonly client: pg.ClientBase, private readonly flushRows = FLUSH_ROWS) {
    // in the bundle's order, which flush() follows; the files the generator writes (no campaigns.csv: the
    // default campaign comes with the first start)
    const tables = BUNDLE_FILES.filter((spec) => spec.file.replace(/\.csv$/, '') in BUNDLE_COLUMNS).map((spec): [BundleFile, Table] => {
      const file = spec.file.replace(/\.csv$/, '') as BundleFile;
      const columns = BUNDLE_COLUMNS[file].map((name) => spec.columns.find((c) => c.name === name)!);
      return [file, { spec, columns, chunks: [], pending: '', rows: 0 }];
    });
    this.tables = Object.fromEntries(tables) as Record<BundleFile, Table>;
  }

  row(file: BundleFile, values: readonly Cell[]): void {
    const t = this.tables[file];
    let line = '';
    for (let i = 0; i < t.columns.length; i++) {
      const c = t.columns[i];
      const v = values[i];
      const r = parseCell(c, v === null || v === undefined ? '' : String(v));
      if ('problem' in r) throw new Error(`seeds: generated ${file}.csv row ${t.rows + 1}: ${c.name}: ${r.problem}`);
      line += (i ? '\t' : '') + copyField(r.value);
    }
    t.pending += line + '\n';
    if (t.pending.length >= CHUNK_CHARS) {
      t.chunks.push(t.pending);
      t.pending = '';
    }
    t.rows++;
    this.waiting++;
  }

  get total(): number {
    return this.written + this.waiting;
  }

  async drain(): Promise<void> {
    if (this.waiting >= this.flushRows) await this.flush();
  }

  abort(): void {
    // nothing to let go of: the caller rolls the transaction back
  }

  async close(): Promise<Record<BundleFile, number>> {
    await this.flush();
    return Object.fromEntries(Object.entries(this.tables).map(([f, t]) => [f, t.rows])) as Record<BundleFile, number>;
  }

  private async flush(): Promise<void> {
    for (const t of Object.values(this.tables)) {
      if (t.pending) t.chunks.push(t.pending);
      if (!t.chunks.length) continue;
      const chunks = t.chunks;
      t.chunks = [];
      t.pending = '';
      await copyIn(this.client, t.spec.table, t.columns.map((c) => c.name), chunks);
    }
    this.written += this.waiting;
    this.waiting = 0;
  }
}
