import net from 'node:net';
import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from '../../../api/src/common/database-unavailable.js';
import { DomainError } from '../../../api/src/common/domain-error.js';

// The errors are made the way they happen (a refused port, a server that hangs up, one that never
// answers), so that a change in node-postgres' wording shows up here rather than as a 500 in production.

async function server(onSocket: (s: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => { sockets.add(s); onSocket(s); });
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as net.AddressInfo;
  return { port, close: () => new Promise<void>((ok) => { for (const s of sockets) s.destroy(); srv.close(() => ok()); }) };
}

async function connectError(port: number, extra: Partial<pg.ClientConfig> = {}): Promise<unknown> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'x', ...extra });
  try {
    await c.connect();
  } catch (e) {
    return e;
  } finally {
    await c.end().catch(() => undefined);
  }
  throw new Error('connected, but an error was expected');
}

const pgError = (code: string, message = 'm') => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection (nothing listens on the port)', async () => {
    const s = await server(() => undefined);
    await s.close();
    const e = await connectError(s.port);
    expect((e as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(e)).toBe(true);
  });

  it('recognises a server that hangs up ("Connection terminated unexpectedly")', async () => {
    const s = await server((sock) => sock.destroy());
    try {
      const e = await connectError(s.port);
      expect(isDatabaseUnavailable(e)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('recognises a connection timeout (a server that never answers)', async () => {
    const s = await server(() => undefined);
    try {
      const e = await connectError(s.port, { connectionTimeoutMillis: 200 });
      expect(String((e as Error).message)).toMatch(/timeout/);
      expect(isDatabaseUnavailable(e)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('recognises a pool that cannot hand out a client in time', async () => {
    const s = await server(() => undefined);
    const pool = new pg.Pool({ host: '127.0.0.1', port: s.port, user: 'postgres', max: 1, connectionTimeoutMillis: 200 });
    pool.on('error', () => undefined);
    try {
      const e = await pool.query('select 1').then(() => undefined, (x: unknown) => x);
      expect(isDatabaseUnavailable(e)).toBe(true);
    } finally {
      await pool.end().catch(() => undefined);
      await s.close();
    }
  });

  it('recognises shutdown and not-ready SQLSTATEs, also inside TypeORM\'s QueryFailedError and causes', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08001', '08003']) {
      expect([code, isDatabaseUnavailable(pgError(code))]).toEqual([code, true]);
      expect([code, isDatabaseUnavailable(new QueryFailedError('select 1', [], pgError(code)))]).toEqual([code, true]);
    }
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: pgError('57P01') }))).toBe(true);
    // TypeORM released the transaction's runner because its connection failed between two queries
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ENOENT /var/run/postgresql/.s.PGSQL.5432'), { code: 'ENOENT', syscall: 'connect' }))).toBe(true);
  });

  it('leaves every other error alone (they stay 4xx or 500)', () => {
    let fileError: unknown;
    try { fs.readFileSync('/no/such/file'); } catch (e) { fileError = e; }
    for (const e of [
      fileError,
      pgError('23505', 'duplicate key value violates unique constraint'),
      pgError('42601', 'syntax error'),
      pgError('08P01', 'protocol violation'),
      new QueryFailedError('select', [], pgError('40001', 'could not serialize access')),
      new DomainError('CONFLICT', 'exists'),
      new Error('something else'),
      null,
      undefined,
      'ECONNREFUSED',
    ]) {
      expect(isDatabaseUnavailable(e)).toBe(false);
    }
  });
});
