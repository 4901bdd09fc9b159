import pg from 'pg';
import { DataSource } from 'typeorm';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

// Dates are calendar days in China Standard Time; they stay 'YYYY-MM-DD' strings end to end so that no
// time zone can shift them. numeric stays a string too (no float rounding of money).
pg.types.setTypeParser(1082, (v: string) => v);

export type DatabaseKind = 'postgres' | 'embedded';

export interface Database {
  kind: DatabaseKind;
  dataSource: DataSource;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, the embedded PGlite folder `embeddedDir` is used */
  databaseUrl?: string;
  embeddedDir?: string;
  /** run pending migrations (the default) */
  migrate?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  let pglite: PGlite | undefined;
  let dataSource: DataSource;
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (options.databaseUrl) {
    dataSource = new DataSource({ type: 'postgres', url: options.databaseUrl, ...common, extra: { max: 10 } });
  } else {
    if (!options.embeddedDir) throw new Error('openDatabase: neither databaseUrl nor embeddedDir given');
    pglite = await PGlite.create(options.embeddedDir);
    dataSource = new DataSource({ type: 'postgres', ...common, extra: createPgConfig(pglite) });
  }
  await dataSource.initialize();
  if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return {
    kind: pglite ? 'embedded' : 'postgres',
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (pglite) await pglite.close();
    },
  };
}
