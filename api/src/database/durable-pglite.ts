import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { syncTree } from './embedded-store.js';

// An acknowledged write must survive a power cut (an office PC is switched off at the wall). Out of the box PGlite 0.5 gives none:
// - it starts PostgreSQL with `-F` (fsync = off), so PostgreSQL never asks for a sync;
// - Emscripten's NODEFS, which maps the data folder onto the real one, has no `fsync` stream operation,
//   so even a sync PostgreSQL asked for would do nothing, and its `fdatasync` system call is a stub;
// - NodeFS.syncToFs, which PGlite calls after each query, is empty (it is for the in-memory file systems).
// Every write still reaches the files (NODEFS writes through with pwrite), but only the page cache.
//
// So PostgreSQL's own durability is turned back on and given a real sync: fsync = on, and
// wal_sync_method = fsync (the one method that goes through the stream operation; fdatasync is the stub),
// and NODEFS gets an fsync that calls fsync(2) on the real file descriptor. PostgreSQL then does what it
// does on a server: COMMIT returns only once its WAL is on disk (synchronous_commit = on), a new WAL
// segment and its directory are synced when created, and a checkpoint syncs the data files before it
// moves the redo point. A kill or a power cut is recovered from the WAL at the next open. Reads commit
// no WAL and sync nothing.
const DURABLE_SETTINGS = { fsync: 'on', wal_sync_method: 'fsync', synchronous_commit: 'on' } as const;

/** What PGlite's Emscripten module exposes of NODEFS (typed there as a plain file system type). */
interface NodeFsOps {
  stream_ops: { fsync?: (stream: { nfd?: number }) => number };
}

/** PGlite's NodeFS with a real fsync in the Emscripten file system it mounts. */
class SyncingNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const r = await super.init(pg, opts);
    const preRun = r.emscriptenOpts.preRun ?? [];
    r.emscriptenOpts.preRun = [
      ...preRun,
      (mod) => {
        const nodefs = (mod as unknown as { NODEFS?: NodeFsOps }).NODEFS;
        if (!nodefs?.stream_ops) throw new Error('PGlite: NODEFS is not exposed by this version; the embedded database cannot be made durable');
        // every node of the mount shares this object, so one assignment covers files and directories
        nodefs.stream_ops.fsync = (stream) => {
          if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
          return 0;
        };
      },
    ];
    return r;
  }
}

/** Opens (or creates) the PGlite database in `dir` with commits synced to disk before they return. */
export async function openDurablePGlite(dir: string): Promise<PGlite> {
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  const startParams = [
    ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
    ...Object.entries(DURABLE_SETTINGS).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  const pglite = await PGlite.create({ fs: new SyncingNodeFS(dir), startParams });
  try {
    // a later PGlite could start differently: refuse to run with less than what the product promises
    const { rows } = await pglite.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name = ANY($1)`, [Object.keys(DURABLE_SETTINGS)]);
    const bad = Object.entries(DURABLE_SETTINGS).filter(([k, v]) => rows.find((r) => r.name === k)?.setting !== v);
    if (bad.length) throw new Error(`PGlite in ${dir} runs with ${bad.map(([k]) => `${k}=${rows.find((r) => r.name === k)?.setting}`).join(', ')}; the embedded mode needs ${bad.map(([k, v]) => `${k}=${v}`).join(', ')}`);
    // initdb's files are copied in by PGlite without a sync; the WAL that later commits sync assumes them
    if (fresh) syncTree(dir);
  } catch (e) {
    await pglite.close().catch(() => undefined);
    throw e;
  }
  return pglite;
}
