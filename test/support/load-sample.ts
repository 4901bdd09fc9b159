import type { DataSource } from 'typeorm';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { SAMPLE_BUNDLE } from './databases.js';

/**
 * Loads a bundle folder (the sample ledger by default) into a migrated ledger database through the
 * product's own importer, so that what the analytics tests read is exactly what an import writes.
 * Returns the number of rows imported.
 */
export async function loadSample(dataSource: DataSource, dir: string = SAMPLE_BUNDLE): Promise<number> {
  const { rows } = await importBundle(dataSource, dir, { actor: 'test:load-sample' });
  return rows;
}
