import { loadPublishedRanking } from '../../assessment/publishing.js';
import { loadScheme } from '../../assessment/scheme-store.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';
import type { Command } from './command.js';
import { runAnalyticsCommand } from './analytics-command.js';

interface ScoreRow { unit: string; name: string; rank: number; total: number; I1: number; I2: number; I3: number; I4: number; D: number }

export function renderScores(s: { month: string; asOf: string; scheme: string; units: ScoreRow[] }): string {
  return `打分排队 ${s.month}（截至 ${s.asOf}，方案 ${s.scheme}）\n` + textTable(
    ['排名', '单位', '总分', 'I1 排查整治', 'I2 自查自改', 'I3 精准执法', 'I4 领导检查', '扣分'],
    s.units.map((u) => [u.rank, u.name, u.total.toFixed(2), u.I1.toFixed(2), u.I2.toFixed(2), u.I3.toFixed(2), u.I4.toFixed(2), u.D.toFixed(2)]),
  );
}

export const scoresCommand: Command = {
  options: { month: { type: 'string' }, out: { type: 'string' }, published: { type: 'boolean' }, scheme: { type: 'string' } },
  run(v, _p, env) {
    if (v.published && v.scheme) throw new UsageError('--published shows the ranking as published, under its own scheme: do not combine it with --scheme');
    return runAnalyticsCommand(env, v.month, v.out, async (engine, month, db) => {
      if (v.published) return (await loadPublishedRanking(db.dataSource, month)).ranking;
      const scheme = await loadScheme(db.dataSource, typeof v.scheme === 'string' ? v.scheme : 'default');
      return engine.scores(month, scheme.params, scheme.version);
    }, (r) => renderScores(r as never));
  },
};
