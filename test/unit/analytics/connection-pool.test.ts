import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DuckDBInstance } from '@duckdb/node-api';
import { ConnectionPool } from '../../../analytics/src/connection-pool.js';

// The cap on concurrent DuckDB statements (each holds a libuv thread while it runs).
describe('connection pool', () => {
  let instance: DuckDBInstance;
  beforeAll(async () => { instance = await DuckDBInstance.create(':memory:'); });
  afterAll(() => { instance.closeSync(); });

  it('runs at most `size` pieces of work at once and serves the rest in turn', async () => {
    const pool = await ConnectionPool.open(instance, 2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = (i: number) => pool.use(async (conn) => {
      running++;
      most = Math.max(most, running);
      await conn.run('SELECT count(*) FROM range(100000)');
      await new Promise((r) => setTimeout(r, 20));
      order.push(i);
      running--;
      return i;
    });
    expect(await Promise.all([0, 1, 2, 3, 4, 5, 6].map(work))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBe(2);
    expect(order).toHaveLength(7);
    await pool.close();
  });

  it('gives the connection back when the work throws', async () => {
    const pool = await ConnectionPool.open(instance, 1);
    await expect(pool.use(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await pool.use(async () => 'next')).toBe('next');
    await pool.close();
  });

  it('waits for running work on close, then refuses new work', async () => {
    const pool = await ConnectionPool.open(instance, 2);
    let finished = false;
    const running = pool.use(async () => {
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
    });
    await pool.close();
    expect(finished).toBe(true);
    await running;
    await expect(pool.use(async () => 1)).rejects.toThrow(/closed/);
  });
});
