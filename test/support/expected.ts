import fs from 'node:fs';
import path from 'node:path';
import { SAMPLE_EXPECTED } from './databases.js';

export function expectedFile(kind: 'dispatch' | 'scores', month: string) {
  return JSON.parse(fs.readFileSync(path.join(SAMPLE_EXPECTED, `${kind}-${month}.json`), 'utf8'));
}

/**
 * The same value with every number that is not an integer cut to 6 decimals: the expected files give the
 * unrounded shares main_ok and member_ok to 6 places; every other figure compares exactly.
 */
export function sixPlaces<T>(v: T): T {
  if (typeof v === 'number') return (Number.isInteger(v) ? v : Math.round(v * 1e6) / 1e6) as T;
  if (Array.isArray(v)) return v.map(sixPlaces) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sixPlaces(x)])) as T;
  return v;
}
