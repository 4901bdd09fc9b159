import { freshDatabase, type TestDatabase } from '../../support/databases.js';
import { loadSample } from '../../support/load-sample.js';
import { AnalyticsEngine } from '../../../analytics/src/engine.js';

/** The sample ledger in a fresh embedded database, copied into a new analytics engine. */
export async function sampleEngine(): Promise<{ engine: AnalyticsEngine; db: TestDatabase; close(): Promise<void> }> {
  const db = await freshDatabase('embedded');
  await loadSample(db.db.dataSource);
  const engine = await AnalyticsEngine.create();
  await engine.loadFromLedger(db.db.dataSource);
  return {
    engine, db,
    async close() {
      await engine.close();
      await db.drop();
    },
  };
}
