// npm run bench: measures, in one run on this machine, what the issues set targets for, and prints one
// table. Never asserted: the figures are reported. City scale only for now (the generated Jincheng ledger
// that `npm start` loads); --scale province|nation is not implemented yet and says so.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { PROJECT_ROOT } from '../api/src/common/project-root.js';
import { openDatabase } from '../api/src/database/data-source.js';
import { currentGeneration } from '../api/src/database/embedded-store.js';
import { AnalyticsEngine } from '../analytics/src/engine.js';
import { DEFAULT_SCHEME } from '../api/src/assessment/default-scheme.js';

const rows: [string, string][] = [];
const report = (what: string, value: string) => { rows.push([what, value]); process.stderr.write(`  ${what}: ${value}\n`); };
const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const scale = process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1] : 'city';
  if (scale !== 'city') {
    console.error(`--scale ${scale}: not implemented yet (issue 7); only the city scale is measured`);
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const password = 'bench-admin-password';

  // 1. first start: generated ledger, migrations, admin
  const t0 = Date.now();
  const server = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist/api/src/main.js')], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ADMIN_PASSWORD: password, DATABASE_URL: '' }, stdio: 'ignore' });
  try {
    for (;;) {
      try { if ((await fetch(`${base}/api/units`)).status === 401) break; } catch { /* not yet */ }
      if (Date.now() - t0 > 300_000) throw new Error('server did not start in 5 min');
      await new Promise((r) => setTimeout(r, 200));
    }
    report('first start with the generated ledger (s)', ((Date.now() - t0) / 1000).toFixed(1));
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const ranking = (await (await fetch(`${base}/api/scores?month=2023-12`, { headers: auth })).json()) as { units: { unit: string; name: string; rank: number; total: number }[] };

    // 2. GET /api/scores under 50 concurrent connections for 10 s
    const lat: number[] = [];
    let errors = 0;
    const until = Date.now() + 10_000;
    await Promise.all(Array.from({ length: 50 }, async () => {
      while (Date.now() < until) {
        const s = performance.now();
        const r = await fetch(`${base}/api/scores?month=2023-08`, { headers: auth }).catch(() => undefined);
        if (!r || r.status !== 200) errors++; else await r.arrayBuffer();
        lat.push(performance.now() - s);
      }
    }));
    report('GET /api/scores, 50 connections: requests', String(lat.length));
    report('GET /api/scores p50 / p95 / p99 (ms)', `${pct(lat, 50).toFixed(1)} / ${pct(lat, 95).toFixed(1)} / ${pct(lat, 99).toFixed(1)}`);
    report('GET /api/scores errors', String(errors));

    // 3. the ranking page in Chromium: time to first render, same figures as the API, 泽州县's page
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      await page.goto(`${base}/`);
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForSelector('nav[aria-label="主导航"]');
      const s = Date.now();
      await page.goto(`${base}/ranking?month=2023-12`);
      await page.waitForSelector('[data-testid="ranking-row"]');
      report('ranking page: time to first render of the table (ms)', String(Date.now() - s));
      const shown = await page.$$eval('[data-testid="ranking-row"]', (rs) => rs.map((r) => `${r.querySelector('[data-col="rank"]')?.textContent?.trim()} ${r.querySelector('[data-col="name"]')?.textContent?.trim()} ${r.querySelector('[data-col="total"]')?.textContent?.trim()}`));
      const want = ranking.units.map((u) => `${u.rank} ${u.name} ${u.total.toFixed(2)}`);
      report('ranking page equals GET /api/scores?month=2023-12', JSON.stringify(shown) === JSON.stringify(want) ? `yes (${shown.join('；')})` : `NO: page ${JSON.stringify(shown)} api ${JSON.stringify(want)}`);
      fs.mkdirSync(path.join(PROJECT_ROOT, 'test/artifacts'), { recursive: true });
      await page.screenshot({ path: path.join(PROJECT_ROOT, 'test/artifacts/bench-ranking.png'), fullPage: true });
      await page.getByRole('link', { name: '泽州县' }).first().click();
      await page.waitForSelector('[data-testid="county-kpis"]');
      await page.waitForSelector('[data-testid="overdue-hazards"], [data-testid="overdue-hazards-empty"]');
      const overdue = await page.$$eval('[data-testid="overdue-hazards"] [data-col="ledgerNo"]', (c) => c.map((x) => x.textContent?.trim()));
      report('泽州县 page: overdue hazards shown', overdue.length ? overdue.join(' ') : 'none');
      await page.screenshot({ path: path.join(PROJECT_ROOT, 'test/artifacts/bench-county-140525.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }

  // 4. the JS bundle
  const assets = path.join(PROJECT_ROOT, 'dashboard/dist/assets');
  const js = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = js.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(assets, f))).length, 0);
  report('dashboard JS, all chunks, gzip (KB)', (gz / 1024).toFixed(0));

  // 5. ledger → DuckDB and a full recompute of 8 months, on the same ledger
  const db = await openDatabase({ embeddedDir: currentGeneration(dataDir)! });
  const engine = await AnalyticsEngine.create();
  const load = await engine.loadFromLedger(db.dataSource);
  report('ledger → DuckDB (rows, ms)', `${load.rows}, ${load.ms.toFixed(0)}`);
  const s = performance.now();
  for (let m = 5; m <= 12; m++) {
    const month = `2023-${String(m).padStart(2, '0')}`;
    await engine.dispatch(month);
    await engine.scores(month, DEFAULT_SCHEME);
  }
  report('DuckDB full recompute, 8 months of dispatch + scores (ms)', (performance.now() - s).toFixed(0));
  report('peak RSS of this process (MB)', (process.resourceUsage().maxRSS / 1024).toFixed(0));
  await engine.close();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const w = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nbench (scale ${scale}, ${os.cpus().length} cores, ${new Date().toISOString()})`);
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
