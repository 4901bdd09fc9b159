import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import type { TestDatabase } from './databases.js';

// What the copy-keeping tests compare: the sample's dispatch tables and scores of two months, and those of
// a copy loaded whole from the same ledger (the answer an incremental or persisted copy must equal).
export const COPY_MONTHS = ['2023-08', '2023-12'];
export const COPY_HAZARD = 'JC-140525-2023-0083'; // 泽州县, overdue since 2023-07-03 in the sample
export const COPY_ASSIGNED = 'JC-140502-2023-0009'; // assigned, with weekly feedback

export async function copyFigures(engine: AnalyticsEngine): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const m of COPY_MONTHS) out.push(await engine.dispatch(m), await engine.scores(m, DEFAULT_SCHEME));
  return out;
}

export async function wholeCopyFigures(t: TestDatabase): Promise<unknown[]> {
  const fresh = await AnalyticsEngine.create();
  try {
    await fresh.loadFromLedger(t.db.dataSource);
    return await copyFigures(fresh);
  } finally {
    await fresh.close();
  }
}
