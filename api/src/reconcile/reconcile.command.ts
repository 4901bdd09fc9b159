import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from '../cli/commands/command.js';
import { EXIT, RefusedError, UsageError } from '../cli/usage-error.js';
import { writeJsonFile } from '../cli/output.js';
import { requireString, withLedger } from '../exports/export-run.js';
import { reconcileTable } from './reconcile.js';

// npm run cli -- reconcile --unit CODE --month YYYY-MM FILE.xlsx [--out FILE.json]: checks a hand-filled
// 调度表 against the ledger, keeps the result, and prints {unit, month, differences}. The exit status is
// 0 whether or not the table differs: a difference is a finding, not a failure.
export const reconcileCommand: Command = {
  options: { unit: { type: 'string' }, month: { type: 'string' }, out: { type: 'string' } },
  async run(v, positionals, env) {
    const unit = requireString(v.unit, '--unit CODE');
    if (positionals.length !== 1) throw new UsageError('reconcile takes one FILE.xlsx: the hand-filled 调度表');
    const file = positionals[0];
    if (!fs.existsSync(file)) throw new RefusedError(`no file ${file}`);
    const result = await withLedger(env, 'write', v.month, async ({ ds, month, figures }, commit) => {
      const dispatch = await (await figures()).dispatch(month);
      const r = await reconcileTable(ds, dispatch, { unit, file: fs.readFileSync(file), fileName: path.basename(file), actor: `cli:${os.userInfo().username}` });
      await commit();
      return r;
    });
    const json = { unit: result.unit, month: result.month, differences: result.differences };
    if (typeof v.out === 'string') writeJsonFile(v.out, json);
    else process.stdout.write(JSON.stringify(json, null, 1) + '\n');
    return EXIT.done;
  },
};
