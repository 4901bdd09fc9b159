import { parentPort } from 'node:worker_threads';
import { checkPieceJob, type PieceJob } from './checked-piece.js';

// A worker thread of piece-pool.ts: checks the pieces it is given, one at a time, and answers each in turn.
parentPort!.on('message', (job: PieceJob) => {
  try {
    parentPort!.postMessage({ ok: checkPieceJob(job) });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
