// The API as users meet it, on the bench database: the first start until the first figures, GET p95
// under 50 connections for the default ranking, for single parents and for /api/health (the framework's
// own cost) in the same run, one edit until it is visible, and a restart on the same data.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ScoreRow, ScoresJson } from '../../analytics/src/contracts.js';
import { latencyText, loadTest } from './load.js';
import type { Peers } from './recompute.js';
import { mb, type Report } from './report.js';
import { startServer, type BenchServer } from './server.js';

const MONTH = '2023-12';
const CONNECTIONS = 50;
const SECONDS = 10;

const scoresPath = (parent?: string) => `/api/scores?month=${MONTH}${parent ? `&parent=${encodeURIComponent(parent)}` : ''}`;

/** The ranking rows of an answer; a paginated answer may carry more than `units`, the rows are what count. */
async function rankingRows(server: BenchServer, p: string): Promise<ScoreRow[]> {
  const r = await server.get(p);
  if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${(await r.text()).slice(0, 200)}`);
  return ((await r.json()) as Partial<ScoresJson>).units ?? [];
}

/**
 * Whether the server ranks one parent's peers when asked (`?parent=`): an answer of 400 (an unknown query
 * parameter refused) or one holding units of other parents means it does not. With a single parent (a
 * city) every answer holds only its peers, so a county is asked for as the parent too: it has no
 * county-level units under it, and an answer ranking the city's units shows the parameter was ignored.
 */
async function parentSupport(server: BenchServer, peers: Peers): Promise<string | undefined> {
  const [parent, units] = peers[0];
  const r = await server.get(scoresPath(parent));
  if (r.status !== 200) return `parent not supported (${r.status}: ${(await r.text()).slice(0, 120)})`;
  const got = (((await r.json()) as Partial<ScoresJson>).units ?? []).map((u) => u.unit);
  const want = new Set(units);
  if (!got.length || !got.every((u) => want.has(u))) return `parent not supported (ignored: ?parent=${parent} answered ${got.length} units, ${parent} has ${units.length})`;
  if (peers.length > 1) return undefined;
  const county = await server.get(scoresPath(units[0]));
  const countyRows = county.status === 200 ? ((await county.json()) as Partial<ScoresJson>).units ?? [] : [];
  return countyRows.length ? `parent not supported (ignored: ?parent=${units[0]}, a county, answered ${countyRows.length} units)` : undefined;
}

/** The parents the p95 is measured for: the one with most peers, and one of middle size. */
function parentsToMeasure(peers: Peers): Peers {
  const middle = peers[Math.floor(peers.length / 2)];
  return middle && middle !== peers[0] ? [peers[0], middle] : peers.slice(0, 1);
}

/** The size of one answer as the load test receives it: autocannon asks for no compression. */
async function answerSize(server: BenchServer, p: string): Promise<string> {
  const bytes = (await (await server.get(p, { 'accept-encoding': 'identity' })).arrayBuffer()).byteLength;
  return `${bytes >= 1024 ? `${(bytes / 1024).toFixed(bytes >= 100 * 1024 ? 0 : 1)} KB` : `${bytes} B`} an answer`;
}

/** One path under 50 connections for 10 s; every target of a run is measured the same way. */
async function p95Of(server: BenchServer, label: string, p: string, report: Report, headers = server.auth): Promise<void> {
  const size = await answerSize(server, p); // also warms the cache for this answer
  report.add(`${label}, ${CONNECTIONS} connections, ${SECONDS} s: p50 / p95 / p99`, `${latencyText(await loadTest(`${server.base}${p}`, headers, CONNECTIONS, SECONDS, server.pid))}; ${size}`);
}

/** An edit through the API (rectify an overdue hazard on its deadline) until the unit's ranking shows it. */
async function editUntilVisible(server: BenchServer, rankingOf: (unit: string) => string, candidates: ScoreRow[], report: Report): Promise<void> {
  for (const u of candidates.filter((x) => x.parts.overdue > 0).slice(0, 10)) {
    const unit = (await (await server.get(`/api/scores/${u.unit}?month=${MONTH}`)).json()) as { explanation: { overdueHazards: { ledgerNo: string; deadline: string }[] } };
    for (const h of unit.explanation.overdueHazards.slice(0, 3)) {
      const posted = performance.now();
      const r = await server.post(`/api/hazards/${encodeURIComponent(h.ledgerNo)}/rectify`, { rectifiedOn: h.deadline, signedBy: '基准测试' });
      if (r.status >= 300) continue; // a rule of the lifecycle refused this one: try another
      const acked = performance.now();
      for (;;) {
        const now = (await rankingRows(server, rankingOf(u.unit))).find((x) => x.unit === u.unit);
        if (now?.parts.overdue === u.parts.overdue - 1) break;
        if (performance.now() - acked > 120_000) throw new Error('the edit did not show in GET /api/scores within 2 min');
      }
      report.add('one edit → new scores visible (rectify via API, then GET /api/scores until it shows)', `${(performance.now() - acked).toFixed(0)} ms after the 2xx (the write itself ${(acked - posted).toFixed(0)} ms); ${u.name} overdue ${u.parts.overdue} → ${u.parts.overdue - 1}`);
      return;
    }
  }
  report.add('one edit → new scores visible', 'not measured: no overdue hazard accepted a rectification');
}

/** Files under dir changed since `since` (epoch ms), with their sizes: what the server keeps beside its data. */
function writtenSince(dir: string, since: number): string {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (fs.statSync(f).mtimeMs >= since) found.push(`${path.relative(dir, f)} ${mb(fs.statSync(f).size)}`);
    }
  };
  walk(dir);
  return found.length ? found.join(', ') : 'none';
}

/** A DuckDB file left by an earlier run (--reuse-database) would make the first start a restart. */
function removeAnalyticsFiles(dir: string): string[] {
  const removed: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.includes('.duckdb')) { fs.rmSync(f); removed.push(path.relative(dir, f)); }
    }
  };
  walk(dir);
  return removed;
}

/** fetch gives up on an answer after 5 min without headers; a first load at nation scale under load may take longer */
async function patientGet(server: BenchServer, p: string): Promise<Response> {
  for (;;) {
    try {
      return await server.get(p);
    } catch (e) {
      if (server.sinceSpawn() > 900_000) throw e;
      await new Promise((ok) => setTimeout(ok, 1000));
    }
  }
}

/**
 * Until the first GET /api/scores has answered: the time a user waits after the server is started. The
 * default answer, or, where the server wants a parent for this user, the largest parent's.
 */
async function firstFigures(server: BenchServer, fallbackParent?: string): Promise<{ ms: number; rows: ScoreRow[]; path: string }> {
  let p = scoresPath();
  let r = await patientGet(server, p);
  if (r.status !== 200 && fallbackParent) {
    await r.arrayBuffer();
    p = scoresPath(fallbackParent);
    r = await patientGet(server, p);
  }
  if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${(await r.text()).slice(0, 200)}`);
  const rows = ((await r.json()) as Partial<ScoresJson>).units ?? [];
  return { ms: server.sinceSpawn(), rows, path: p };
}

export async function benchServerRun(url: string, dataDir: string, peers: Peers, parentOf: Map<string, string>, report: Report): Promise<void> {
  const removed = removeAnalyticsFiles(dataDir);
  if (removed.length) report.add('before the first start: removed an earlier run\'s analytics files', removed.join(', '));
  const env = { DATABASE_URL: url, DATA_DIR: dataDir };
  const firstSpawn = Date.now();
  const server = await startServer(env);
  let lastRows: ScoreRow[];
  let figuresPath = scoresPath();
  try {
    const first = await firstFigures(server, peers[0]?.[0]);
    figuresPath = first.path;
    report.add(`first start: first GET ${first.path} answered (spawn → answer, DuckDB load + compute)`, `${(first.ms / 1000).toFixed(1)} s (GET /api/health answered after ${(server.startMs / 1000).toFixed(1)} s)`);
    const unsupported = peers.length ? await parentSupport(server, peers) : 'no parent with county-level units';
    await p95Of(server, `GET /api/scores (default: ${first.rows.length} units)`, scoresPath(), report);
    if (unsupported) report.add('GET /api/scores?parent=…', unsupported);
    else {
      for (const [parent, units] of parentsToMeasure(peers)) await p95Of(server, `GET /api/scores?parent=${parent} (${units.length} peers)`, scoresPath(parent), report);
      // the whole ledger's ranking, only when asked: its first page where the server pages it
      const all = await server.get(scoresPath('all'));
      const total = all.status === 200 ? ((await all.json()) as { total?: number }).total : undefined;
      if (total !== undefined) await p95Of(server, `GET /api/scores?parent=all (first page of ${total} units)`, scoresPath('all'), report);
    }
    // as a health probe asks it: no token
    await p95Of(server, 'GET /api/health (the framework\'s own cost, one SELECT 1)', '/api/health', report, {});
    const rankingOf = (unit: string) => (unsupported ? scoresPath() : scoresPath(parentOf.get(unit)));
    // a default answer without units (a user's own parent, and the admin has none) leaves the parents' rankings
    const candidates = first.rows.length > 0 || unsupported ? first.rows : await rankingRows(server, scoresPath(peers[0][0]));
    await editUntilVisible(server, rankingOf, candidates, report);
    lastRows = await rankingRows(server, figuresPath);
  } finally {
    report.add('peak RSS of the server process (first start)', mb(await server.stop()));
  }
  report.add('files the server wrote in its DATA_DIR', writtenSince(dataDir, firstSpawn));

  const again = await startServer(env);
  try {
    const restart = await firstFigures(again, peers[0]?.[0]);
    const same = restart.path === figuresPath && isDeepStrictEqual(restart.rows, lastRows) ? 'yes' : 'NO';
    report.add(`restart on the same data: first GET ${restart.path} answered (spawn → answer)`, `${(restart.ms / 1000).toFixed(1)} s (GET /api/health after ${(again.startMs / 1000).toFixed(1)} s); figures equal those served before the stop, the edit included: ${same}`);
  } finally {
    report.add('peak RSS of the server process (restart)', mb(await again.stop()));
  }
}
