import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../../../analytics/src/project-root.js';

// analytics/ computes figures from the ledger; the API calls it, never the other way round. An import of
// api/ from analytics/ would tie the figures to the web server's code (the scheme type once lived there).
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('one direction in the house', () => {
  it('analytics/ imports nothing from api/', () => {
    const root = path.join(PROJECT_ROOT, 'analytics');
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((f) => {
      const specs = [...fs.readFileSync(f, 'utf8').matchAll(/(?:from\s+|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
      return specs
        .filter((s) => s.startsWith('.'))
        .map((s) => path.relative(PROJECT_ROOT, path.resolve(path.dirname(f), s)))
        .filter((target) => !target.startsWith('analytics' + path.sep))
        .map((target) => `${path.relative(PROJECT_ROOT, f)} → ${target}`);
    });
    expect(offenders).toEqual([]);
  });
});
