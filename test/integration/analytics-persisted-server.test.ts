import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEnv } from '../../api/src/config/env.js';
import { createApp } from '../../api/src/server.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The server keeps its analytics copy in ANALYTICS_DIR: a server started again on the same ledger opens
// it, applies what was written while it was down, and answers as a server that loaded the ledger whole.
const HAZARD = 'JC-140525-2023-0083'; // 泽州县, overdue since 2023-07-03 in the sample

async function marker(file: string): Promise<{ ledger: string | null; snapshot: string | null }> {
  const instance = await DuckDBInstance.create(file);
  try {
    const conn = await instance.connect();
    const [[ledger, snapshot]] = (await conn.runAndReadAll(`SELECT ledger, snapshot FROM analytics_copy`)).getRows() as (string | null)[][];
    conn.closeSync();
    return { ledger, snapshot };
  } finally {
    instance.closeSync();
  }
}

describeWith(['postgres'], 'persisted analytics copy of the server', () => {
  let s: TestServer;
  let dir: string;
  const opened: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-persisted-server-'));
    s = await startTestServer({ engine: 'postgres', env: { ANALYTICS_DIR: dir } });
  });
  afterAll(async () => {
    for (const app of opened) await app.close().catch(() => undefined);
    await s?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restarts from its file and sees what was written while it was down', async () => {
    const admin = await s.login('admin', s.adminPassword);
    const before = await (await admin('/api/scores?month=2023-08')).json();
    await s.app.close();
    const file = path.join(dir, 'ledger-copy.duckdb');
    const kept = await marker(file);
    expect(kept.snapshot).not.toBeNull();

    await s.t.db.dataSource.query(`UPDATE hazards SET rectified_on = '2023-07-01' WHERE ledger_no = $1`, [HAZARD]);
    const env = { ...readEnv({ ANALYTICS_DIR: dir, JWT_SECRET: 'test-secret-of-at-least-32-bytes-0123456789' }), port: 0 };
    const again = await createApp({ env, db: s.t.db, schedule: false, logger: false });
    await again.listen(0, '127.0.0.1');
    opened.push(again);
    const base = `http://127.0.0.1:${(again.getHttpServer().address() as { port: number }).port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: s.adminPassword }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const after = await (await fetch(`${base}/api/scores?month=2023-08`, { headers: { authorization: `Bearer ${accessToken}` } })).json();
    expect(after).not.toEqual(before); // the change moved 泽州县's figures

    // what a server without the file answers on the same ledger
    const memoryEnv = { ...env, analyticsDir: undefined };
    const whole = await createApp({ env: memoryEnv, db: s.t.db, schedule: false, logger: false });
    try {
      await whole.listen(0, '127.0.0.1');
      const wbase = `http://127.0.0.1:${(whole.getHttpServer().address() as { port: number }).port}`;
      const expected = await (await fetch(`${wbase}/api/scores?month=2023-08`, { headers: { authorization: `Bearer ${accessToken}` } })).json();
      expect(after).toEqual(expected);
    } finally {
      await whole.close();
    }
    // the replay moved the file's snapshot on (written with the rows)
    await again.close();
    expect((await marker(file)).snapshot).not.toBe(kept.snapshot);
  });
});
