import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

// Each async DuckDB call holds a libuv thread (4 by default, shared with fs and crypto): a burst of
// dashboard requests must not take them all. Queries therefore wait for one of a few connections, and
// a connection runs one statement at a time. MVCC gives each statement a consistent snapshot, so a
// query running beside a reload sees the ledger either before or after it, never half-loaded.
export class ConnectionPool {
  private readonly idle: DuckDBConnection[];
  private readonly waiting: ((c: DuckDBConnection) => void)[] = [];
  private readonly drained: (() => void)[] = [];
  private closed = false;

  private constructor(private readonly all: DuckDBConnection[]) {
    this.idle = [...all];
  }

  static async open(instance: DuckDBInstance, size: number): Promise<ConnectionPool> {
    const conns: DuckDBConnection[] = [];
    for (let i = 0; i < size; i++) conns.push(await instance.connect());
    return new ConnectionPool(conns);
  }

  /** Runs `work` with a connection of its own, waiting while all are busy. */
  async use<T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the analytics engine is closed');
    const conn = this.idle.pop() ?? (await new Promise<DuckDBConnection>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(conn);
    } finally {
      const next = this.waiting.shift();
      if (next) next(conn);
      else this.idle.push(conn);
      if (this.idle.length === this.all.length) this.drained.splice(0).forEach((done) => done());
    }
  }

  /** Closes the connections once the queries running now have finished. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true; // no new work from here on
    if (this.idle.length < this.all.length) await new Promise<void>((done) => this.drained.push(done));
    for (const c of this.all) c.closeSync();
  }
}
