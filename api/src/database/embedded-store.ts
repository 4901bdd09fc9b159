import fs from 'node:fs';
import path from 'node:path';

// PGlite has no crash recovery of its own: a process killed while it writes can leave its folder
// unreadable. So the embedded database lives in generations: DATA_DIR/CURRENT names the folder in use,
// a bulk write (an import) works on a copy, and the copy becomes current by one atomic rename of
// CURRENT. A kill before that rename leaves the previous generation untouched.
const CURRENT = 'CURRENT';

export function currentGeneration(dataDir: string): string | undefined {
  const file = path.join(dataDir, CURRENT);
  if (!fs.existsSync(file)) return undefined;
  const name = fs.readFileSync(file, 'utf8').trim();
  return name ? path.join(dataDir, name) : undefined;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  fs.writeSync(fd, text);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  const dir = fs.openSync(path.dirname(file), 'r');
  fs.fsyncSync(dir);
  fs.closeSync(dir);
}

// The rename of CURRENT must not reach the disk before the files it points to.
export function syncTree(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) syncTree(p);
    else if (entry.isFile()) {
      const fd = fs.openSync(p, 'r');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
  }
  const fd = fs.openSync(dir, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

function newGenerationName(): string {
  return `pgdata-${Date.now().toString(36)}-${process.pid}`;
}

/** The folder to open; creates generation one on a new DATA_DIR and removes leftovers of killed writers. */
export function prepareDataDir(dataDir: string): { dir: string; fresh: boolean } {
  fs.mkdirSync(dataDir, { recursive: true });
  let dir = currentGeneration(dataDir);
  const fresh = !dir;
  if (!dir) {
    const name = newGenerationName();
    dir = path.join(dataDir, name);
    fs.mkdirSync(dir);
    writeAtomically(path.join(dataDir, CURRENT), name);
  }
  for (const entry of fs.readdirSync(dataDir)) {
    if (entry.startsWith('pgdata-') && path.join(dataDir, entry) !== dir) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  }
  return { dir, fresh };
}

/** A copy of the current generation to write into; `commit` makes it current, `discard` drops it. */
export function stageGeneration(dataDir: string): { dir: string; commit(): void; discard(): void } {
  const from = currentGeneration(dataDir);
  if (!from) throw new Error(`no database in ${dataDir}`);
  const name = newGenerationName();
  const dir = path.join(dataDir, name);
  fs.cpSync(from, dir, { recursive: true });
  return {
    dir,
    commit() {
      syncTree(dir);
      writeAtomically(path.join(dataDir, CURRENT), name);
      fs.rmSync(from, { recursive: true, force: true });
    },
    discard() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An empty generation folder to fill from elsewhere (a restore); `commit` makes it current and drops the
 * previous generation, if any. A kill before the commit leaves a stray folder that prepareDataDir removes.
 */
export function stageEmptyGeneration(dataDir: string): { dir: string; commit(): void; discard(): void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const from = currentGeneration(dataDir);
  const name = newGenerationName();
  const dir = path.join(dataDir, name);
  fs.mkdirSync(dir);
  return {
    dir,
    commit() {
      syncTree(dir);
      writeAtomically(path.join(dataDir, CURRENT), name);
      if (from) fs.rmSync(from, { recursive: true, force: true });
    },
    discard() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
