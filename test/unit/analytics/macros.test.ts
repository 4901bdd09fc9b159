import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PROJECT_ROOT } from '../../../analytics/src/project-root.js';
import { bucketParams, usedParams } from '../../../analytics/src/figures.js';
import { jsonRows } from '../../../analytics/src/types.js';

// The macros of analytics/sql/macros.sql: rounding is half away from zero on the exact fraction (a double
// sees 1.005 as 1.00499999… and rounds it down); a day's month bucket for the several-months figures.
describe('analytics macros', () => {
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

  it('rounds a fraction exactly at .xx5 away from zero', async () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // why doubles will not do: 1.005 is 1.00499999…
    expect(await one(`cents_decimal(frac_cents(1005::HUGEINT, 1000::HUGEINT))`)).toBe(1.01);
    expect(await one(`cents_decimal(frac_cents(21435::HUGEINT, 1000::HUGEINT))`)).toBe(21.44);
    expect(await one(`cents_decimal(frac_cents(-21435::HUGEINT, 1000::HUGEINT))`)).toBe(-21.44);
    expect(await one(`cents_decimal(frac_cents(1::HUGEINT, 200::HUGEINT))`)).toBe(0.01);
    expect(await one(`cents_decimal(frac_cents(4999::HUGEINT, 1000000::HUGEINT))`)).toBe(0);
    expect(await one(`cents_decimal(frac_cents(2::HUGEINT, 3::HUGEINT))`)).toBe(0.67);
    expect(await one(`cents_decimal(frac_cents(1::HUGEINT, 3::HUGEINT))`)).toBe(0.33);
    expect(await one(`frac_cents(-1::HUGEINT, 200::HUGEINT)`)).toBe(-1);
  });

  it('gives whole cents as an exact decimal, never a double', async () => {
    expect(await one(`typeof(cents_decimal(8750::HUGEINT))`)).toBe('DECIMAL(38,2)');
    expect(await one(`cents_decimal(8750::HUGEINT)`)).toBe(87.5);
  });

  it('buckets a day by the number of month ends before it', async () => {
    // month ends not consecutive: the months 2023-05, 2023-07 and 2023-08 asked for together
    const p = bucketParams(['2023-05-31', '2023-07-31', '2023-08-31']);
    const at = async (day: string) => {
      const sql = `SELECT month_bucket(${day}, $first_eom, $last_eom, $day_buckets) AS v`;
      return jsonRows(await conn.runAndReadAll(sql, usedParams(sql, p)))[0].v;
    };
    const bucket = (d: string) => at(`DATE '${d}'`);
    expect(await bucket('2023-04-01')).toBe(0);
    expect(await bucket('2023-05-31')).toBe(0);
    expect(await bucket('2023-06-01')).toBe(1);
    expect(await bucket('2023-07-31')).toBe(1);
    expect(await bucket('2023-08-01')).toBe(2);
    expect(await bucket('2023-08-31')).toBe(2);
    expect(await bucket('2023-09-01')).toBe(null);
    expect(await at('NULL::DATE')).toBe(null);
  });
});
