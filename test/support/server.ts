import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../api/src/server.js';
import { readEnv } from '../../api/src/config/env.js';
import { createUser } from '../../api/src/auth/users.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import type { Clock } from '../../api/src/common/tokens.js';
import { setSecurityLogStream } from '../../api/src/common/security-log.js';
import { freshDatabase, SAMPLE_BUNDLE, type Engine, type TestDatabase } from './databases.js';

export interface TestServer {
  baseUrl: string;
  app: INestApplication;
  t: TestDatabase;
  adminPassword: string;
  /** the security log's JSON lines written since the server started (it goes here, not to stdout) */
  securityLog(): string;
  /** a signed-in client: fetch JSON with the user's token */
  login(username: string, password: string): Promise<(path: string, init?: RequestInit) => Promise<Response>>;
  createUser(username: string, role: string, unitCode?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real server on a free port, over a fresh database with the sample ledger imported. */
export async function startTestServer(o: { engine?: Engine; clock?: Clock; sample?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<TestServer> {
  const t = await freshDatabase(o.engine ?? 'embedded');
  if (o.sample !== false) await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
  const adminPassword = 'admin-test-password';
  await createUser(t.db.dataSource, { username: 'admin', role: 'city_office', password: adminPassword });
  const logged: string[] = [];
  setSecurityLogStream(new Writable({ write(chunk: Buffer, _enc, done) { logged.push(chunk.toString('utf8')); done(); } }));
  // at least 32 bytes, as readEnv demands of JWT_SECRET
  const env = { ...readEnv({ ANALYTICS_DIR: 'memory', ...o.env, JWT_SECRET: 'test-secret-of-at-least-32-bytes-0123456789' }), port: 0 };
  const app = await createApp({ env, db: t.db, clock: o.clock, schedule: false, logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    baseUrl,
    app,
    t,
    adminPassword,
    securityLog: () => logged.join(''),
    async login(username, password) {
      const r = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
      const { accessToken } = (await r.json()) as { accessToken: string };
      return (path, init = {}) => fetch(`${baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}), authorization: `Bearer ${accessToken}` } });
    },
    async createUser(username, role, unitCode) {
      const password = `${username}-password`;
      await createUser(t.db.dataSource, { username, role, unitCode, password });
      return password;
    },
    async close() {
      await app.close();
      await t.drop();
    },
  };
}
