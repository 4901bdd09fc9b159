// The bench on the real PostgreSQL server at one scale, in one run: the import, ledger → DuckDB, the full
// recompute in DuckDB and in PostgreSQL SQL side by side (after checking they agree), rankings within each
// parent, the API under 50 connections per parent beside /api/health, one edit until the new scores show,
// a restart on the same data, and peak memory.
import fs from 'node:fs';
import type { Scale } from '../../seeds/generate/index.js';
import { benchHome, benchLedger } from './ledger-setup.js';
import { benchRecompute } from './recompute.js';
import { mb, type Report } from './report.js';
import { benchServerRun } from './server-run.js';

export interface ScaleOptions {
  scale: Scale;
  seed: number;
  /** timed runs of each recompute (the median is reported) */
  runs: number;
  /** PostgreSQL server to create the bench database on */
  adminUrl: string;
  /** keep a bench database that already holds this scale's ledger (the import is then not measured) */
  reuseDatabase?: boolean;
  /** the generator's COPY path instead of the CLI import (no bundle checks) */
  copyLoad?: boolean;
}

// CSV bytes of a generated bundle, per scale: what the disk check plans for
const BUNDLE_BYTES: Record<Scale, number> = { city: 1e6, province: 110e6, nation: 2.1e9 };

export async function benchOnPostgres(o: ScaleOptions, report: Report): Promise<void> {
  const { home } = benchHome(o);
  fs.mkdirSync(home, { recursive: true });
  const free = fs.statfsSync(home);
  const freeBytes = free.bavail * free.bsize;
  // PostgreSQL needs about three times the CSV (heap, indexes, WAL), the bundle itself, and the server's
  // copy of the analytics; one disk here
  const need = BUNDLE_BYTES[o.scale] * 4;
  if (freeBytes < need) {
    report.add('PostgreSQL parts', `skipped: ${mb(freeBytes)} free, about ${mb(need)} needed at this scale`);
    return;
  }
  const { url, dataDir } = await benchLedger(o, report);
  const { peers, parentOf } = await benchRecompute(url, o.scale, o.runs, report);
  await benchServerRun(url, dataDir, peers, parentOf, report);
  report.add('peak RSS of the bench process (DuckDB copy, PostgreSQL client, autocannon)', mb(process.resourceUsage().maxRSS * 1024));
}
