import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Rng } from '../../seeds/generate/prng.js';
import { SAMPLE_BUNDLE } from '../support/databases.js';
import { describeWith, TEST_DATABASE_URL } from '../support/requires.js';
import { largeBundle } from './fault-bundles.js';
import { adminQuery, dataDirEntries, digestRows, embeddedDigest, postgresDigest, runCli, startCli, waitFor, withDatabase, type Digest } from './fault-support.js';

// Crash safety: the CLI import of a large bundle is killed (SIGKILL) at 20 points spread over
// its duration, against PostgreSQL and against the embedded folder. After each kill the database equals
// its state before the import (a digest of every table, read in a read-only transaction), the embedded
// folder opens and keeps no leftovers; after the 20 kills a re-run succeeds and gives what a clean
// import of the same bundle gives on a separate database.
//
// The kill points are times after the spawn, drawn from a seeded PRNG (FAULT_SEED, printed) in (0, d)
// where d is a clean import's duration measured first; a quarter of them in the last 15% of d, near the
// commit (PostgreSQL) or the swap of CURRENT (embedded). A run is only counted as a kill when it was
// killed before it committed: one that ended first, or whose commit landed before the kill (the
// database then equals a whole import, which is no less all-or-nothing), is put back to the base state
// and tried again at another point. The times vary with the machine's load, so a few of those are
// expected and printed.

const SEED = Number(process.env.FAULT_SEED || 20230801);
const KILLS = 20;
const MAX_RETRIES = 15;
// bundle size per engine: PGlite is about four times slower per row than PostgreSQL and pays ~2 s to
// start, so one city-scale ledger already takes a few seconds there
const COPIES = { postgres: 4, embedded: 1 } as const;

interface Target {
  /** environment of a CLI run against the target */
  env: Record<string, string>;
  /** strict digest of the target (with ids), after checks of what a kill may leave */
  inspect(): Promise<Digest>;
  content(): Promise<Digest>;
  /** the base state again (sample only) */
  rebase(): Promise<void>;
}

interface Campaign {
  bundle: string;
  bundleRows: number;
  before: Digest;
  /** content digest and duration of a clean import of the bundle onto the base, on another database */
  reference: Digest;
  ms: number;
  target: Target;
  /** after a kill: waits for what the kill leaves to settle (PostgreSQL's backend) */
  settle(): Promise<void>;
  /** after some kills: the folder serves a reading command */
  afterKill?(n: number): Promise<void>;
  /** a number that grows when an import writes rows, even rows rolled back (PostgreSQL's sequences) */
  writes?(): Promise<number>;
}

/** the kill points as fractions of an import's duration */
function killPoints(engine: string): number[] {
  const rng = new Rng(SEED, `kills:${engine}`);
  return Array.from({ length: KILLS }, (_, i) => (i % 4 === 3 ? 0.85 + 0.14 * rng.next() : 0.02 + 0.93 * rng.next()));
}

async function killCampaign(engine: string, c: Campaign): Promise<{ survived: number; retries: string[]; afterWrites: number }> {
  const points = killPoints(engine);
  console.log(`import kill (${engine}): seed ${SEED}, clean import ${c.ms} ms, kill points (share of it) ${points.map((p) => p.toFixed(3)).join(' ')}`);
  // the duration the points are shares of: the shortest import seen so far (the load of the machine varies)
  let ms = c.ms;
  const rng = new Rng(SEED, `retries:${engine}`);
  const retries: string[] = [];
  let survived = 0;
  let afterWrites = 0;
  let writes = await c.writes?.();
  let delay = Math.round(points[0] * ms);
  for (let i = 0; i < KILLS;) {
    const run = startCli(['import', c.bundle], c.target.env);
    const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
    const r = await run.done;
    clearTimeout(timer);
    if (r.signal !== 'SIGKILL') {
      // ended before the kill: it must have imported the whole bundle
      if (r.code !== 0) throw new Error(`${engine}: an import not killed exited ${r.code}:\n${r.stderr}`);
      expect(await c.target.content()).toEqual(c.reference);
      retries.push(`${delay} ms: ended first (${r.ms} ms)`);
      ms = Math.min(ms, r.ms);
    } else {
      await c.settle();
      const now = await c.target.inspect();
      if (JSON.stringify(now) === JSON.stringify(c.before)) {
        survived++;
        const w = await c.writes?.();
        if (w !== undefined && writes !== undefined && w > writes) afterWrites++;
        writes = w;
        await c.afterKill?.(i + 1);
        i++;
        delay = Math.round(points[i] * ms);
        continue;
      }
      // not the state before: then only the whole import may be there (the commit came before the kill)
      expect(await c.target.content()).toEqual(c.reference);
      retries.push(`${delay} ms: committed before the kill`);
    }
    if (retries.length > MAX_RETRIES) throw new Error(`${engine}: more than ${MAX_RETRIES} runs ended before their kill: ${retries.join('; ')}`);
    await c.target.rebase();
    writes = await c.writes?.();
    delay = Math.round(Math.min(delay, r.ms) * (0.5 + 0.45 * rng.next()));
  }
  return { survived, retries, afterWrites };
}

async function finish(engine: string, c: Campaign, outcome: { survived: number; retries: string[]; afterWrites: number }): Promise<void> {
  const rerun = await runCli(['import', c.bundle], c.target.env);
  expect(rerun.stdout).toContain(`(${c.bundleRows} rows)`);
  const after = await c.target.content();
  expect(after).toEqual(c.reference);
  if (c.writes) console.log(`import kill (${engine}): ${outcome.afterWrites} of the ${KILLS} kills came after the import had written rows that draw ids from a sequence (leader inspections and the files after them), rolled back`);
  if (outcome.retries.length) console.log(`import kill (${engine}): tried again at another point: ${outcome.retries.join('; ')}`);
  console.log(`import kill (${engine}): ${KILLS} kills, ${outcome.survived} survived with the state unchanged, re-run ok, ${c.bundleRows} rows (bundle), ${digestRows(after)} rows in the database`);
}

let large: Record<'postgres' | 'embedded', { dir: string; rows: number } | undefined> = { postgres: undefined, embedded: undefined };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-kill-'));

afterAll(() => {
  for (const b of Object.values(large)) if (b) fs.rmSync(b.dir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describeWith(['postgres'], 'import killed at 20 points (postgres)', () => {
  const names = { base: '', ref: '', kill: '' };
  const tag = `kill_${process.pid}_${Date.now().toString(36)}`;
  for (const k of Object.keys(names) as (keyof typeof names)[]) names[k] = `${tag}_${k}`;
  const url = (name: string) => withDatabase(TEST_DATABASE_URL, name);
  let campaign: Campaign;

  beforeAll(async () => {
    large = { ...large, postgres: await largeBundle(COPIES.postgres, 101) };
    await adminQuery(TEST_DATABASE_URL, `CREATE DATABASE ${names.base}`);
    await runCli(['import', SAMPLE_BUNDLE], { DATABASE_URL: url(names.base) });
    await adminQuery(TEST_DATABASE_URL, `CREATE DATABASE ${names.ref} TEMPLATE ${names.base}`);
    await adminQuery(TEST_DATABASE_URL, `CREATE DATABASE ${names.kill} TEMPLATE ${names.base}`);
    const ref = await runCli(['import', large.postgres!.dir], { DATABASE_URL: url(names.ref) });
    const others = async () => {
      const c = new pg.Client({ connectionString: url(names.kill) });
      await c.connect();
      try {
        const [{ n }] = (await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [names.kill])).rows;
        return n as number;
      } finally {
        await c.end();
      }
    };
    campaign = {
      bundle: large.postgres!.dir,
      bundleRows: large.postgres!.rows,
      before: await postgresDigest(url(names.kill)),
      reference: await postgresDigest(url(names.ref), true),
      ms: ref.ms,
      target: {
        env: { DATABASE_URL: url(names.kill) },
        inspect: () => postgresDigest(url(names.kill)),
        content: () => postgresDigest(url(names.kill), true),
        async rebase() {
          await adminQuery(TEST_DATABASE_URL, `DROP DATABASE ${names.kill} WITH (FORCE)`);
          await adminQuery(TEST_DATABASE_URL, `CREATE DATABASE ${names.kill} TEMPLATE ${names.base}`);
        },
      },
      async writes() {
        const c = new pg.Client({ connectionString: url(names.kill) });
        await c.connect();
        try {
          const [{ n }] = (await c.query(`SELECT coalesce(sum(last_value), 0)::bigint::text AS n FROM pg_sequences WHERE schemaname = 'public'`)).rows;
          return Number(n);
        } finally {
          await c.end();
        }
      },
      // the killed client's backend ends (rolling back) when it next reads its socket
      settle: () => waitFor('the killed import\'s backend to end', async () => (await others()) === 0),
    };
    console.log(`import kill (postgres): bundle ${campaign.bundleRows} rows onto the sample (${digestRows(campaign.before)} rows); clean import ${ref.ms} ms`);
  }, 120_000);

  afterAll(async () => {
    for (const n of Object.values(names)) await adminQuery(TEST_DATABASE_URL, `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`).catch(() => undefined);
  });

  it('leaves the database as it was after each kill, and a re-run imports the bundle', async () => {
    expect(campaign.reference).not.toEqual(await postgresDigest(url(names.base), true)); // the import changes something
    const outcome = await killCampaign('postgres', campaign);
    expect(outcome.survived).toBe(KILLS);
    await finish('postgres', campaign, outcome);
  }, 1_200_000);
});

describe('import killed at 20 points (embedded)', () => {
  const dirs = { base: path.join(tmp, 'base'), ref: path.join(tmp, 'ref'), kill: path.join(tmp, 'kill') };
  let campaign: Campaign;
  let generation = '';
  const leftovers: Record<string, number> = {};

  const copyBase = (to: string) => {
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(dirs.base, to, { recursive: true });
  };
  const current = () => fs.readFileSync(path.join(dirs.kill, 'CURRENT'), 'utf8').trim();

  beforeAll(async () => {
    large = { ...large, embedded: await largeBundle(COPIES.embedded, 101) };
    await runCli(['import', SAMPLE_BUNDLE], { DATA_DIR: dirs.base });
    expect(fs.existsSync(path.join(dirs.base, 'LOCK'))).toBe(false);
    copyBase(dirs.ref);
    copyBase(dirs.kill);
    const ref = await runCli(['import', large.embedded!.dir], { DATA_DIR: dirs.ref });
    generation = current();
    campaign = {
      bundle: large.embedded!.dir,
      bundleRows: large.embedded!.rows,
      before: (await embeddedDigest(dirs.kill)).digest,
      reference: (await embeddedDigest(dirs.ref, true)).digest,
      ms: ref.ms,
      target: {
        env: { DATA_DIR: dirs.kill },
        async inspect() {
          // what the kill left, before the next open removes it
          for (const e of dataDirEntries(dirs.kill)) {
            if (e === 'CURRENT' || e === current()) continue;
            const kind = e.replace(/-[0-9a-z]+-\d+$/, '-*').replace(/\d+$/, '*');
            leftovers[kind] = (leftovers[kind] ?? 0) + 1;
          }
          const { digest, entries } = await embeddedDigest(dirs.kill);
          // the next open removed every leftover: the lock is the reader's own, one generation remains
          expect(entries).toEqual(['CURRENT', 'LOCK', current()].sort());
          expect(dataDirEntries(dirs.kill)).toEqual(['CURRENT', current()].sort());
          return digest;
        },
        content: async () => (await embeddedDigest(dirs.kill, true)).digest,
        async rebase() {
          copyBase(dirs.kill);
          generation = current();
        },
      },
      settle: async () => undefined,
      async afterKill(n) {
        // a kill before the swap leaves the generation in use as it was
        expect(current()).toBe(generation);
        if (n % 10 === 0) {
          const r = await runCli(['dispatch', '--month', '2023-08'], { DATA_DIR: dirs.kill });
          expect(r.stdout).toContain('全市');
        }
      },
    };
    console.log(`import kill (embedded): bundle ${campaign.bundleRows} rows onto the sample (${digestRows(campaign.before)} rows); clean import ${ref.ms} ms`);
  }, 180_000);

  it('leaves the folder as it was after each kill, opening cleanly, and a re-run imports the bundle', async () => {
    const outcome = await killCampaign('embedded', campaign);
    expect(outcome.survived).toBe(KILLS);
    console.log(`import kill (embedded): what the kills left, removed by the next open: ${JSON.stringify(leftovers)}`);
    // the narrowest window: killed between writing CURRENT.tmp-<pid> and renaming it over CURRENT
    const dead = startCli(['--help'], {});
    await dead.done;
    const planted = `CURRENT.tmp-${dead.child.pid}`;
    fs.writeFileSync(path.join(dirs.kill, planted), 'pgdata-never-made');
    fs.writeFileSync(path.join(dirs.kill, 'LOCK'), String(dead.child.pid));
    const { digest, entries } = await embeddedDigest(dirs.kill);
    expect(digest).toEqual(campaign.before);
    expect(entries).not.toContain(planted);
    expect(dataDirEntries(dirs.kill)).toEqual(['CURRENT', current()].sort());
    await finish('embedded', campaign, outcome);
  }, 1_200_000);
});
