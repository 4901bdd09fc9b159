// What the suites need from the machine, probed once per run. Without CI a missing need skips the
// suites that need it and says so; with CI=true a missing need fails the run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function postgres() {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (e) {
    return `no PostgreSQL at ${TEST_DATABASE_URL} (${e.message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

function binary(path, what) {
  return fs.existsSync(path) ? undefined : `no ${what} (${path} is missing)`;
}

function command(name, what) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return undefined;
  } catch {
    return `no ${what} (\`${name}\` is not on PATH)`;
  }
}

// A private PostgreSQL cluster of our own, to stop and start (test/faults/postgres-restart): Debian's
// postgresql-common tools, run as root (they switch to the postgres user themselves).
function pgClusterTools() {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'no private PostgreSQL cluster (pg_createcluster needs root)';
  for (const tool of ['pg_createcluster', 'pg_ctlcluster', 'pg_dropcluster', 'pg_lsclusters']) {
    const why = command(tool, 'PostgreSQL cluster tools (package postgresql-common)');
    if (why) return why;
  }
  return undefined;
}

// strace on PATH and allowed to trace (a container without CAP_SYS_PTRACE has the one but not the other):
// test/faults/embedded-durability traces the server's system calls.
function strace() {
  const why = command('strace', 'strace (Debian package strace)');
  if (why) return why;
  try {
    execFileSync('strace', ['-f', '-e', 'trace=none', '-o', '/dev/null', 'true'], { stdio: 'ignore', timeout: 10_000 });
    return undefined;
  } catch (e) {
    return `strace cannot trace here (${e.message.split('\n')[0]})`;
  }
}

export async function probeNeeds() {
  return {
    postgres: await postgres(),
    chromium: binary(process.env.CHROMIUM_PATH || '/usr/bin/chromium', 'Chromium'),
    libreoffice: command('soffice', 'LibreOffice'),
    pg_cluster: pgClusterTools(),
    strace: strace(),
  };
}
