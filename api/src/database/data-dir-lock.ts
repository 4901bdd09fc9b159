import fs from 'node:fs';
import path from 'node:path';

// A DATA_DIR is used by one process at a time (bundle.md): PGlite would corrupt a folder that two
// processes write. The lock file holds the owner's pid so that a lock left by a killed process is
// recognised as stale and taken over.
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`DATA_DIR ${dataDir} is in use by process ${pid}; stop it or choose another DATA_DIR`);
  }
}

/** Whether a process is running (EPERM: it is, under another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Files written aside and then renamed or linked into place are named `<name>.tmp-<pid>` (the lock's,
// CURRENT's): a process killed between the write and the rename leaves one behind.
const TEMPORARY = /\.tmp-(\d+)$/;

function removeLeftovers(dataDir: string): void {
  for (const entry of fs.readdirSync(dataDir)) {
    const pid = Number(TEMPORARY.exec(entry)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  }
}

/**
 * Removes a lock judged stale (its text `owner` names no live process). Of two processes that both
 * judged it stale, only one may remove it: each moves the lock aside under a name of its own, and one
 * that finds it moved a lock just taken by the other puts it back.
 */
function removeStale(file: string, owner: string): void {
  const aside = `${file}.old.tmp-${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // the other one removed it
    throw e;
  }
  if (fs.readFileSync(aside, 'utf8') !== owner) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // a third process took the lock meanwhile; the owner of the moved lock no longer holds it
    }
  }
  fs.rmSync(aside, { force: true });
}

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'LOCK');
  const mine = String(process.pid);
  // The lock appears with the pid already in it (written aside, then hard-linked into place; the link
  // fails when a lock exists): no one sees an empty lock of a live owner and takes it for stale.
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, mine);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        let owner: string;
        try {
          owner = fs.readFileSync(file, 'utf8');
        } catch (r) {
          if ((r as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
          throw r;
        }
        const pid = Number(owner);
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirInUseError(dataDir, pid);
        removeStale(file, owner); // stale: its owner is gone
        continue;
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      removeLeftovers(dataDir);
      return release;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  throw new Error(`could not take the lock on ${dataDir}`);
}
