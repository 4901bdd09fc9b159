// Before a large run: is there room? The estimate is the scale's expected rows times the measured
// bytes a row, plus a margin, against what `df` reports for the file system that will hold the output.
import fs from 'node:fs';
import path from 'node:path';
import { BYTES_PER_ROW, EXPECTED_ROWS } from './generate/profile.js';
import type { Scale } from './generate/index.js';

/** bytes the scale's bundle needs, with 20% margin because row sizes vary with the seed */
export function bytesNeeded(scale: Scale): number {
  return Math.ceil(EXPECTED_ROWS[scale] * BYTES_PER_ROW * 1.2);
}

/** free bytes for unprivileged users (df's "Avail") on the file system of dir or its nearest existing parent */
export function freeBytes(dir: string): number {
  let probe = path.resolve(dir);
  while (!fs.existsSync(probe)) probe = path.dirname(probe);
  const s = fs.statfsSync(probe);
  return s.bavail * s.bsize;
}

const mb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1e6)).toLocaleString('en')} MB`;

/** undefined when there is room, else a message saying what is short and what to do */
export function diskProblem(scale: Scale, outDir: string, free = freeBytes(outDir)): string | undefined {
  const needed = bytesNeeded(scale);
  if (free >= needed) return undefined;
  return `the ${scale} scale needs about ${mb(needed)} free for ${outDir}, but only ${mb(free)} is free there; ` +
    'free some space, write elsewhere (--out DIR) or choose a smaller --scale';
}
