// Streaming CSV output: rows go out through fs write streams as they are generated, and the
// generator awaits 'drain' between counties, so memory holds at most one county's rows even when a
// nation-scale run writes ~25M of them.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

export type Cell = string | number | boolean | null | undefined;

/** the bundle's files and their columns (spec/bundle.md), in the order we write them */
export const BUNDLE_COLUMNS = {
  units: ['code', 'name', 'level', 'parent_code'],
  enterprises: ['credit_code', 'name', 'unit_code', 'industry', 'risk_level', 'high_risk', 'parent_credit_code', 'main_leader'],
  hazards: ['ledger_no', 'enterprise_credit_code', 'unit_code', 'source', 'found_on', 'description', 'category', 'inspection_id', 'confirmed_on', 'listed_level', 'listed_on', 'tracker', 'responsible_person', 'measures', 'funds_wan', 'deadline', 'contingency_plan', 'rectified_on', 'closed_on', 'closed_by'],
  inspections: ['inspection_id', 'unit_code', 'enterprise_credit_code', 'inspected_on', 'signed_by', 'major_hazards_found'],
  findings: ['inspection_id', 'finding'],
  actions: ['action_id', 'unit_code', 'kind', 'acted_on', 'enterprise_credit_code', 'hazard_ledger_no', 'target_unit_code', 'persons', 'amount_wan', 'crime'],
  leaders: ['unit_code', 'name', 'role'],
  leader_inspections: ['unit_code', 'leader_name', 'inspected_on', 'enterprise_credit_code'],
  assignments: ['hazard_ledger_no', 'unit_code', 'assigned_on'],
  feedback: ['hazard_ledger_no', 'feedback_on', 'document_no', 'progress'],
  drills: ['enterprise_credit_code', 'drilled_on'],
  submissions: ['unit_code', 'kind', 'period', 'submitted_on'],
} as const;

export type BundleFile = keyof typeof BUNDLE_COLUMNS;

/** RFC 4180: quote a field only when it holds a comma, a quote or a line break */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const FLUSH_CHARS = 1 << 16;

export class CsvSink {
  rows = 0;
  private chunk = '';
  private drained: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly stream: fs.WriteStream;

  constructor(file: string, header: readonly string[]) {
    this.stream = fs.createWriteStream(file);
    this.stream.on('error', (e) => (this.failure = e));
    this.chunk = header.join(',') + '\r\n';
  }

  row(values: readonly Cell[]): void {
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i ? ',' : '') + csvField(values[i]);
    this.chunk += line + '\r\n';
    this.rows++;
    if (this.chunk.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (!this.chunk) return;
    const ok = this.stream.write(this.chunk);
    this.chunk = '';
    if (!ok && !this.drained) this.drained = once(this.stream, 'drain').then(() => (this.drained = undefined));
  }

  /** waits until the stream has taken what it holds: the backpressure point */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.drained) await this.drained;
  }

  /** on a failure elsewhere: stop writing and let go of the file */
  abort(): void {
    this.stream.destroy();
  }

  async close(): Promise<void> {
    this.flush();
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'close');
    if (this.failure) throw this.failure;
  }
}

/** where generated rows go: a bundle folder (BundleWriter) or a database (database-sink.ts) */
export interface RowSink {
  row(file: BundleFile, values: readonly Cell[]): void;
  /** rows taken so far */
  readonly total: number;
  /** the backpressure point, awaited between counties */
  drain(): Promise<void>;
  /** on a failure elsewhere */
  abort(): void;
  /** rows per file */
  close(): Promise<Record<BundleFile, number>>;
}

/** one sink per bundle file */
export class BundleWriter implements RowSink {
  readonly sinks: { [F in BundleFile]: CsvSink };

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    const entries = Object.entries(BUNDLE_COLUMNS).map(([name, cols]) => [name, new CsvSink(path.join(dir, `${name}.csv`), cols)]);
    this.sinks = Object.fromEntries(entries) as { [F in BundleFile]: CsvSink };
  }

  row(file: BundleFile, values: readonly Cell[]): void {
    this.sinks[file].row(values);
  }

  get total(): number {
    let n = 0;
    for (const s of Object.values(this.sinks)) n += s.rows;
    return n;
  }

  async drain(): Promise<void> {
    for (const s of Object.values(this.sinks)) await s.drain();
  }

  abort(): void {
    for (const s of Object.values(this.sinks)) s.abort();
  }

  async close(): Promise<Record<BundleFile, number>> {
    for (const s of Object.values(this.sinks)) await s.close();
    const counts = Object.entries(this.sinks).map(([name, s]) => [name, s.rows]);
    return Object.fromEntries(counts) as Record<BundleFile, number>;
  }
}
