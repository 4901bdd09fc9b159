import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../faults/fault-support.js';
import { freshDatabase, SAMPLE_BUNDLE, type Engine } from './databases.js';

// The product as a user runs it: the compiled server (`npm start`'s node dist/api/src/main.js) in its own
// process, on the embedded DATA_DIR or a fresh PostgreSQL database, with the sample ledger imported by
// the CLI first. The CLI can then be run on the same database (for embedded, once the server stopped).

const MAIN = path.resolve('dist/api/src/main.js');

export interface ServerProcess {
  engine: Engine;
  baseUrl: string;
  adminPassword: string;
  /** DATABASE_URL or DATA_DIR, for the CLI */
  dbEnv: Record<string, string>;
  /** what the server printed so far */
  output(): string;
  /** SIGTERM and wait (the embedded DATA_DIR is free afterwards) */
  stop(): Promise<void>;
  /** stop, then remove the database */
  drop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(engine: Engine, o: { sample?: boolean } = {}): Promise<ServerProcess> {
  let dbEnv: Record<string, string>;
  let dropDb: () => Promise<void>;
  if (engine === 'postgres') {
    const t = await freshDatabase('postgres');
    await t.db.close();
    // the copy in memory: a persisted one would land in the checkout's ./data, shared by the test workers
    dbEnv = { DATABASE_URL: t.url!, ANALYTICS_DIR: 'memory' };
    dropDb = async () => {
      const { default: pg } = await import('pg');
      const u = new URL(t.url!);
      const name = u.pathname.slice(1);
      u.pathname = '/postgres';
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-server-'));
    dbEnv = { DATA_DIR: dir };
    dropDb = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  // the sample ledger, imported as a county clerk's office would bring it (the server then finds a ledger
  // and loads no demo data)
  if (o.sample !== false) await runCli(['import', SAMPLE_BUNDLE], dbEnv);

  const port = await freePort();
  const adminPassword = 'Journey-admin-pass-2023';
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: { ...base, ...dbEnv, PORT: String(port), HOST: '127.0.0.1', ADMIN_PASSWORD: adminPassword, JWT_SECRET: 'journey-test-secret-of-at-least-32-bytes!' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /api/health within 180 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  return { engine, baseUrl, adminPassword, dbEnv, output: () => out, stop, drop: async () => { await stop(); await dropDb(); } };
}
