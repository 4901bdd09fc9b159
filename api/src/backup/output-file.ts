import fs from 'node:fs';
import path from 'node:path';
import { RefusedError } from '../cli/usage-error.js';

/**
 * Where a backup is written first: beside PATH, renamed onto it only when complete, so PATH never holds
 * half a backup. An existing PATH is kept unless --force says otherwise.
 */
export function stageOutput(out: string, force: boolean): { tmp: string; target: string; commit(): void; discard(): void } {
  const target = path.resolve(out);
  if (fs.existsSync(target)) {
    if (fs.statSync(target).isDirectory()) throw new RefusedError(`${out} is a folder; give --out a file name`);
    if (!force) throw new RefusedError(`${out} already exists; choose another --out PATH, or add --force to overwrite it`);
  }
  if (!fs.existsSync(path.dirname(target))) throw new RefusedError(`the folder ${path.dirname(target)} does not exist; create it or choose another --out PATH`);
  const tmp = `${target}.tmp-${process.pid}`;
  return {
    tmp,
    target,
    commit() {
      fs.renameSync(tmp, target);
      const dir = fs.openSync(path.dirname(target), 'r');
      fs.fsyncSync(dir);
      fs.closeSync(dir);
    },
    discard() {
      fs.rmSync(tmp, { force: true });
      fs.rmSync(`${tmp}.payload`, { force: true });
    },
  };
}
