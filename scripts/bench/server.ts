import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../analytics/src/project-root.js';
import { watchPeakRss } from './report.js';

export interface BenchServer {
  base: string;
  /** the server's process id (its CPU time is read from /proc) */
  pid: number;
  /** ms from spawn to the first answer of GET /api/health */
  startMs: number;
  /** ms since the process was spawned */
  sinceSpawn(): number;
  auth: Record<string, string>;
  get(p: string, headers?: Record<string, string>): Promise<Response>;
  post(p: string, body: unknown): Promise<Response>;
  /** stops it; its peak resident memory */
  stop(): Promise<number | undefined>;
}

export const BENCH_PASSWORD = 'bench-admin-password';

/** The compiled server (dist/) as a user runs it, on DATA_DIR or DATABASE_URL; signed in as admin. */
export async function startServer(env: Record<string, string>, main = path.join(PROJECT_ROOT, 'dist/api/src/main.js')): Promise<BenchServer> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env, PORT: String(port), ADMIN_PASSWORD: BENCH_PASSWORD },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const peak = watchPeakRss(child.pid!);
  const exited = new Promise((r) => child.once('exit', r));
  for (;;) {
    try { if ((await fetch(`${base}/api/health`)).status < 500) break; } catch { /* not yet */ }
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (performance.now() - t0 > 900_000) {
      child.kill('SIGTERM');
      throw new Error('the server did not answer in 15 min');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const startMs = performance.now() - t0;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: BENCH_PASSWORD }) });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };
  return {
    base, startMs, auth, pid: child.pid!,
    sinceSpawn: () => performance.now() - t0,
    get: (p, headers = {}) => fetch(`${base}${p}`, { headers: { ...auth, ...headers } }),
    post: (p, body) => fetch(`${base}${p}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    async stop() {
      const rss = peak();
      child.kill('SIGTERM');
      await exited;
      return rss;
    },
  };
}
