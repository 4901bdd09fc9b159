import pg from 'pg';
import { DataSource } from 'typeorm';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { attachAuditPlace } from '../audit/audit-key.js';
import { openDurablePGlite } from './durable-pglite.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

// Dates are calendar days in China Standard Time; they stay 'YYYY-MM-DD' strings end to end so that no
// time zone can shift them. numeric stays a string too (no float rounding of money).
pg.types.setTypeParser(1082, (v: string) => v);

export type DatabaseKind = 'postgres' | 'embedded';

export interface Database {
  kind: DatabaseKind;
  dataSource: DataSource;
  /** the PostgreSQL URL (absent for the embedded folder): for a connection of its own, such as LISTEN */
  url?: string;
  /** LISTEN in the embedded database (one process, so its NOTIFY arrives by the time COMMIT returns) */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, the embedded PGlite folder `embeddedDir` is used */
  databaseUrl?: string;
  embeddedDir?: string;
  /** DATA_DIR: where the audit key (unless AUDIT_KEY) and the audit checkpoint mirror live (audit/audit-key.ts) */
  auditDir?: string;
  /** a staged embedded copy: audit mirror lines wait for releaseHeldMirror, once the copy is current */
  holdAuditMirror?: boolean;
  /** run pending migrations (the default) */
  migrate?: boolean;
}

// While PostgreSQL is down or restarting, a request fails within POOL.connectionTimeoutMillis (a refused
// connection at once) and the HTTP filter answers 503 (common/database-unavailable.ts). The pool drops
// broken clients and opens new ones, so it serves again as soon as the server is back, by itself.
const POOL = {
  max: 10,
  // bounds both opening a connection and waiting for a free one in the pool
  connectionTimeoutMillis: 5000,
  // a silent network loss is found by TCP keepalive instead of never
  keepAlive: true,
} as const;

// An idle client whose server went away emits 'error' on the pool; unhandled, it would stop the process.
let lastPoolLog = 0;
function logPoolError(e: Error): void {
  if (Date.now() - lastPoolLog < 5000) return;
  lastPoolLog = Date.now();
  console.warn(`PostgreSQL pool: an idle connection failed (${e.message}); a new one is opened on the next request`);
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  let pglite: PGlite | undefined;
  let dataSource: DataSource;
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (options.databaseUrl) {
    dataSource = new DataSource({ type: 'postgres', url: options.databaseUrl, ...common, extra: POOL, poolErrorHandler: logPoolError });
  } else {
    if (!options.embeddedDir) throw new Error('openDatabase: neither databaseUrl nor embeddedDir given');
    // commits are on disk before they return (durable-pglite.ts)
    pglite = await openDurablePGlite(options.embeddedDir);
    dataSource = new DataSource({ type: 'postgres', ...common, extra: createPgConfig(pglite) });
  }
  await dataSource.initialize();
  if (options.auditDir) attachAuditPlace(dataSource, options.auditDir, { holdMirror: options.holdAuditMirror });
  if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return {
    kind: pglite ? 'embedded' : 'postgres',
    dataSource,
    url: options.databaseUrl,
    listen: pglite ? (channel, onNotify) => pglite!.listen(channel, () => onNotify()) : undefined,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (pglite) await pglite.close();
    },
  };
}
