// The bench's load step alone, with where its CPU goes: the whole ledger of an existing database copied
// into a new DuckDB (in memory, or --file F), then the derived tables built, as AnalyticsEngine does.
// Reads the database only. The wall clock of a busy machine says little; the CPU split says where to cut:
// this process's JavaScript thread (COPY bytes to files), its other threads (DuckDB, file writes), and
// the PostgreSQL backends of the database (sampled from /proc, so only on the server's own machine).
//   node dist/scripts/bench/ledger-load.js DATABASE_URL [--runs N] [--file F]
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import { openDatabase } from '../../api/src/database/data-source.js';
import { DEFINITIONS, NO_AUTOMATIC_CHECKPOINT } from '../../analytics/src/engine.js';
import { copyLedger, LEDGER_TABLES } from '../../analytics/src/ledger-loader.js';
import { rebuildDerived } from '../../analytics/src/prepare.js';
import { sqlFile } from '../../analytics/src/sql-files.js';

/** CPU ms of a process or thread (/proc/<id>/stat), undefined once it is gone */
function cpuMs(id: string): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
  } catch {
    return undefined;
  }
}

/** The CPU the backends of `database` used since start(), sampled every 100 ms (a backend that ends keeps its last sample). */
function backendCpu(database: string) {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  let started = false;
  const sample = () => {
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      let cmd: string;
      try {
        cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${database} `)) continue;
      const c = cpuMs(pid);
      if (c === undefined) continue;
      if (!first.has(pid)) first.set(pid, started ? 0 : c);
      last.set(pid, c);
    }
  };
  sample();
  let timer: NodeJS.Timeout | undefined;
  return {
    start() { sample(); started = true; timer = setInterval(sample, 100); },
    stop(): number {
      clearInterval(timer);
      sample();
      let sum = 0;
      for (const [pid, c] of first) sum += last.get(pid)! - c;
      return sum;
    },
  };
}

async function main(): Promise<void> {
  const [url, ...rest] = process.argv.slice(2);
  if (!url) throw new Error('usage: ledger-load.js DATABASE_URL [--runs N] [--file F]');
  const opt = (name: string) => (rest.indexOf(name) >= 0 ? rest[rest.indexOf(name) + 1] : undefined);
  const runs = Number(opt('--runs') ?? '1');
  const file = opt('--file');
  const database = new URL(url).pathname.slice(1);
  const db = await openDatabase({ databaseUrl: url, migrate: false });
  try {
    for (let run = 0; run < runs; run++) {
      if (file) for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
      const instance = await DuckDBInstance.create(file ?? ':memory:');
      const conn = await instance.connect();
      await conn.run(NO_AUTOMATIC_CHECKPOINT);
      for (const f of DEFINITIONS) await conn.run(sqlFile(f));
      const pg = backendCpu(database);
      pg.start();
      const started = performance.now();
      const cpu = process.cpuUsage();
      const js = cpuMs(`self/task/${process.pid}`)!;
      let copied = { ms: 0, cpu: 0, js: 0, pg: 0 };
      let derived = { ms: 0, cpu: 0 };
      const r = await copyLedger(db.dataSource, conn, LEDGER_TABLES, {
        stamp: async (c) => {
          const used = process.cpuUsage(cpu);
          copied = { ms: performance.now() - started, cpu: (used.user + used.system) / 1000, js: cpuMs(`self/task/${process.pid}`)! - js, pg: pg.stop() };
          const d = performance.now();
          const dCpu = process.cpuUsage();
          await rebuildDerived(c);
          const dUsed = process.cpuUsage(dCpu);
          derived = { ms: performance.now() - d, cpu: (dUsed.user + dUsed.system) / 1000 };
        },
      });
      const all = performance.now() - started;
      const perRow = (ms: number) => `${((ms * 1000) / r.rows).toFixed(2)} µs`;
      console.log([
        `${database}${file ? ` → ${file}` : ''}: ${r.rows.toLocaleString('en')} rows`,
        `copy ${(copied.ms / 1000).toFixed(1)} s = ${(r.rows / copied.ms / 1000).toFixed(3)} M rows/s`,
        `CPU a row: PostgreSQL ${perRow(copied.pg)}, JavaScript ${perRow(copied.js)}, DuckDB and file threads ${perRow(copied.cpu - copied.js)}`,
        `derived tables ${(derived.ms / 1000).toFixed(1)} s (CPU ${(derived.cpu / 1000).toFixed(1)} s), with the commit ${(all / 1000).toFixed(1)} s = ${(r.rows / all / 1000).toFixed(3)} M rows/s`,
        `load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
      ].join('; '));
      conn.closeSync();
      instance.closeSync();
    }
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
