import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { UserAccess } from '../../api/src/auth/user-access.js';

// The guard answers "does this token still stand?" from memory (api/src/auth/user-access.ts), so a
// request costs no database round trip. The attacker's case: a token of a user who was deleted,
// disabled or revoked by something other than this server's API (the CLI in another process, an
// operator's SQL) must stop working at once: the UsersChanged trigger's NOTIFY forgets the user.

async function until(what: string, ok: () => Promise<boolean>, ms: number): Promise<number> {
  const t0 = performance.now();
  while (!(await ok())) {
    if (performance.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
  return performance.now() - t0;
}

for (const engine of ['embedded', 'postgres'] as const) {
  describeWith(engine === 'postgres' ? ['postgres'] : [], `a user changed outside the API, on ${engine}`, () => {
    let s: TestServer;
    let access: UserAccess;
    /** SQL as another process would send it: its own connection on PostgreSQL; on the embedded folder (this process's alone) the same database, bypassing UsersService */
    let sql: (text: string, params?: unknown[]) => Promise<unknown>;
    let other: pg.Client | undefined;

    beforeAll(async () => {
      s = await startTestServer({ engine, sample: false });
      access = s.app.get(UserAccess);
      if (engine === 'postgres') {
        other = new pg.Client({ connectionString: s.t.url });
        await other.connect();
        sql = (text, params) => other!.query(text, params);
      } else {
        sql = (text, params) => s.t.db.dataSource.query(text, params);
      }
      // the listener's connection is in place (PostgreSQL): until then nothing is kept
      await until('users_changed LISTEN in place', async () => {
        const before = access.lookups;
        const c = await s.login('admin', s.adminPassword);
        await c('/api/units');
        await c('/api/units');
        return access.lookups - before <= 1;
      }, 10_000);
    });
    afterAll(async () => {
      await other?.end();
      await s?.close();
    });

    const cases: [string, (u: string) => [string, unknown[]]][] = [
      ['deleted', (u) => ['DELETE FROM users WHERE username = $1', [u]]],
      ['disabled', (u) => ['UPDATE users SET disabled_at = now() WHERE username = $1', [u]]],
      ['signed out everywhere', (u) => ['UPDATE users SET token_version = token_version + 1 WHERE username = $1', [u]]],
    ];
    for (const [what, change] of cases) {
      it(`refuses the token of a user ${what} by SQL, while reading it from memory before`, async () => {
        const username = `gone-${what.split(' ')[0]}`;
        const user = await s.login(username, await s.createUser(username, 'viewer'));
        expect((await user('/api/units')).status).toBe(200);
        const before = access.lookups;
        for (let i = 0; i < 5; i++) expect((await user('/api/units')).status).toBe(200);
        // served from memory: no lookup for these requests
        expect(access.lookups - before).toBe(0);
        const [text, params] = change(username);
        await sql(text, params);
        // PostgreSQL delivers the NOTIFY on the listener's connection shortly after COMMIT returns to the
        // writer; the embedded folder by the time it returns (the first request is refused)
        const first = await user('/api/units');
        const ms = first.status === 401 ? 0 : await until('the token refused', async () => (await user('/api/units')).status === 401, 1000);
        console.log(`${engine}: a user ${what} by SQL outside the API: first request after the commit ${first.status}; refused ${ms.toFixed(1)} ms after the commit returned`);
        if (engine === 'embedded') expect(first.status).toBe(401);
        expect(ms).toBeLessThan(250);
        expect((await user('/api/units')).status).toBe(401);
      });
    }

    // PostgreSQL only: the embedded folder's notifications come from this process, with no connection to lose
    if (engine === 'postgres') it('forgets everything kept when the listener reconnects, and keeps nothing meanwhile', async () => {
      const admin = await s.login('admin', s.adminPassword);
      const user = await s.login('while-away', await s.createUser('while-away', 'viewer'));
      expect((await user('/api/units')).status).toBe(200);
      expect((await user('/api/units')).status).toBe(200); // kept
      // a notification that never came (the trigger off for one write): the kept answer stands, stale...
      const missed = await s.login('missed', await s.createUser('missed', 'viewer'));
      expect((await missed('/api/units')).status).toBe(200);
      await sql('ALTER TABLE users DISABLE TRIGGER trg_users_changed');
      await sql('UPDATE users SET disabled_at = now() WHERE username = $1', ['missed']);
      await sql('ALTER TABLE users ENABLE TRIGGER trg_users_changed');
      expect((await missed('/api/units')).status).toBe(200);
      // the server's LISTEN connection killed from outside: a notification sent meanwhile is lost
      await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN users_changed'`);
      await until('the listener lost', async () => {
        const before = access.lookups;
        await admin('/api/units');
        return access.lookups > before;
      }, 2000);
      await sql('UPDATE users SET disabled_at = now() WHERE username = $1', ['while-away']);
      // while away nothing is kept: read from the row (or, if the listener is back already, its NOTIFY)
      await until('the token refused while the listener is away', async () => (await user('/api/units')).status === 401, 250);
      // back in place: kept again, and what was kept before the loss was forgotten
      await until('the listener back', async () => {
        const before = access.lookups;
        await admin('/api/units');
        await admin('/api/units');
        return access.lookups - before <= 1;
      }, 5000);
      expect((await user('/api/units')).status).toBe(401);
      // ...until the connection is lost and made again: everything kept before is forgotten
      expect((await missed('/api/units')).status).toBe(401);
    });
  });
}
