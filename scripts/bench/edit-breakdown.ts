// One edit → visible, taken apart in the engine (no HTTP): on a bench database and a persisted copy, the
// first load and figures, then edits made in SQL (the change notes are the same as the API's), each timed
// by part: the stale check, the refresh (change notes read, rows applied, derived tables, marker), the
// figures of every assessed month, and the kept figures' write. CPU time beside each wall time.
//   node dist/scripts/bench/edit-breakdown.js --url postgres://…/db --file /tmp/x/ledger-copy.duckdb [--edits 3]
import { isDeepStrictEqual } from 'node:util';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import { keptFiguresKey } from '../../analytics/src/kept-figures.js';
import { assessedMonths, loadCampaigns } from '../../api/src/campaign/campaign.js';
import { loadScheme } from '../../api/src/assessment/scheme-store.js';
import { openDatabase } from '../../api/src/database/data-source.js';

function option(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is needed`);
  return v;
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const r = await work();
  const used = process.cpuUsage(cpu);
  console.log(`  ${label}: ${(performance.now() - wall).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`);
  return r;
}

// Each edit is one a user makes through the API, written here as the row change it makes.
const EDITS: { kind: string; sql: string }[] = [
  { kind: 'rectify an overdue hazard', sql: `UPDATE hazards SET rectified_on = deadline WHERE ledger_no = (
      SELECT ledger_no FROM hazards WHERE rectified_on IS NULL AND deadline IS NOT NULL AND found_on >= '2023-05-01' ORDER BY ledger_no LIMIT 1)` },
  { kind: 'a penalty action', sql: `INSERT INTO actions (action_id, unit_code, kind, acted_on, enterprise_credit_code, amount_wan)
      SELECT 'bench-' || md5(random()::text), unit_code, 'penalty', '2023-11-02', enterprise_credit_code, 1.5 FROM hazards ORDER BY ledger_no LIMIT 1` },
  { kind: 'an inspection', sql: `INSERT INTO inspections (inspection_id, unit_code, enterprise_credit_code, inspected_on, signed_by, major_hazards_found)
      SELECT 'bench-' || md5(random()::text), unit_code, credit_code, '2023-11-03', ARRAY['基准测试'], 0 FROM enterprises ORDER BY credit_code LIMIT 1` },
];

async function main(): Promise<void> {
  const db = await openDatabase({ databaseUrl: option('url') });
  const ds = db.dataSource;
  const edits = Number(option('edits', String(EDITS.length)));
  const engine = await AnalyticsEngine.create({ file: option('file'), log: (m) => console.log(m) });
  try {
    const scheme = await loadScheme(ds, 'default');
    const months = (await loadCampaigns(ds)).flatMap(assessedMonths);
    const key = keptFiguresKey(months, scheme.params, scheme.version);
    console.log(`first load (${months.length} months)`);
    console.log(`  ${JSON.stringify(await timed('refresh (load or replay)', () => engine.refresh(ds)))}`);
    const first = await timed('figures', () => engine.figures(months, scheme.params, scheme.version));
    await timed('keep figures', () => engine.keepFigures(key, first));
    let base = first.map((f) => f.scores);
    for (const e of EDITS.slice(0, edits)) {
      console.log(`edit: ${e.kind}`);
      await ds.query(e.sql);
      await timed('stale check', () => engine.stale(ds));
      const r = await timed('refresh', () => engine.refresh(ds));
      console.log(`  ${JSON.stringify(r)}`);
      const figures = await timed('figures (full, dispatch + scores)', () => engine.figures(months, scheme.params, scheme.version));
      const full = await timed('scores only (full)', () => engine.monthsScores(months, scheme.params, scheme.version));
      const updated = await timed(`scores of the touched units' parents (${r.touched === 'all' ? 'all' : r.touched.length} touched)`,
        () => engine.updatedScores(months, scheme.params, scheme.version, base, r.touched));
      console.log(`  equal to the full recompute: ${isDeepStrictEqual(updated, full)}`);
      base = full;
      const json = await timed('JSON of the figures', async () => JSON.stringify(figures).length);
      console.log(`  (${(json / 1e6).toFixed(1)} MB of JSON)`);
      await timed('keep figures', () => engine.keepFigures(key, figures));
    }
  } finally {
    await engine.close();
    await db.close();
  }
}

await main();
