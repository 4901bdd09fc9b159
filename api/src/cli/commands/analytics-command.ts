import { AnalyticsEngine } from '../../../../analytics/src/engine.js';
import { loadCampaigns, monthProblem } from '../../campaign/campaign.js';
import type { Env } from '../../config/env.js';
import { openLedger } from '../../database/open-ledger.js';
import type { Database } from '../../database/data-source.js';
import { writeJsonFile } from '../output.js';
import { EXIT, UsageError } from '../usage-error.js';

/**
 * The shape shared by dispatch, scores and trace: check the month against the campaign, load the ledger
 * into the analytics engine, compute, then write JSON to --out or a readable table to standard output.
 */
export async function runAnalyticsCommand<T>(
  env: Env,
  month: string | boolean | undefined,
  out: string | boolean | undefined,
  compute: (engine: AnalyticsEngine, month: string, db: Database) => Promise<T>,
  render: (result: T) => string,
): Promise<number> {
  if (typeof out === 'boolean') throw new UsageError('--out needs a FILE');
  const session = await openLedger(env, 'read');
  let engine: AnalyticsEngine | undefined;
  try {
    // the months of every campaign in the database (domain.md section 4)
    const problem = monthProblem(await loadCampaigns(session.db.dataSource), typeof month === 'string' ? month : undefined);
    if (problem) throw new UsageError(problem);
    engine = await AnalyticsEngine.create();
    await engine.loadFromLedger(session.db.dataSource);
    const result = await compute(engine, month as string, session.db);
    if (out) writeJsonFile(out, result);
    else process.stdout.write(render(result));
    return EXIT.done;
  } finally {
    await engine?.close();
    await session.close();
  }
}
