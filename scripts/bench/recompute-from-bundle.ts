// The DuckDB recompute measured without PostgreSQL: a generated bundle's CSV files read straight into the
// analytics tables (DuckDB's read_csv), the derived tables built as after a load, then the 8-month
// dispatch + scores timed as `npm run bench` times them. For the nation scale, whose PostgreSQL import
// costs twenty minutes of CPU, and for iterating on analytics/sql.
//   node dist/scripts/bench/recompute-from-bundle.js BUNDLE_DIR [--runs N] [--out FIGURES.json] [--db FILE]
// --db keeps the loaded copy in FILE and, when FILE exists, reads it instead of the bundle (iterating on
// analytics/sql at nation scale without a reload each time; the derived tables are rebuilt either way, unless
// --keep-derived: then a reused FILE keeps the derived tables it was written with, when analytics/sql/prepare
// has not changed since).
// --profile times each derived table and each statement of one recompute; PROFILE_DIR=DIR writes DuckDB's
// JSON profile of each statement there.
// The campaigns and their phases come from the migrations (an embedded database in a temp folder).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { DEFINITIONS } from '../../analytics/src/engine.js';
import { bucketParams, computeFigures, usedParams } from '../../analytics/src/figures.js';
import { copyTables } from '../../analytics/src/ledger-loader.js';
import { calendarParams, monthWindow, windowParams, type MonthWindow } from '../../analytics/src/month-window.js';
import { schemeParams } from '../../analytics/src/scheme.js';
import { DERIVED, prepareDerived } from '../../analytics/src/prepare.js';
import { sqlFile } from '../../analytics/src/sql-files.js';
import { jsonRows } from '../../analytics/src/types.js';
import { openDatabase } from '../../api/src/database/data-source.js';
import { MONTHS } from './recompute.js';

// bundle file → the select list that turns its CSV columns into the schema.sql table's columns
const FROM_CSV: Record<string, string> = {
  units: 'code, name, level, parent_code',
  enterprises: 'credit_code, name, unit_code, industry, risk_level, high_risk, parent_credit_code, main_leader',
  inspections: `inspection_id, unit_code, enterprise_credit_code, inspected_on, string_split(signed_by, ';'),
    major_hazards_found, NULL`,
  findings: 'inspection_id, finding',
  hazards: `ledger_no, enterprise_credit_code, unit_code, source, found_on, description, category, inspection_id,
    confirmed_on, listed_level, listed_on, tracker, responsible_person, measures, funds_wan, deadline,
    contingency_plan, rectified_on, closed_on, closed_by`,
  actions: 'action_id, unit_code, kind, acted_on, enterprise_credit_code, hazard_ledger_no, target_unit_code, persons, amount_wan, crime',
  leaders: 'unit_code, name, role',
  leader_inspections: 'row_number() OVER (), unit_code, leader_name, inspected_on, enterprise_credit_code',
  assignments: 'hazard_ledger_no, unit_code, assigned_on',
  feedback: 'row_number() OVER (), hazard_ledger_no, feedback_on, document_no, progress',
  drills: 'row_number() OVER (), enterprise_credit_code, drilled_on',
  submissions: 'row_number() OVER (), unit_code, kind, period, submitted_on',
};

async function campaignsFromMigrations(conn: DuckDBConnection): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recompute-campaigns-'));
  const db = await openDatabase({ embeddedDir: dir, auditDir: dir });
  try {
    await copyTables(db.dataSource, conn, ['campaigns', 'campaign_phases']);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The statements of one recompute (figures.ts campaignFigures), each timed. */
async function profile(conn: DuckDBConnection, g: MonthWindow[]): Promise<void> {
  const params = { ...windowParams(g[0]), ...calendarParams(g[0]), ...schemeParams(DEFAULT_SCHEME), ...bucketParams(g.map((w) => w.eom)) };
  const prof = process.env.PROFILE_DIR;
  const timed = async (label: string, sql: string) => {
    if (prof) {
      await conn.run(`SET enable_profiling = 'json'`);
      await conn.run(`SET profiling_output = '${path.join(prof, label.replace(/\//g, '_'))}.json'`);
    }
    const started = performance.now();
    const cpu = process.cpuUsage();
    await conn.run(sql, usedParams(sql, params));
    const used = process.cpuUsage(cpu);
    console.log(`  ${label}: ${(performance.now() - started).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`);
    if (prof) await conn.run('SET enable_profiling = \'no_output\'');
  };
  const temp = (table: string, file: string) => `CREATE TEMP TABLE ${table} AS ${sqlFile(file).replace(/;\s*$/, '')}`;
  await conn.run('BEGIN TRANSACTION');
  await timed('dispatch/figures.sql', sqlFile('dispatch/figures.sql'));
  for (const alt of (process.env.COMPARE ?? '').split(',').filter(Boolean)) {
    for (let k = 0; k < 3; k++) {
      await timed(alt, sqlFile(alt));
      await timed('dispatch/figures.sql', sqlFile('dispatch/figures.sql'));
    }
  }
  const explain = process.env.EXPLAIN;
  if (explain) {
    const sql = `EXPLAIN ANALYZE ${explain === 'unit-counts' ? temp('unit_counts2', 'scoring/unit-counts.sql') : sqlFile('dispatch/figures.sql')}`;
    const r = await conn.runAndReadAll(sql, usedParams(sql, params));
    console.log(String(r.getRows()[0][1]));
  }
  await timed('scoring/unit-counts.sql', temp('unit_counts', 'scoring/unit-counts.sql'));
  await timed('scoring/scores.sql', sqlFile('scoring/scores.sql'));
  // the same two results read into JSON rows, as computeFigures reads them (types.ts)
  for (const file of ['dispatch/figures.sql', 'scoring/scores.sql']) {
    const sql = sqlFile(file);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const rows = jsonRows(await conn.runAndReadAll(sql, usedParams(sql, params)));
    const used = process.cpuUsage(cpu);
    console.log(`  ${file} read into ${rows.length} JSON rows: ${(performance.now() - started).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`);
  }
  await conn.run('ROLLBACK');
}

async function main(): Promise<void> {
  const [bundle, ...rest] = process.argv.slice(2);
  const opt = (name: string) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
  const runs = Number(opt('--runs') ?? '3');
  const out = opt('--out');
  const dbFile = opt('--db');
  const reuse = dbFile !== undefined && fs.existsSync(dbFile);
  const instance = await DuckDBInstance.create(dbFile ?? ':memory:');
  const conn = await instance.connect();
  let started = performance.now();
  if (!reuse) {
    for (const file of DEFINITIONS) await conn.run(sqlFile(file));
    await campaignsFromMigrations(conn);
    let rows = 0;
    for (const [table, select] of Object.entries(FROM_CSV)) {
      const file = path.join(bundle, `${table}.csv`).replace(/'/g, "''");
      await conn.run(`INSERT INTO ${table} SELECT ${select} FROM read_csv('${file}', header = true, all_varchar = true)`);
      rows += Number((await conn.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0][0]);
    }
    console.log(`read ${rows.toLocaleString('en')} rows in ${(performance.now() - started).toFixed(0)} ms`);
  } else {
    // the macros are the worktree's, which may have changed since FILE was written
    for (const file of DEFINITIONS.filter((f) => !f.endsWith('schema.sql'))) {
      await conn.run(sqlFile(file).replace(/CREATE MACRO/g, 'CREATE OR REPLACE MACRO'));
    }
  }
  started = performance.now();
  if (reuse && rest.includes('--keep-derived')) {
    console.log('derived tables kept from the reused file (--keep-derived)');
  } else if (rest.includes('--profile')) {
    // each derived table timed on its own (prepareDerived's statements, outside its transaction)
    for (const { file } of DERIVED) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      await conn.run(sqlFile(file));
      const used = process.cpuUsage(cpu);
      console.log(`  ${file}: ${(performance.now() - t).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`);
    }
  } else {
    await prepareDerived(conn);
  }
  console.log(`derived tables in ${(performance.now() - started).toFixed(0)} ms`);

  const query = async (file: string, params: Record<string, import('@duckdb/node-api').DuckDBValue>) => {
    const sql = sqlFile(file);
    return jsonRows(await conn.runAndReadAll(sql, usedParams(sql, params)));
  };
  const windows = [];
  for (const m of MONTHS) windows.push(await monthWindow(query, m));
  const times: number[] = [];
  const cpus: number[] = [];
  let figures: unknown;
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    const cpu = process.cpuUsage();
    figures = await computeFigures(conn, windows, DEFAULT_SCHEME, 'default');
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`recompute, 8 months: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')}; CPU ${cpus.map((t) => t.toFixed(0)).join(', ')} ms); load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (rest.includes('--profile')) await profile(conn, windows);
  if (out) fs.writeFileSync(out, JSON.stringify(figures));
  conn.closeSync();
  instance.closeSync();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
