import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

const MAIN = path.resolve('dist/api/src/cli/main.js');

/** Runs the compiled CLI (built by the test run's global setup) as other tools do, with its own environment. */
export function cli(args: string[], env: Record<string, string | undefined>, input?: string): CliResult {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  const r = spawnSync(process.execPath, [MAIN, ...args], { env: { ...base, ...env }, input, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
