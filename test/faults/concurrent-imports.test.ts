import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BUNDLE_FILES } from '../../api/src/bundle/bundle-files.js';
import { SAMPLE_BUNDLE } from '../support/databases.js';
import { describeWith, TEST_DATABASE_URL } from '../support/requires.js';
import { largeBundle, unitBundle } from './fault-bundles.js';
import { adminQuery, embeddedDigest, postgresDigest, runCli, sleep, startCli, waitFor, withDatabase } from './fault-support.js';

// Concurrency: two county-level units import their ledgers at the same moment. On PostgreSQL
// both imports succeed, one waiting on the other's table lock; in the embedded folder the second finds
// the DATA_DIR in use and is refused with exit status 3 and a message saying so (bundle.md), and
// succeeds when run again. Either way the ledger ends equal to importing the two one after the other.
// (Two users closing one hazard at once: test/integration/workflows-concurrent-close.test.ts.)

const UNITS = ['140525', '140581']; // 泽州县, 高平市
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-concurrent-'));
const bundles: string[] = [];
let rows: number[] = [];

beforeAll(async () => {
  // three city-scale ledgers with keys of their own, so that each unit's bundle takes a few seconds
  const source = await largeBundle(3, 301);
  try {
    rows = UNITS.map((u, i) => {
      bundles.push(path.join(tmp, `unit-${u}`));
      return unitBundle(source.dir, u, bundles[i]);
    });
  } finally {
    fs.rmSync(source.dir, { recursive: true, force: true });
  }
  console.log(`concurrent imports: bundles of ${UNITS.map((u, i) => `${u} (${rows[i]} rows)`).join(' and ')}`);
}, 60_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describeWith(['postgres'], 'two units importing at once (postgres)', () => {
  const tag = `conc_${process.pid}_${Date.now().toString(36)}`;
  const names = { base: `${tag}_base`, seq: `${tag}_seq`, conc: `${tag}_conc` };
  const url = (name: string) => withDatabase(TEST_DATABASE_URL, name);

  beforeAll(async () => {
    await adminQuery(TEST_DATABASE_URL, `CREATE DATABASE ${names.base}`);
    await runCli(['import', SAMPLE_BUNDLE], { DATABASE_URL: url(names.base) });
    for (const n of [names.seq, names.conc]) await adminQuery(TEST_DATABASE_URL, `CREATE DATABASE ${n} TEMPLATE ${names.base}`);
  }, 60_000);

  afterAll(async () => {
    for (const n of Object.values(names)) await adminQuery(TEST_DATABASE_URL, `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`).catch(() => undefined);
  });

  it('imports both, one waiting on the table lock, and ends as the two imported one after the other', async () => {
    const started = Date.now();
    for (const b of bundles) await runCli(['import', b], { DATABASE_URL: url(names.seq) });
    const sequential = await postgresDigest(url(names.seq), true);

    // Both imports are made to meet at the lock: a transaction holds it until both wait for it.
    const holder = new pg.Client({ connectionString: url(names.conc) });
    await holder.connect();
    // watched from another connection: inside a transaction pg_stat_activity keeps its first snapshot
    const watcher = new pg.Client({ connectionString: url(names.conc) });
    await watcher.connect();
    const waiting = async () => {
      const { rows: [{ n }] } = await watcher.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE%'`, [names.conc]);
      return n as number;
    };
    let runs: ReturnType<typeof startCli>[] = [];
    try {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${BUNDLE_FILES.map((f) => f.table).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
      runs = bundles.map((b) => startCli(['import', b], { DATABASE_URL: url(names.conc) }));
      await waitFor('both imports to wait for the table lock', async () => (await waiting()) === 2, 90_000);
      await holder.query('COMMIT');
      // one takes the lock, the other keeps waiting until the first commits
      let ended = 0;
      const all = Promise.all(runs.map((r) => r.done.finally(() => ended++)));
      let oneWaited = false;
      while (ended === 0) {
        if ((await waiting()) === 1) oneWaited = true;
        await sleep(20);
      }
      const results = await all;
      for (const [i, r] of results.entries()) {
        expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
        expect(r.stdout).toContain(`(${rows[i]} rows)`);
      }
      expect(oneWaited).toBe(true);
    } finally {
      for (const r of runs) r.child.kill('SIGKILL');
      await holder.end();
      await watcher.end();
    }
    expect(await postgresDigest(url(names.conc), true)).toEqual(sequential);
    console.log(`concurrent imports (postgres): both imported, one waited on the table lock, ledger equals the imports one after the other (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }, 240_000);
});

describe('two units importing at once (embedded)', () => {
  const dirs = { base: path.join(tmp, 'base'), seq: path.join(tmp, 'seq'), conc: path.join(tmp, 'conc') };

  beforeAll(async () => {
    await runCli(['import', SAMPLE_BUNDLE], { DATA_DIR: dirs.base });
    for (const d of [dirs.seq, dirs.conc]) fs.cpSync(dirs.base, d, { recursive: true });
  }, 120_000);

  it('refuses the second while the first holds the DATA_DIR (exit 3), imports it when run again, and ends as one after the other', async () => {
    const started = Date.now();
    for (const b of bundles) await runCli(['import', b], { DATA_DIR: dirs.seq });
    const sequential = (await embeddedDigest(dirs.seq, true)).digest;

    const runs = bundles.map((b) => startCli(['import', b], { DATA_DIR: dirs.conc }));
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => r.code).sort()).toEqual([0, 3]);
    const won = results.findIndex((r) => r.code === 0);
    const lost = 1 - won;
    expect(results[won].stdout).toContain(`(${rows[won]} rows)`);
    // the refusal names the folder and the process that holds it, and what to do
    expect(results[lost].stderr).toBe(`DATA_DIR ${dirs.conc} is in use by process ${runs[won].child.pid}; stop it or choose another DATA_DIR\n`);
    expect(results[lost].stdout).toBe('');

    const again = await runCli(['import', bundles[lost]], { DATA_DIR: dirs.conc });
    expect(again.stdout).toContain(`(${rows[lost]} rows)`);
    const { digest, entries } = await embeddedDigest(dirs.conc, true);
    expect(digest).toEqual(sequential);
    expect(entries.filter((e) => e !== 'CURRENT' && e !== 'LOCK')).toHaveLength(1);
    console.log(`concurrent imports (embedded): ${UNITS[won]} imported, ${UNITS[lost]} refused with exit 3 ("DATA_DIR … is in use by process ${runs[won].child.pid}; stop it or choose another DATA_DIR") and imported when run again; ledger equals the imports one after the other (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }, 240_000);
});
