// An early refusal of an upload waits for the rest of the body, within a byte cap and a time limit
// (api/src/common/drain-request.ts): against a bare node:http server answering before reading anything.
import { afterEach, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainRequest } from '../../../api/src/common/drain-request.js';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** a server that refuses every request at once, after draining it with `limits`; reports what the drain said */
async function refusing(limits: { maxBytes: number; timeoutMs: number }, seen: boolean[]): Promise<string> {
  server = http.createServer((req, res) => {
    void drainRequest(req, limits).then((whole) => {
      seen.push(whole);
      if (!whole) res.setHeader('Connection', 'close');
      res.writeHead(413, { 'content-type': 'application/json' }).end('{"code":"PAYLOAD_TOO_LARGE"}');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('draining a refused upload', () => {
  it('reads a body under the cap to its end: the client gets every 413, the connection kept', async () => {
    const seen: boolean[] = [];
    const url = await refusing({ maxBytes: 32 * 1024 * 1024, timeoutMs: 10_000 }, seen);
    for (let i = 0; i < 5; i++) {
      const r = await fetch(url, { method: 'POST', body: new Uint8Array(8 * 1024 * 1024) });
      expect([r.status, r.headers.get('connection')]).toEqual([413, 'keep-alive']);
      await r.text();
    }
    expect(seen).toEqual([true, true, true, true, true]);
  });

  it('stops at the cap and at the time limit, the answer then closing the connection', async () => {
    const seen: boolean[] = [];
    const url = await refusing({ maxBytes: 1024 * 1024, timeoutMs: 300 }, seen);
    const { port } = new URL(url);
    // over the cap: the drain says so (what the client then sees of a closed connection is not asserted)
    await fetch(url, { method: 'POST', body: new Uint8Array(4 * 1024 * 1024) }).then((r) => r.text(), () => '');
    // a client that declares a body and stalls: answered after the time limit, with Connection: close
    const answer = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': '1000' } }, (res) => resolve(`${res.statusCode} ${res.headers.connection}`));
      req.on('error', reject);
      req.write(Buffer.alloc(10));
    });
    expect(answer).toBe('413 close');
    expect(seen).toEqual([false, false]);
  });

  it('answers at once a request that has no body', async () => {
    const seen: boolean[] = [];
    const url = await refusing({ maxBytes: 10, timeoutMs: 10_000 }, seen);
    const t0 = Date.now();
    expect((await fetch(url)).status).toBe(413);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(seen).toEqual([true]);
  });
});
