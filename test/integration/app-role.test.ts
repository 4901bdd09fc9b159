import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { describeWith, TEST_DATABASE_URL } from '../support/requires.js';
import { openDatabase } from '../../api/src/database/data-source.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { SAMPLE_BUNDLE } from '../support/databases.js';

// docker-compose's database role (deploy/postgres-init/sql/app-role.sql), tried on the test PostgreSQL:
// the script makes a role that is not a superuser and owns its database; the app migrates and imports
// the sample as that role, and the role cannot switch off the ledger's triggers.

const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
const role = `hazard_app_t${suffix}`;
const db = `hazard_t${suffix}`;
const password = randomBytes(18).toString('base64url');
const admin = new URL(TEST_DATABASE_URL);

function psql(args: string[]) {
  const r = spawnSync('psql', ['-h', admin.hostname, '-p', admin.port || '5432', '-U', decodeURIComponent(admin.username || 'postgres'), '-d', 'postgres', ...args], { encoding: 'utf8' });
  expect([r.status, r.stderr]).toEqual([0, expect.not.stringMatching(/ERROR/)]);
  return r.stdout;
}

describeWith(['postgres'], 'docker-compose\'s app role on PostgreSQL', () => {
  afterAll(() => {
    spawnSync('psql', ['-h', admin.hostname, '-p', admin.port || '5432', '-U', decodeURIComponent(admin.username || 'postgres'), '-d', 'postgres',
      '-c', `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`, '-c', `DROP ROLE IF EXISTS "${role}"`], { encoding: 'utf8' });
  });

  it('creates a role that is no superuser, owns the database, and runs the app', async () => {
    psql(['-v', `app_password=${password}`, '-v', `app_role=${role}`, '-v', `app_db=${db}`, '-f', 'deploy/postgres-init/sql/app-role.sql']);
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    url.password = password;
    url.pathname = `/${db}`;
    const d = await openDatabase({ databaseUrl: url.toString() });
    try {
      const [who] = (await d.dataSource.query(`SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user`)) as Record<string, boolean>[];
      expect(who).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
      await importBundle(d.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
      const notOwned = (await d.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> current_user`)) as unknown[];
      expect(notOwned).toEqual([]);
      const [{ n }] = (await d.dataSource.query(`SELECT count(*)::int AS n FROM hazards`)) as { n: number }[];
      expect(n).toBeGreaterThan(0);
      // what only a superuser may do stays out of reach
      await expect(d.dataSource.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
      await expect(d.dataSource.query(`CREATE ROLE someone_else`)).rejects.toThrow(/permission denied/);
    } finally {
      await d.close();
    }
  });
});
