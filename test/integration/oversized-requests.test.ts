import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../support/server.js';
import type { Client } from '../support/ledger-api.js';
import { ledgerDigest, tableNames } from '../property/ledger-digest.js';

// Oversized requests are refused with 413 and a message that says what the limit is, before anything is
// written: a JSON body over 2 MB (server.ts) on a write route, and a 调度表 upload over 5 MB
// (reconciliations.controller.ts) sent as the body or as a multipart file. api.test.ts checks the status
// of one oversized JSON request; this adds the message, the write routes and the uploads.

describe('oversized requests: 413 with a clear message, nothing written', () => {
  let s: TestServer;
  let admin: Client;
  let tables: string[];
  let before: string;
  beforeAll(async () => {
    s = await startTestServer({ engine: 'embedded' });
    admin = await s.login('admin', s.adminPassword);
    tables = await tableNames(s.t.db.dataSource);
    before = await ledgerDigest(s.t.db.dataSource, tables);
  });
  afterAll(async () => { await s?.close(); });

  async function refused(r: Response, status: number, message: RegExp): Promise<void> {
    const body = (await r.json()) as { statusCode: number; message: string };
    expect([r.status, body.statusCode, message.test(body.message), body.message]).toEqual([status, status, true, body.message]);
    expect(await ledgerDigest(s.t.db.dataSource, tables)).toBe(before);
  }

  it('a JSON body over 2 MB on a write route is 413 and says the limit', async () => {
    const r = await admin('/api/hazards', { method: 'POST', body: JSON.stringify({ ledgerNo: 'BIG-1', enterpriseCreditCode: '91140502L12TH3BJ3R', source: 'self_check', foundOn: '2023-08-01', signedBy: '张三', description: '隐'.repeat(800_000) }) });
    await refused(r, 413, /over the 2 MB limit/);
  });

  it('just under 2 MB passes the size check and is refused by the field\'s own limit, naming it', async () => {
    const r = await admin('/api/hazards', { method: 'POST', body: JSON.stringify({ ledgerNo: 'BIG-2', enterpriseCreditCode: '91140502L12TH3BJ3R', source: 'self_check', foundOn: '2023-08-01', signedBy: '张三', description: 'x'.repeat(1_900_000) }) });
    await refused(r, 400, /description must be shorter than or equal to 2000 characters/);
  });

  it('a 调度表 over 5 MB sent as the body is 413 and says the limit', async () => {
    const r = await admin('/api/reconciliations?unit=140525&month=2023-08', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(6 * 1024 * 1024) });
    await refused(r, 413, /over 5 MB/);
  });

  it('a 调度表 over 5 MB sent as a multipart file is 413 and says the limit', async () => {
    // three times: the answer must reach the client every time, not a reset connection (drainRefusedBody)
    for (let i = 0; i < 3; i++) {
      const form = new FormData();
      form.append('unit', '140525');
      form.append('month', '2023-08');
      form.append('file', new Blob([new Uint8Array(6 * 1024 * 1024)]), '调度表.xlsx');
      const r = await fetch(`${s.baseUrl}/api/reconciliations`, { method: 'POST', body: form, headers: { authorization: (await bearer()) } });
      await refused(r, 413, /over 5 MB/);
    }
  });

  async function bearer(): Promise<string> {
    const r = await fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: s.adminPassword }) });
    return `Bearer ${((await r.json()) as { accessToken: string }).accessToken}`;
  }
});
