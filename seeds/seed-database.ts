// Writes a generated ledger straight into a PostgreSQL database through COPY, for benchmarks: the same
// rows and stored values as importing the generated bundle, without writing the bundle and without the
// bundle's checks (keys, references, date order). PostgreSQL's constraints still hold every row.
import type { DataSource } from 'typeorm';
import { copyCapableClient } from '../analytics/src/pg-copy.js';
import { BUNDLE_FILES } from '../api/src/bundle/bundle-files.js';
import { DatabaseWriter } from './generate/database-sink.js';
import { generateBundle, type GenerateResult, type Scale } from './generate/index.js';

export interface SeedOptions {
  scale: Scale;
  seed?: number;
  onProgress?: (rows: number) => void;
  /** rows held before they go out through COPY (default 200 000); small in tests, for many flushes */
  flushRows?: number;
}

/** One transaction: the ledger gets every generated row or none. Refuses a ledger that is not empty. */
export async function seedDatabase(ds: DataSource, opts: SeedOptions): Promise<GenerateResult> {
  return ds.transaction(async (m) => {
    const client = await copyCapableClient(m);
    if (!client) throw new Error('seeding straight into a database needs a PostgreSQL server (COPY); for the embedded database write a bundle (--out DIR) and import it');
    // as an import does: one writer at a time, readers carry on
    await m.query(`LOCK TABLE ${BUNDLE_FILES.map((f) => f.table).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
    // every ledger row hangs off a unit, so no units means an empty ledger
    const [{ units }] = await m.query(`SELECT count(*)::int AS units FROM units`);
    if (units > 0) throw new Error(`the database already holds a ledger (${units} units); seed an empty, migrated database`);
    return generateBundle({ scale: opts.scale, seed: opts.seed, sink: new DatabaseWriter(client, opts.flushRows), onProgress: opts.onProgress });
  });
}
