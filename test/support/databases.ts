import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../api/src/database/data-source.js';
import { TEST_DATABASE_URL } from './needs.js';

export type Engine = 'embedded' | 'postgres';

export interface TestDatabase {
  db: Database;
  /** the DATABASE_URL or DATA_DIR-style folder, for tests that spawn the CLI */
  url?: string;
  dir?: string;
  /** closes and removes the database */
  drop(): Promise<void>;
}

function urlWithDatabase(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new empty database on the test PostgreSQL server (postgres) or in a temporary folder (embedded). */
export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'embedded') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-pglite-'));
    const db = await openDatabase({ embeddedDir: dir });
    return { db, dir, async drop() { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = urlWithDatabase(TEST_DATABASE_URL, name);
  const db = await openDatabase({ databaseUrl: url });
  return {
    db,
    url,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const SAMPLE_BUNDLE = path.resolve('test/fixtures/jincheng-sample/bundle');
export const SAMPLE_EXPECTED = path.resolve('test/fixtures/jincheng-sample/expected');
export const SAMPLE_MONTHS = ['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];
