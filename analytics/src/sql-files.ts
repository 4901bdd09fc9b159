import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './project-root.js';

// SQL lives in analytics/sql, one query a file (STYLE.md): read once, kept for the process.
const cache = new Map<string, string>();

export function sqlFile(relative: string): string {
  let text = cache.get(relative);
  if (text === undefined) {
    text = fs.readFileSync(path.join(PROJECT_ROOT, 'analytics/sql', relative), 'utf8');
    cache.set(relative, text);
  }
  return text;
}
