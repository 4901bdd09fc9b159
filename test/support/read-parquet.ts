// A Parquet file read back with DuckDB's read_parquet: its rows (DuckDB's JSON form: decimals as exact text)
// and each column's type. Shared by the export's API test and the dashboard's download test.
import { DuckDBInstance } from '@duckdb/node-api';

type Row = Record<string, unknown>;

export async function readParquet(file: string): Promise<{ rows: Row[]; types: Record<string, string> }> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const lit = `'${file.replace(/'/g, "''")}'`;
    const rows = (await conn.runAndReadAll(`SELECT * FROM read_parquet(${lit})`)).getRowObjectsJson() as Row[];
    const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit})`)).getRowObjectsJson() as { column_name: string; column_type: string }[];
    return { rows, types: Object.fromEntries(described.map((d) => [d.column_name, d.column_type])) };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
