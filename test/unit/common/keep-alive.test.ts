import { describe, expect, it } from '@jest/globals';
import http from 'node:http';
import net from 'node:net';
import { keepIdleConnectionsOpen, KEEP_ALIVE_MS } from '../../../api/src/common/keep-alive.js';

// A connection idle for longer than Node's default keep-alive (5 s) is still open and answers the next
// request: the server does not race a client that reuses it (keep-alive.ts says why).
function answers(socket: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const onData = (b: Buffer): void => {
      got += b.toString();
      if (got.includes('\r\n\r\nok')) { socket.off('data', onData); resolve(got); }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`the server closed the connection (read: ${JSON.stringify(got)})`)));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  });
}

describe('idle keep-alive connections', () => {
  it('stay open past 5 s idle and answer the next request on the same connection', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    keepIdleConnectionsOpen(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    try {
      const first = await answers(socket);
      expect(first).toMatch(new RegExp(`Keep-Alive: timeout=${KEEP_ALIVE_MS / 1000}`, 'i'));
      await new Promise((r) => setTimeout(r, 5_500));
      expect(await answers(socket)).toMatch(/^HTTP\/1.1 200/);
    } finally {
      socket.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 20_000);
});

describe('idle connections past the cap', () => {
  it('are closed, the longest idle first, and a new client still gets its answer', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    keepIdleConnectionsOpen(server, 20);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    const sockets: net.Socket[] = [];
    const closed: number[] = [];
    try {
      // 30 connections, each answered once and then left idle, one after the other
      for (let i = 0; i < 30; i++) {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('close', () => closed.push(i));
        sockets.push(socket);
        await answers(socket);
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(closed.sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
      // the 20 kept still answer, and so does a new connection
      expect(await answers(sockets[29])).toMatch(/^HTTP\/1.1 200/);
      expect(await answers(sockets[10])).toMatch(/^HTTP\/1.1 200/);
      const fresh = net.connect(port, '127.0.0.1');
      sockets.push(fresh);
      expect(await answers(fresh)).toMatch(/^HTTP\/1.1 200/);
      // a connection used again is idle anew: 29 and 10 were, so the new one closed 11, and two more close 12 and 13
      for (let i = 0; i < 2; i++) {
        const more = net.connect(port, '127.0.0.1');
        sockets.push(more);
        await answers(more);
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(closed.sort((a, b) => a - b)).toEqual([...Array(10).keys(), 11, 12, 13]);
    } finally {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 20_000);
});
