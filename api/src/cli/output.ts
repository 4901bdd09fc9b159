import fs from 'node:fs';
import path from 'node:path';

/** Writes JSON through a temporary file and a rename, so a reader never sees half a file. */
export function writeJsonFile(file: string, value: unknown): void {
  const target = path.resolve(file);
  const tmp = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 1) + '\n');
  fs.renameSync(tmp, target);
}
