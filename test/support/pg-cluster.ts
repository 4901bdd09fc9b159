import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { alive } from '../../api/src/database/data-dir-lock.js';

// A PostgreSQL cluster of the test's own (Debian's postgresql-common tools, as root), to stop and start
// without touching the shared server on 5432. Names carry the creating process id, so that a run can drop
// the clusters of runs that were killed before their afterAll.

const run = promisify(execFile);
const PREFIX = 'hwfault';

export interface PrivateCluster {
  name: string;
  version: string;
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/DATABASE (trust authentication on this cluster only) */
  url(database?: string): string;
  /** pg_ctlcluster stop (fast: open transactions are rolled back, committed ones are on disk) */
  stop(): Promise<void>;
  /** pg_ctlcluster start, which returns once the server accepts connections */
  start(): Promise<void>;
  /** stops and removes the cluster and its data */
  drop(): Promise<void>;
}

/** The PostgreSQL major version whose server binaries are installed (the shared server's when several are). */
export function serverVersion(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres'))) : [];
  if (!versions.length) throw new Error(`no PostgreSQL server binaries under ${root}`);
  return versions.includes('15') ? '15' : versions.sort((a, b) => Number(b) - Number(a))[0];
}

interface Listed { version: string; name: string; port: number }

async function listClusters(): Promise<Listed[]> {
  const { stdout } = await run('pg_lsclusters', ['--no-header']);
  return stdout.split('\n').filter(Boolean).map((l) => {
    const [version, name, port] = l.trim().split(/\s+/);
    return { version, name, port: Number(port) };
  });
}

/** Drops the private clusters left by runs whose process is gone. */
export async function dropStaleClusters(): Promise<string[]> {
  const dropped: string[] = [];
  for (const c of await listClusters()) {
    const m = new RegExp(`^${PREFIX}_(\\d+)_`).exec(c.name);
    if (!m || alive(Number(m[1]))) continue;
    await run('pg_dropcluster', ['--stop', c.version, c.name]).catch(() => undefined);
    dropped.push(c.name);
  }
  return dropped;
}

async function bindable(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = net.createServer();
    s.once('error', () => ok(false));
    s.listen(port, '127.0.0.1', () => s.close(() => ok(true)));
  });
}

async function freePort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    if (!taken.has(port) && (await bindable(port))) return port;
  }
  throw new Error('no free port for a private PostgreSQL cluster');
}

const TRUST = `# written by test/support/pg-cluster.ts: a throwaway cluster for one test run
local all all trust
host all all 127.0.0.1/32 trust
host all all ::1/128 trust
`;

/** Creates and starts a new private cluster (drop it in afterAll). */
export async function createPrivateCluster(): Promise<PrivateCluster> {
  const version = serverVersion();
  const name = `${PREFIX}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const port = await freePort(new Set((await listClusters()).map((c) => c.port)));
  await run('pg_createcluster', [version, name, '--port', String(port)]);
  const ctl = (action: string, ...extra: string[]) => run('pg_ctlcluster', ['--skip-systemctl-redirect', ...extra, version, name, action]).then(() => undefined);
  const cluster: PrivateCluster = {
    name,
    version,
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: () => ctl('stop', '-m', 'fast'),
    start: () => ctl('start'),
    drop: () => run('pg_dropcluster', ['--stop', version, name]).then(() => undefined),
  };
  try {
    // Debian's default asks for a password over TCP and peer identity on the socket; this cluster trusts
    // local connections, like the shared test server
    fs.writeFileSync(`/etc/postgresql/${version}/${name}/pg_hba.conf`, TRUST);
    await cluster.start();
  } catch (e) {
    await cluster.drop().catch(() => undefined);
    throw e;
  }
  return cluster;
}

/** Resolves with the time (performance.now()) at which the first successful connection attempt to `url` began. */
export async function waitUntilAccepting(url: string, everyMs = 25, timeoutMs = 60_000): Promise<number> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    c.on('error', () => undefined);
    const began = performance.now();
    try {
      await c.connect();
      await c.query('SELECT 1');
      return began;
    } catch {
      if (performance.now() > until) throw new Error(`${url} did not accept connections within ${timeoutMs} ms`);
      await new Promise((ok) => setTimeout(ok, everyMs));
    } finally {
      await c.end().catch(() => undefined);
    }
  }
}
