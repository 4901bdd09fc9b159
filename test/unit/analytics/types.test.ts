import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { dateParam, daysOf, isoOfDays, jsonRows } from '../../../analytics/src/types.js';

// The one DuckDB → JSON mapping (analytics/src/types.ts), checked with a query that casts every type
// the analytics queries return.
describe('DuckDB values as JSON', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
  });
  afterAll(() => {
    conn.closeSync();
    instance.closeSync();
  });

  it('maps every type the queries use', async () => {
    const rows = jsonRows(await conn.runAndReadAll(`SELECT
      true AS boolean, 7::INTEGER AS integer, 9007199254740991::BIGINT AS bigint, (-42)::HUGEINT AS hugeint,
      count(*) AS count, 0.75::DOUBLE AS double, 12.50::DECIMAL(14,2) AS decimal, 21.44::DECIMAL(38,2) AS decimal38,
      DATE '2023-12-31' AS date, DATE '1969-12-31' AS before_epoch, '泽州县' AS varchar,
      ['检查员甲', '检查员乙']::VARCHAR[] AS list, {'n': 1::HUGEINT, 'd': DATE '2023-05-01'} AS struct,
      NULL::INTEGER AS null_integer, NULL AS null_literal
      FROM range(3)`));
    expect(rows).toEqual([{
      boolean: true, integer: 7, bigint: 9007199254740991, hugeint: -42, count: 3, double: 0.75, decimal: 12.5,
      decimal38: 21.44, date: '2023-12-31', before_epoch: '1969-12-31', varchar: '泽州县',
      list: ['检查员甲', '检查员乙'], struct: { n: 1, d: '2023-05-01' }, null_integer: null, null_literal: null,
    }]);
    expect(typeof rows[0].bigint).toBe('number');
    expect(() => JSON.stringify(rows)).not.toThrow();
  });

  it('refuses an integer that a JSON number cannot hold exactly', async () => {
    const reader = await conn.runAndReadAll(`SELECT 9007199254740993::BIGINT AS too_big`);
    expect(() => jsonRows(reader)).toThrow(/BIGINT value 9007199254740993 does not fit a JSON number/);
  });

  it('refuses a type without a mapping, naming it', async () => {
    const reader = await conn.runAndReadAll(`SELECT TIMESTAMP '2023-05-01 08:00' AS ts`);
    expect(() => jsonRows(reader)).toThrow(/no JSON mapping for DuckDB type TIMESTAMP/);
  });

  it('keeps calendar days free of time zones both ways', async () => {
    expect(daysOf('1970-01-01')).toBe(0);
    expect(daysOf('2023-04-25')).toBe(19472);
    expect(isoOfDays(19472)).toBe('2023-04-25');
    const [row] = jsonRows(await conn.runAndReadAll(`SELECT $d::DATE + 1 AS next`, { d: dateParam('2023-12-31') }));
    expect(row.next).toBe('2024-01-01');
    expect(() => daysOf('2023-5-1')).toThrow(/YYYY-MM-DD/);
  });
});
