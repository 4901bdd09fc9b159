import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { SAMPLE_BUNDLE } from '../support/databases.js';
import { describeWith } from '../support/requires.js';
import { runCli, waitFor } from './fault-support.js';
import { firstFd, threadCalls, type Syscall } from './strace-trace.js';

// Durable embedded mode (an acknowledged write survives a power cut), against the compiled server (dist/api/src/main.js) on a DATA_DIR
// holding the sample ledger:
// 1. under strace, a write request (POST /api/drills) is answered only after an fsync of the database's
//    WAL: the main thread reads the request, fsyncs a file under DATA_DIR/pgdata-*/pg_wal, then writes
//    the 201 to that socket; a read request in the same trace syncs nothing;
// 2. SIGTERM: exit status 0, no DATA_DIR/LOCK left, and the folder reopens with the write;
// 3. kill -9 right after an acknowledged write: the next start has it (and stops on SIGINT the same way).

const MAIN = path.resolve('dist/api/src/main.js');
const PASSWORD = 'durable-admin-password-2026';
const JWT_SECRET = 'durable-test-secret-of-more-than-32-bytes';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

interface Server {
  /** the node process (under strace: strace's child) */
  pid: number;
  baseUrl: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  log(): string;
}

async function startServer(dataDir: string, traceFile?: string): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), ADMIN_PASSWORD: PASSWORD, JWT_SECRET };
  delete env.DATABASE_URL;
  // strace exits with its tracee's status, so `exited` means the same with or without it
  const child: ChildProcess = traceFile
    ? spawn('strace', ['-f', '-tt', '-T', '-yy', '-s', '64', '-e', 'trace=fsync,fdatasync,read,write,writev,sendto', '-o', traceFile, process.execPath, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (log += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor('the server to answer /api/health', async () => {
    if (gone) throw new Error(`the server exited before it served:\n${log}`);
    return fetch(`${baseUrl}/api/health`).then((r) => r.status === 200, () => false);
  }, 180_000, 200);
  return { pid: traceFile ? childOf(child.pid!) : child.pid!, baseUrl, exited, log: () => log };
}

/** The one child process of `parent` (strace's tracee), from /proc/PID/stat: `pid (comm) state ppid …`. */
function childOf(parent: number): number {
  const children = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).filter((e) => {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
    } catch {
      return false; // gone meanwhile
    }
  });
  expect(children).toHaveLength(1);
  return Number(children[0]);
}

async function signIn(baseUrl: string): Promise<(p: string, init?: RequestInit) => Promise<Response>> {
  const r = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  expect(r.status).toBe(200);
  const { accessToken } = (await r.json()) as { accessToken: string };
  return (p, init = {}) => fetch(`${baseUrl}${p}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` } });
}

/** The calls of the main thread from the read of a request (its first line) to the first write of its answer. */
function requestSpan(calls: Syscall[], requestLine: string): { calls: Syscall[]; status: string } {
  const reads = calls.filter((c) => c.name === 'read' && c.args.includes(`"${requestLine} HTTP/1.1`));
  expect(reads).toHaveLength(1);
  const socket = firstFd(reads[0])!;
  expect(socket).toMatch(/^TCP/);
  const i = calls.indexOf(reads[0]);
  const j = calls.findIndex((c, k) => k > i && ['write', 'writev', 'sendto'].includes(c.name) && firstFd(c) === socket);
  expect(j).toBeGreaterThan(i);
  const status = /"HTTP\/1\.1 (\d{3})/.exec(calls[j].args)?.[1] ?? '?';
  return { calls: calls.slice(i, j + 1), status };
}

const syncs = (calls: Syscall[]) => calls.filter((c) => c.name === 'fsync' || c.name === 'fdatasync');

describeWith(['strace'], 'embedded mode: a write is on disk before its answer, and a stop or a kill loses nothing acknowledged', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-durable-'));
  const dataDir = path.join(root, 'data');
  const traceFile = path.join(root, 'server.trace');
  let enterprise: string;
  const drills: Record<string, unknown>[] = [];

  beforeAll(async () => {
    // the sample, by the CLI: a server finding a ledger skips generating the city-scale demo one
    await runCli(['import', SAMPLE_BUNDLE], { DATA_DIR: dataDir });
  }, 300_000);

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('syncs the WAL between reading a write request and answering it, not for a read; SIGTERM exits 0 and releases the lock', async () => {
    const server = await startServer(dataDir, traceFile);
    const api = await signIn(server.baseUrl);
    const read = await api('/api/enterprises?sort=credit_code');
    expect(read.status).toBe(200);
    enterprise = ((await read.json()) as { items: { creditCode: string }[] }).items[0].creditCode;
    const t = performance.now();
    const write = await api('/api/drills', { method: 'POST', body: JSON.stringify({ enterpriseCreditCode: enterprise, drilledOn: '2023-09-15' }) });
    const ms = performance.now() - t;
    expect(write.status).toBe(201);
    drills.push((await write.json()) as Record<string, unknown>);

    process.kill(server.pid, 'SIGTERM');
    const exit = await server.exited;
    expect({ exit, log: server.log().includes('stopped') }).toEqual({ exit: { code: 0, signal: null }, log: true });
    expect(fs.readdirSync(dataDir).filter((e) => e === 'LOCK' || e.includes('.tmp-'))).toEqual([]);

    const calls = threadCalls(fs.readFileSync(traceFile, 'utf8'), server.pid);
    const generation = fs.readFileSync(path.join(dataDir, 'CURRENT'), 'utf8').trim();
    // strace prints resolved paths
    const wal = `${path.join(fs.realpathSync(dataDir), generation)}/pg_wal/`;

    const w = requestSpan(calls, 'POST /api/drills');
    expect(w.status).toBe('201');
    const walSyncs = syncs(w.calls).filter((c) => firstFd(c)?.startsWith(wal) && c.result === '0');
    expect(walSyncs.length).toBeGreaterThanOrEqual(1);
    // the answer is written only after the sync returned, on the same thread
    const answer = w.calls[w.calls.length - 1];
    expect(walSyncs[walSyncs.length - 1].end).toBeLessThan(answer.start);

    const r = requestSpan(calls, 'GET /api/enterprises?sort=credit_code');
    expect(r.status).toBe('200');
    expect(syncs(r.calls).map((c) => firstFd(c))).toEqual([]);

    const fsyncMs = walSyncs.reduce((s, c) => s + c.seconds * 1000, 0);
    console.log(`durable write: POST /api/drills answered in ${ms.toFixed(1)} ms under strace; ${walSyncs.length} fsync of ${walSyncs.map((c) => path.relative(fs.realpathSync(dataDir), firstFd(c)!)).join(', ')} took ${fsyncMs.toFixed(2)} ms before the 201 was written; the read request synced nothing; SIGTERM: exit 0, no LOCK`);
  }, 300_000);

  it('reopens with the write, and keeps a write acknowledged just before a kill -9; SIGINT exits 0', async () => {
    const b = await startServer(dataDir);
    let api = await signIn(b.baseUrl);
    const kept = await api(`/api/drills/${drills[0].id}`);
    expect(kept.status).toBe(200);
    expect(await kept.json()).toEqual(drills[0]);
    const write = await api('/api/drills', { method: 'POST', body: JSON.stringify({ enterpriseCreditCode: enterprise, drilledOn: '2023-10-20' }) });
    expect(write.status).toBe(201);
    drills.push((await write.json()) as Record<string, unknown>);
    process.kill(b.pid, 'SIGKILL');
    expect(await b.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // the lock of the killed process is still there, and is taken over as stale
    expect(fs.existsSync(path.join(dataDir, 'LOCK'))).toBe(true);

    const c = await startServer(dataDir);
    api = await signIn(c.baseUrl);
    for (const d of drills) {
      const r = await api(`/api/drills/${d.id}`);
      expect({ id: d.id, status: r.status, body: await r.json() }).toEqual({ id: d.id, status: 200, body: d });
    }
    process.kill(c.pid, 'SIGINT');
    expect(await c.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dataDir, 'LOCK'))).toBe(false);
    console.log(`durable write: after kill -9 right after the 201, the next start served both drills (${drills.map((d) => d.id).join(', ')}); SIGINT: exit 0, no LOCK`);
  }, 400_000);
});
