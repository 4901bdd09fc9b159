import pg from 'pg';
import type { EntityManager } from 'typeorm';

// COPY streams (pg-copy-streams) need node-postgres's own wire connection. PGlite's node-postgres
// adapter replaces that connection and has no COPY streams, so callers fall back to plain queries there.

/**
 * The node-postgres client under a TypeORM transaction when it can stream COPY (a real PostgreSQL
 * server), else undefined (embedded PGlite). Statements sent on it run in that same transaction.
 */
export async function copyCapableClient(m: EntityManager): Promise<pg.ClientBase | undefined> {
  if (!m.queryRunner) throw new Error('copyCapableClient: the entity manager has no query runner; call it inside a transaction');
  const client = (await m.queryRunner.connect()) as pg.ClientBase & { connection?: unknown };
  return client.connection instanceof pg.Connection ? client : undefined;
}
