import os from 'node:os';
import cliProgress from 'cli-progress';
import { importBundle } from '../../bundle/import-bundle.js';
import { importStage } from '../../bundle/import-stages.js';
import { openLedger } from '../../database/open-ledger.js';
import { EXIT, UsageError } from '../usage-error.js';
import type { Command } from './command.js';

export const importCommand: Command = {
  options: {},
  async run(_values, positionals, env) {
    if (positionals.length !== 1) throw new UsageError('import takes one PATH: a bundle folder or an .xlsx workbook');
    const session = await openLedger(env, 'write');
    // a progress bar only where someone watches: never in a pipe or a log file
    const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: '导入 {bar} {value}/{total} 行' }, cliProgress.Presets.shades_classic) : undefined;
    let started = false;
    try {
      const result = await importBundle(session.db.dataSource, positionals[0], {
        actor: `cli:${os.userInfo().username}`,
        onProgress: (done, total) => {
          if (!bar) return;
          if (!started) { bar.start(total, 0); started = true; }
          bar.update(done);
        },
      });
      bar?.stop();
      importStage('commit');
      await session.commit();
      const lines = Object.entries(result.files).map(([f, c]) => `  ${f}: ${c.inserted} new, ${c.updated} corrected, ${c.unchanged} unchanged`);
      process.stdout.write(`imported ${positionals[0]} (${result.rows} rows)\n${lines.join('\n')}\n`);
      return EXIT.done;
    } finally {
      bar?.stop();
      await session.close();
    }
  },
};
