import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository root, found from this file whether it runs from source (jest) or from dist/.
// SQL files and the dashboard build are read from there.
function find(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'analytics'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('project root not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export const PROJECT_ROOT = find();
