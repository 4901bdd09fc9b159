import { spawn } from 'node:child_process';
import { RefusedError } from '../cli/usage-error.js';

// pg_dump and pg_restore are PostgreSQL's own client programs, found on PATH (Debian's wrapper in
// /usr/bin picks the newest installed version). The password travels in PGPASSWORD, not on the
// command line where `ps` would show it.

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function connectionArgs(databaseUrl: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { args: [`--dbname=${u.toString()}`], env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

export function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') reject(new RefusedError(`${tool} is not installed (not found on PATH); install the PostgreSQL client programs (Debian: apt-get install postgresql-client)`));
      else reject(e);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The major version of a client program, from `TOOL --version` ("pg_dump (PostgreSQL) 15.20 (Debian …)"). */
export async function toolMajor(tool: string): Promise<number> {
  const r = await runTool(tool, ['--version']);
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout);
  if (r.code !== 0 || !m) throw new RefusedError(`could not read the version of ${tool} ("${(r.stdout + r.stderr).trim()}")`);
  return Number(m[1]);
}

/** The major version from server_version_num (150020 → 15). */
export function serverMajor(versionNum: string | number): number {
  return Math.floor(Number(versionNum) / 10000);
}
