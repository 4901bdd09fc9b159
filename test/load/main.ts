import { formatReport, runLoad } from './load-run.js';

// `npm run load`: LOAD_CLIENTS (default 50) clients for LOAD_SECONDS (default 60) against the compiled server
// over a fresh database on LOAD_DATABASE_URL (default TEST_DATABASE_URL, else the local test server);
// LOAD_WRITE_SHARE (0…1, default 0.4) is the share of requests that write.
// Exits 1 on any error or lost write.

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`${name} must be a positive integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const databaseUrl = process.env.LOAD_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
try {
  const share = process.env.LOAD_WRITE_SHARE ? Number(process.env.LOAD_WRITE_SHARE) : undefined;
  if (share !== undefined && !(share >= 0 && share <= 1)) {
    console.error(`LOAD_WRITE_SHARE must be between 0 and 1, got "${process.env.LOAD_WRITE_SHARE}"`);
    process.exit(2);
  }
  const r = await runLoad({ databaseUrl, clients: positive('LOAD_CLIENTS', 50), seconds: positive('LOAD_SECONDS', 60), writeShare: share });
  console.log(formatReport(r));
  if (r.errorCount || r.lost) {
    console.error(`load: FAILED (${r.errorCount} errors, ${r.lost} lost writes)`);
    process.exit(1);
  }
} catch (e) {
  console.error(e);
  process.exit(1);
}
