import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { AnalyticsEngine } from '../../../analytics/src/engine.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';
import { loadScheme } from '../assessment/scheme-store.js';
import { loadCampaigns, monthProblem } from '../campaign/campaign.js';
import { RefusedError, UsageError } from '../cli/usage-error.js';
import { DomainError } from '../common/domain-error.js';
import type { Env } from '../config/env.js';
import { openLedger } from '../database/open-ledger.js';
import type { FiguresSource } from './briefing-data.js';

// What the export and reconcile commands share: check the month, open the ledger, load the analytics
// engine only when the export needs figures, and write the file so that a reader never sees half of it.

/** The engine as a FiguresSource under the default scheme; a month's scores computed once. */
export function engineSource(engine: AnalyticsEngine, scheme: SchemeParams): FiguresSource {
  const scores = new Map<string, ReturnType<AnalyticsEngine['scores']>>();
  return {
    dispatch: (m) => engine.dispatch(m),
    scores: (m) => {
      if (!scores.has(m)) scores.set(m, engine.scores(m, scheme, 'default'));
      return scores.get(m)!;
    },
    trace: (m) => engine.trace(m, scheme),
    explain: (u, m) => engine.explain(u, m, scheme),
    coverage: (m) => engine.coverage(m),
  };
}

export interface ExportContext {
  ds: DataSource;
  month: string;
  /** the figures, loaded on first use */
  figures(): Promise<FiguresSource>;
}

export function writeFileAtomically(file: string, data: Buffer | string): void {
  const target = path.resolve(file);
  const tmp = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, target);
}

export function requireString(v: string | boolean | undefined, option: string): string {
  if (typeof v !== 'string' || v === '') throw new UsageError(`${option} is required`);
  return v;
}

/** Runs `work` with the ledger open; a domain error (a bad table, an unknown unit) becomes a refusal, exit 1. */
export async function withLedger<T>(env: Env, mode: 'read' | 'write', month: string | boolean | undefined,
  work: (ctx: ExportContext, commit: () => Promise<void>) => Promise<T>): Promise<T> {
  const session = await openLedger(env, mode);
  let engine: AnalyticsEngine | undefined;
  try {
    const ds = session.db.dataSource;
    const problem = monthProblem(await loadCampaigns(ds), typeof month === 'string' ? month : undefined);
    if (problem) throw new UsageError(problem);
    let source: Promise<FiguresSource> | undefined;
    const figures = () => (source ??= (async () => {
      engine = await AnalyticsEngine.create();
      await engine.loadFromLedger(ds);
      return engineSource(engine, (await loadScheme(ds, 'default')).params);
    })());
    return await work({ ds, month: month as string, figures }, () => session.commit());
  } catch (e) {
    if (e instanceof DomainError) throw new RefusedError(e.message);
    throw e;
  } finally {
    await engine?.close();
    await session.close();
  }
}
