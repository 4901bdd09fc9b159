// The bench of what a new user meets: `npm start` on an empty DATA_DIR (embedded PGlite, the generated
// Jincheng ledger loaded on first start), the API under 50 connections, the ranking page in Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { PROJECT_ROOT } from '../../analytics/src/project-root.js';
import { openDatabase } from '../../api/src/database/data-source.js';
import { currentGeneration } from '../../api/src/database/embedded-store.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import { latencyText, loadTest } from './load.js';
import { timeDuckDb } from './recompute.js';
import { mb, type Report } from './report.js';
import { BENCH_PASSWORD, startServer, type BenchServer } from './server.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function rankingPage(server: BenchServer, report: Report): Promise<void> {
  const ranking = (await (await server.get('/api/scores?month=2023-12')).json()) as { units: { name: string; rank: number; total: number }[] };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await page.goto(`${server.base}/`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(BENCH_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForSelector('nav[aria-label="主导航"]');
    const s = Date.now();
    await page.goto(`${server.base}/ranking?month=2023-12`);
    await page.waitForSelector('[data-testid="ranking-row"]');
    report.add('ranking page: time to first render of the table', `${Date.now() - s} ms`);
    const shown = await page.$$eval('[data-testid="ranking-row"]', (rs) => rs.map((r) => `${r.querySelector('[data-col="rank"]')?.textContent?.trim()} ${r.querySelector('[data-col="name"]')?.textContent?.trim()} ${r.querySelector('[data-col="total"]')?.textContent?.trim()}`));
    const want = ranking.units.map((u) => `${u.rank} ${u.name} ${u.total.toFixed(2)}`);
    report.add('ranking page equals GET /api/scores?month=2023-12', JSON.stringify(shown) === JSON.stringify(want) ? `yes (${shown.join('；')})` : `NO: page ${JSON.stringify(shown)} api ${JSON.stringify(want)}`);
    fs.mkdirSync(path.join(PROJECT_ROOT, 'test/artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(PROJECT_ROOT, 'test/artifacts/bench-ranking.png'), fullPage: true });
    await page.getByRole('link', { name: '泽州县' }).first().click();
    await page.waitForSelector('[data-testid="county-kpis"]');
    await page.waitForSelector('[data-testid="overdue-hazards"], [data-testid="overdue-hazards-empty"]');
    const overdue = await page.$$eval('[data-testid="overdue-hazards"] [data-col="ledgerNo"]', (c) => c.map((x) => x.textContent?.trim()));
    report.add('泽州县 page: overdue hazards shown', overdue.length ? overdue.join(' ') : 'none');
    await page.screenshot({ path: path.join(PROJECT_ROOT, 'test/artifacts/bench-county-140525.png'), fullPage: true });
  } finally {
    await browser.close();
  }
}

export async function benchEmbeddedCity(report: Report): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-'));
  try {
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      report.add('embedded: first start with the generated ledger', `${(server.startMs / 1000).toFixed(1)} s`);
      await (await server.get('/api/scores?month=2023-08')).arrayBuffer();
      report.add('embedded: GET /api/scores, 50 connections, 10 s: p50 / p95 / p99', latencyText(await loadTest(`${server.base}/api/scores?month=2023-08`, server.auth, 50, 10)));
      await rankingPage(server, report);
    } finally {
      report.add('embedded: peak RSS of the server process', mb(await server.stop()));
    }
    const assets = path.join(PROJECT_ROOT, 'dashboard/dist/assets');
    const gz = fs.readdirSync(assets).filter((f) => f.endsWith('.js')).reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(assets, f))).length, 0);
    report.add('dashboard JS, all chunks, gzip', `${(gz / 1024).toFixed(0)} KB`);

    // the same analytics on the embedded folder (PGlite has no COPY: the cursor path)
    const db = await openDatabase({ embeddedDir: currentGeneration(dataDir)! });
    const engine = await AnalyticsEngine.create();
    try {
      const load = await engine.loadFromLedger(db.dataSource);
      report.add('embedded: ledger → DuckDB', `${load.rows} rows in ${load.ms} ms`);
      const recompute = await timeDuckDb(engine);
      report.add('embedded: DuckDB full recompute, 8 months', `${recompute.ms.toFixed(0)} ms`);
    } finally {
      await engine.close();
      await db.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
