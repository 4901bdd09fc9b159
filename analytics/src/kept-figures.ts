import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemeParams } from './default-scheme.js';

// A restart on a persisted copy replays the ledger's changes in well under a second, then computed every
// month's figures again (14 s at nation scale). Figures are a function of the ledger, the analytics code
// and the scheme: kept with the snapshot they were computed at, they are served again when the ledger has
// not changed since (ledgerChangedSince, the same notes the refresh reads) and the key still matches.

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(js|ts)$/.test(e.name) ? [p] : [];
  }).sort();
}

let codeVersion: string | undefined;

/** A digest of the analytics code this process runs (its own folder, from source or from dist/): an
 *  upgrade that changes how a figure is computed does not serve figures kept by the old code. The SQL
 *  definitions are covered by the persisted copy's own version (a copy of other definitions is made anew). */
export function analyticsCodeVersion(): string {
  if (!codeVersion) {
    const hash = createHash('sha256');
    for (const f of sourceFiles(path.dirname(fileURLToPath(import.meta.url)))) hash.update(f.replace(/.*analytics[\\/]src[\\/]/, '')).update(fs.readFileSync(f));
    codeVersion = hash.digest('hex');
  }
  return codeVersion;
}

/** What a set of figures was computed for. */
export function keptFiguresKey(months: readonly string[], scheme: SchemeParams, schemeVersion: string): string {
  return createHash('sha256').update(JSON.stringify({ code: analyticsCodeVersion(), months, scheme, schemeVersion })).digest('hex');
}
