import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../analytics/src/project-root.js';

const cache = new Map<string, string>();

/**
 * A query of sql/ (one a purpose). `{{name}}` marks a table or column of BUNDLE_FILES that the query
 * is written for more than one file with (a staging table, a key): substituted from that list only,
 * never from a bundle's content.
 */
export function bundleSql(name: string, names: Record<string, string> = {}, folder = 'api/src/bundle/sql'): string {
  const file = path.join(PROJECT_ROOT, folder, name);
  let text = cache.get(file);
  if (text === undefined) {
    text = fs.readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in names)) throw new Error(`${name}: no value for {{${k}}}`);
    return names[k];
  });
}
