import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkPieceJob, type CheckedPiece, type PieceJob } from './checked-piece.js';

// Who checks the pieces of a bundle's CSV files: worker threads for a large bundle, so that the checks
// of one piece run beside the next piece's and beside PostgreSQL taking in the one before (a nation's
// 25 M rows cost 200 s of one thread checked here alone); the main thread for a small one, where
// starting threads would cost more than they save. The answers are the same either way: the same
// function checks, and the caller takes the answers in the bundle's order.

export interface PiecePool {
  /** how many pieces may be checked at once */
  readonly size: number;
  check(job: PieceJob): Promise<CheckedPiece>;
  close(): Promise<void>;
}

/** A bundle smaller than this is checked on the main thread (unless HW_IMPORT_WORKERS says otherwise). */
export const WORKERS_FROM_BYTES = 32 << 20;

/** The worker script, next to this module once built (dist/); absent when this runs from source (tests). */
const WORKER_SCRIPT = new URL('./piece-worker.js', import.meta.url);

export interface PoolOptions {
  /** worker threads; 0 checks on the main thread. Default: HW_IMPORT_WORKERS, else for a large bundle one per core (at most 3) */
  workers?: number;
  /** the worker script (tests running from source point at the built one) */
  script?: URL;
}

/** How many workers a bundle of `bytes` gets. */
export function workersFor(bytes: number, o: PoolOptions = {}): number {
  const env = process.env.HW_IMPORT_WORKERS;
  const asked = o.workers ?? (env !== undefined && env !== '' ? Number(env) : undefined);
  if (asked !== undefined) {
    if (!Number.isInteger(asked) || asked < 0) throw new Error(`HW_IMPORT_WORKERS=${env}: give a whole number of worker threads (0: none)`);
    return asked;
  }
  // one per core, though the main thread (cutting pieces, the digest, feeding COPY) and PostgreSQL need
  // CPU too: on 2 cores, 4 M inspections were staged in 25.7 s with one worker and 19.9 s with two
  return bytes >= WORKERS_FROM_BYTES ? Math.min(3, os.availableParallelism()) : 0;
}

export function piecePool(bytes: number, o: PoolOptions = {}): PiecePool {
  const n = workersFor(bytes, o);
  const script = o.script ?? WORKER_SCRIPT;
  if (n === 0 || !fs.existsSync(fileURLToPath(script))) return inlinePool();
  return new WorkerPool(n, script);
}

function inlinePool(): PiecePool {
  return { size: 1, check: async (job) => checkPieceJob(job), close: async () => undefined };
}

interface Waiting {
  job: PieceJob;
  resolve: (p: CheckedPiece) => void;
  reject: (e: Error) => void;
}

class WorkerPool implements PiecePool {
  private readonly idle: Worker[] = [];
  private readonly queue: Waiting[] = [];
  private readonly busy = new Map<Worker, Waiting>();
  private readonly workers: Worker[] = [];
  private failed: Error | undefined;

  constructor(readonly size: number, script: URL) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(script);
      // a worker that dies takes its piece with it: the import fails rather than miss a piece
      w.on('message', (m: { ok?: CheckedPiece; error?: string }) => {
        const task = this.busy.get(w)!;
        this.busy.delete(w);
        if (m.ok) task.resolve(m.ok);
        else task.reject(new Error(`checking ${task.job.file} in a worker thread failed: ${m.error}`));
        this.next(w);
      });
      w.on('error', (e) => this.fail(w, e));
      w.on('exit', (code) => this.fail(w, new Error(`a worker thread checking the bundle stopped (exit code ${code})`)));
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  check(job: PieceJob): Promise<CheckedPiece> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      const w = this.idle.pop();
      if (w) this.next(w);
    });
  }

  private next(w: Worker): void {
    const task = this.queue.shift();
    if (!task) {
      this.idle.push(w);
      return;
    }
    this.busy.set(w, task);
    w.postMessage(task.job);
  }

  private fail(w: Worker, e: Error): void {
    if (this.closing) return;
    this.failed ??= e;
    this.busy.get(w)?.reject(e);
    this.busy.delete(w);
    for (const t of this.queue.splice(0)) t.reject(e);
  }

  private closing = false;

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
