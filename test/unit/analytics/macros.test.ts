import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PROJECT_ROOT } from '../../../api/src/common/project-root.js';
import { jsonRows } from '../../../analytics/src/types.js';

// The exact arithmetic of analytics/sql/macros.sql: fractions stay exact, rounding is half away from
// zero on the exact value (a double sees 1.005 as 1.00499999… and rounds it down).
describe('rational macros', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    await conn.run(fs.readFileSync(path.join(PROJECT_ROOT, 'analytics/sql/macros.sql'), 'utf8'));
  });
  afterAll(() => {
    conn.closeSync();
    instance.closeSync();
  });

  async function one(expr: string): Promise<unknown> {
    return jsonRows(await conn.runAndReadAll(`SELECT ${expr} AS v`))[0].v;
  }

  it('rounds a value exactly at .xx5 away from zero', async () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // why doubles will not do: 1.005 is 1.00499999…
    expect(await one(`qround2(q(1005, 1000))`)).toBe(1.01);
    expect(await one(`qround2(q(21435, 1000))`)).toBe(21.44);
    expect(await one(`qround2(q(-21435, 1000))`)).toBe(-21.44);
    expect(await one(`qround2(q(1, 200))`)).toBe(0.01);
    expect(await one(`qround2(q(4999, 1000000))`)).toBe(0);
    expect(await one(`qround2(q(2, 3))`)).toBe(0.67);
    expect(await one(`qround2(q(1, 3))`)).toBe(0.33);
    expect(await one(`qcents(q(-1, 200))`)).toBe(-1);
  });

  it('adds, subtracts and multiplies in lowest terms', async () => {
    expect(await one(`qadd(q(1, 3), q(1, 6))`)).toEqual({ n: 1, d: 2 });
    expect(await one(`qsub(q(1, 3), q(1, 2))`)).toEqual({ n: -1, d: 6 });
    expect(await one(`qmul(q(2, 3), q(9, 4))`)).toEqual({ n: 3, d: 2 });
    expect(await one(`qnorm(q(0, 7))`)).toEqual({ n: 0, d: 1 });
  });

  it('takes a scheme weight in ten-thousandths exactly', async () => {
    expect(await one(`qweight(125000)`)).toEqual({ n: 25, d: 2 });
    expect(await one(`qweight(5000)`)).toEqual({ n: 1, d: 2 });
  });

  it('gives r(a, 0) the value asked for, and a / b otherwise', async () => {
    expect(await one(`qratio(0, 0, qint(1))`)).toEqual({ n: 1, d: 1 });
    expect(await one(`qratio(0, 0, qint(0))`)).toEqual({ n: 0, d: 1 });
    expect(await one(`qratio(6, 8, qint(1))`)).toEqual({ n: 3, d: 4 });
  });

  it('compares exactly in min and max', async () => {
    expect(await one(`qmin(q(1, 3), q(333, 1000))`)).toEqual({ n: 333, d: 1000 });
    expect(await one(`qmax(q(1, 3), q(333, 1000))`)).toEqual({ n: 1, d: 3 });
    expect(await one(`qmin(qint(1), q(9, 8))`)).toEqual({ n: 1, d: 1 });
  });

  it('keeps a share unrounded as a double', async () => {
    expect(await one(`qdouble(q(2, 3))`)).toBe(2 / 3);
  });
});
