import fs from 'node:fs/promises';
import type { ProblemList } from './bundle-problem.js';
import type { CheckedPiece } from './checked-piece.js';
import { piecePool, type PoolOptions } from './piece-pool.js';
import { folderEntries, readFolderPieces, PIECE_BYTES } from './read-csv-folder.js';
import type { BundleStage, StagedFile } from './stage-bundle.js';

// The bundle folder read by the one folder loop (readFolderPieces), each piece checked by a piece pool
// (worker threads for a large bundle) while the pieces before are staged: several pieces are in hand at
// once, and what each gave (its problems, its records) is taken strictly in the bundle's order, so the
// problems, their order and the staged rows are those of the one-piece-at-a-time reader.

export interface StageFolderOptions {
  pool?: PoolOptions;
  pieceBytes?: number;
  /** called with each piece's rows once staged */
  onRows?: (rows: number) => void;
}

export async function stageCsvFolder(dir: string, problems: ProblemList, stage: BundleStage, o: StageFolderOptions = {}): Promise<StagedFile[]> {
  // the pool's size depends on the bundle's: threads cost more than they save on a small one
  const entries = await folderEntries(dir);
  let bytes = 0;
  for (const e of entries) if ('path' in e) bytes += (await fs.stat(e.path)).size;
  const pool = piecePool(bytes, o.pool);
  try {
    return await readFolderPieces<CheckedPiece, StagedFile>(entries, problems, {
      // one piece more than the pool checks at once: a worker never waits for the next to be read
      ahead: pool.size + 1,
      // each worker lists at most the problems there is still room for; takeFrom keeps the count exact
      check: (piece) => pool.check({ ...piece, listed: problems.room }),
      take: async (c, before) => {
        problems.takeFrom(c.problems, c.unlisted);
        if (!c.readable) return undefined;
        const f = await stage.takeChecked(c, before);
        o.onRows?.(c.rows);
        return f;
      },
    }, o.pieceBytes ?? PIECE_BYTES);
  } finally {
    await pool.close();
  }
}
