import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFiguresParquet } from '../../../analytics/src/figures-parquet.js';
import type { MonthFigures } from '../../../analytics/src/figures.js';

/** The figures file's name in an --out folder and in the download: figures-2023-08.parquet */
export const figuresParquetName = (month: string) => `figures-${month}.parquet`;

/** The Parquet file as bytes for a download: DuckDB writes only to a path, so through a private temp folder. */
export async function figuresParquetBuffer(f: MonthFigures): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'figures-parquet-'));
  try {
    const file = path.join(dir, figuresParquetName(f.month));
    await writeFiguresParquet(f, file);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the file into `dir` (made if missing), whole or not at all; answers its path and rows. */
export async function writeFiguresParquetInto(dir: string, f: MonthFigures): Promise<{ file: string; rows: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, figuresParquetName(f.month));
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    const rows = await writeFiguresParquet(f, tmp);
    fs.renameSync(tmp, file);
    return { file, rows };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
