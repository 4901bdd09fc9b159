import type { Command } from '../cli/commands/command.js';
import { EXIT } from '../cli/usage-error.js';
import { requireString, withLedger } from './export-run.js';
import { writeFiguresParquetInto } from './figures-parquet-file.js';

// npm run cli -- export parquet --month M --out DIR: the month's figures for analysts, DIR/figures-M.parquet
// (the same table as GET /api/exports/figures.parquet; docs/api.md lists its columns).
export const exportParquetCommand: Command = {
  options: { month: { type: 'string' }, out: { type: 'string' } },
  async run(v, _p, env) {
    const dir = requireString(v.out, '--out DIR');
    await withLedger(env, 'read', v.month, async ({ month, figures }) => {
      const source = await figures();
      const [dispatch, scores] = await Promise.all([source.dispatch(month), source.scores(month)]);
      const { file, rows } = await writeFiguresParquetInto(dir, { month, dispatch, scores });
      process.stdout.write(`figures ${month}（截至 ${dispatch.asOf}）: ${rows} rows (${dispatch.units.length} units and the city-wide row) written to ${file}\n`);
    });
    return EXIT.done;
  },
};
