import type { ProblemList } from './bundle-problem.js';
import { piecePool, type PoolOptions } from './piece-pool.js';
import { csvPieces, folderEntries, PIECE_BYTES } from './read-csv-folder.js';
import type { BundleStage, StagedFile } from './stage-bundle.js';

// The bundle folder read as readCsvFolder reads it, each piece checked by a piece pool (worker threads
// for a large bundle) while the pieces before are staged: several pieces are in hand at once, and what
// each gave (its problems, its records) is taken strictly in the bundle's order, so the problems, their
// order and the staged rows are those of the one-piece-at-a-time reader.

export interface StageFolderOptions {
  pool?: PoolOptions;
  pieceBytes?: number;
  /** called with each piece's rows once staged */
  onRows?: (rows: number) => void;
}

type Step = () => Promise<void>;

export async function stageCsvFolder(dir: string, problems: ProblemList, stage: BundleStage, o: StageFolderOptions = {}): Promise<StagedFile[]> {
  const entries = await folderEntries(dir);
  const bytes = entries.reduce((n, e) => n + ('size' in e ? e.size : 0), 0);
  const pool = piecePool(bytes, o.pool);
  const files: StagedFile[] = [];
  // what each piece gave, to be taken in order; a piece is read and sent ahead while earlier ones are checked
  const pending: Promise<Step>[] = [];
  const takeOldest = async () => (await pending.shift()!)();
  const push = async (step: Promise<Step>) => {
    step.catch(() => undefined); // awaited in its turn; an error then stops the import
    pending.push(step);
    if (pending.length > pool.size + 1) await takeOldest();
  };
  const now = (step: Step) => push(Promise.resolve(step));
  try {
    for (const entry of entries) {
      if ('problem' in entry) {
        await now(async () => problems.file(entry.name, entry.problem));
        continue;
      }
      const file = { staged: undefined as StagedFile | undefined, unreadable: false };
      for await (const piece of csvPieces(entry.path, o.pieceBytes ?? PIECE_BYTES)) {
        // a header that cannot be read says so once: the rest of the file is not read
        if (file.unreadable) break;
        const checked = pool.check({ ...piece, file: entry.name, listed: problems.room });
        await push(
          checked.then((c) => async () => {
            if (file.unreadable) return;
            problems.takeFrom(c.problems, c.unlisted);
            if (!c.readable) {
              file.unreadable = true;
              return;
            }
            file.staged = await stage.takeChecked(c, file.staged);
            o.onRows?.(c.rows);
          }),
        );
      }
      await now(async () => {
        if (file.staged) files.push(file.staged);
      });
    }
    while (pending.length) await takeOldest();
  } finally {
    await pool.close();
  }
  return files;
}
