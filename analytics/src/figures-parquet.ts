// The month's figures as a Parquet file for analysts, written by DuckDB's own COPY … TO (FORMAT parquet).
// The figures are the engine's (AnalyticsEngine.figures, the API's monthFigures): the same numbers as GET
// /api/dispatch and GET /api/scores. They are staged in a DuckDB of their own, in memory and dropped after:
// the staging table has no place in the analytics copy, and engine.ts's loading stays untouched.
import { DuckDBInstance } from '@duckdb/node-api';
import { DISPATCH_KEYS, type DispatchRow, type ScoreRow } from './contracts.js';
import type { MonthFigures } from './figures.js';
import { sqlFile } from './sql-files.js';

const SCORE_FIGURES = ['total', 'I1', 'I2', 'I3', 'I4', 'D'] as const;

/** a path as a SQL string literal (COPY takes no parameter for its target) */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Writes the month's figures to `file` (one row a unit, then the city-wide row); answers the rows written. */
export async function writeFiguresParquet(f: MonthFigures, file: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(sqlFile('exports/figures-staging.sql'));
    const appender = await conn.createAppender('figures_staging');
    const scores = new Map<string, ScoreRow>(f.scores.units.map((u) => [u.unit, u]));
    const rows: DispatchRow[] = [...f.dispatch.units, f.dispatch.cityWide];
    rows.forEach((r, i) => {
      appender.appendInteger(i);
      for (const v of [f.month, f.dispatch.asOf, f.scores.scheme, r.unit, r.name, r.level]) appender.appendVarchar(v);
      // 万元 as its exact decimal text (JSON's shortest form), cast to DECIMAL(18, 2) by figures-parquet.sql
      for (const k of DISPATCH_KEYS) if (k === 'C3_amount_wan') appender.appendVarchar(String(r[k])); else appender.appendInteger(r[k]);
      const s = scores.get(r.unit);
      if (s) appender.appendInteger(s.rank); else appender.appendNull();
      for (const k of SCORE_FIGURES) if (s) appender.appendVarchar(String(s[k])); else appender.appendNull();
      appender.endRow();
    });
    appender.closeSync();
    const select = sqlFile('exports/figures-parquet.sql').replace(/;\s*$/, '');
    await conn.run(`COPY (${select}) TO ${literal(file)} (FORMAT parquet, COMPRESSION zstd)`);
    return rows.length;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
