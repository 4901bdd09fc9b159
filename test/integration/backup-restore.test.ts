import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { securityEvents } from '../support/security-events.js';
import { describeWith } from '../support/requires.js';
import { cli } from '../support/cli.js';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { copySampleWith } from '../support/sample-copy.js';

// backup --out PATH / restore --from PATH on both engines, through the compiled CLI: the figures after a
// restore are the figures at the backup, to the byte; a damaged archive changes nothing.

const SLOW = 600_000; // each CLI run boots a database; on a loaded 2-core machine that takes seconds
type Env = Record<string, string>;

/** The dispatch 2023-08 and scores 2023-12 JSON, as bytes, written by the CLI. */
function figures(env: Env, dir: string, tag: string): { dispatch: Buffer; scores: Buffer } {
  const d = path.join(dir, `dispatch-${tag}.json`);
  const s = path.join(dir, `scores-${tag}.json`);
  const rd = cli(['dispatch', '--month', '2023-08', '--out', d], env);
  expect(rd.stderr).toBe('');
  expect(rd.status).toBe(0);
  const rs = cli(['scores', '--month', '2023-12', '--out', s], env);
  expect(rs.stderr).toBe('');
  expect(rs.status).toBe(0);
  return { dispatch: fs.readFileSync(d), scores: fs.readFileSync(s) };
}

function dispatchBytes(env: Env, dir: string, tag: string): Buffer {
  const d = path.join(dir, `dispatch-${tag}.json`);
  expect(cli(['dispatch', '--month', '2023-08', '--out', d], env).status).toBe(0);
  return fs.readFileSync(d);
}

/** One enforcement hazard of 城区 reported by the public instead: moves A3–A6 of the 2023-08 dispatch. */
function changeLedger(env: Env): void {
  const bundle = copySampleWith('hazards.csv', (r) => (r.ledger_no === 'JC-140502-2023-0001' ? { ...r, source: 'public_report' } : r));
  try {
    const r = cli(['import', bundle], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/hazards\.csv: 0 new, 1 corrected/);
  } finally {
    fs.rmSync(bundle, { recursive: true, force: true });
  }
}

/** A copy of `file` with bytes overwritten in the middle, and one cut short (each with file.sha256, if any). */
function damagedCopies(file: string, dir: string): { corrupt: string; truncated: string } {
  const bytes = fs.readFileSync(file);
  const corrupt = Buffer.from(bytes);
  const at = Math.floor(corrupt.length * 0.6);
  for (let i = 0; i < 16; i++) corrupt[at + i] ^= 0xff;
  const truncated = bytes.subarray(0, Math.floor(bytes.length / 2));
  fs.writeFileSync(path.join(dir, 'corrupt.bak'), corrupt);
  fs.writeFileSync(path.join(dir, 'truncated.bak'), truncated);
  if (fs.existsSync(`${file}.sha256`)) {
    for (const name of ['corrupt.bak', 'truncated.bak']) fs.copyFileSync(`${file}.sha256`, path.join(dir, `${name}.sha256`));
  }
  return { corrupt: path.join(dir, 'corrupt.bak'), truncated: path.join(dir, 'truncated.bak') };
}

// the PostgreSQL half checks that it refuses the embedded half's archive, kept here until the end
const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-backup-shared-'));
let embeddedArchive: string | undefined;

/** Starts `restore --from FILE` and SIGKILLs it as soon as its new generation folder appears in DATA_DIR. */
async function killRestoreMidway(dataDir: string, file: string): Promise<{ killedInFolder: string; signal: string | null }> {
  const before = new Set(fs.readdirSync(dataDir));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.resolve('dist/api/src/cli/main.js'), 'restore', '--from', file], { env, stdio: 'ignore' });
  const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let staged: string | undefined;
  while (!staged && child.exitCode === null) {
    staged = fs.readdirSync(dataDir).find((f) => f.startsWith('pgdata-') && !before.has(f));
    if (!staged) await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  return { killedInFolder: staged ?? '', signal: await exited };
}
afterAll(() => fs.rmSync(shared, { recursive: true, force: true }));


describeWith([], 'backup and restore on the embedded folder', () => {
  let tmp: string;
  let env: Env;
  let original: { dispatch: Buffer; scores: Buffer };
  let archive: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-backup-'));
    env = { DATA_DIR: path.join(tmp, 'data') };
    archive = path.join(tmp, 'ledger.backup');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('restores the figures of the backup byte for byte after the ledger changed', () => {
    expect(cli(['import', SAMPLE_BUNDLE], env).status).toBe(0);
    original = figures(env, tmp, 'original');

    const b = cli(['backup', '--out', archive], env);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/^backup written: .*\(embedded, \d+ bytes, ledger version \d+:true, \d+ tables, \d+ rows, payload sha256 [0-9a-f]{64}\)/);
    const again = cli(['backup', '--out', archive], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists; .*--force/);
    embeddedArchive = path.join(shared, 'embedded.backup');
    fs.copyFileSync(archive, embeddedArchive);

    changeLedger(env);
    const changed = dispatchBytes(env, tmp, 'changed');
    expect(changed.equals(original.dispatch)).toBe(false);

    const r = cli(['restore', '--from', archive], env);
    // the restore's only words on stderr are its security-log line (JSON, for the log collector)
    expect(securityEvents(r.stderr)).toEqual(['backup.restored']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^restored .* into DATA_DIR /);
    const restored = figures(env, tmp, 'restored');
    expect(restored.dispatch.equals(original.dispatch)).toBe(true);
    expect(restored.scores.equals(original.scores)).toBe(true);
    console.log(`backup round trip (embedded): dispatch 2023-08 equal after restore (${restored.dispatch.length} bytes), scores 2023-12 equal (${restored.scores.length} bytes); archive ${fs.statSync(archive).size} bytes; the change had made dispatch differ (${changed.length} bytes)`);
  }, SLOW);

  it('refuses a corrupted and a truncated archive, naming the damage, survives a kill midway, and leaves the data unchanged', async () => {
    changeLedger(env); // a state different from the archive's, so an accidental restore would show
    const before = dispatchBytes(env, tmp, 'before-damaged');
    const current = fs.readFileSync(path.join(env.DATA_DIR, 'CURRENT'), 'utf8');
    const { corrupt, truncated } = damagedCopies(archive, tmp);

    const c = cli(['restore', '--from', corrupt], env);
    expect(c.status).toBe(1);
    expect(c.stderr).toMatch(/is damaged: .*checksum mismatch.*Nothing was changed/);
    const t = cli(['restore', '--from', truncated], env);
    expect(t.status).toBe(1);
    expect(t.stderr).toMatch(/is damaged: it is truncated/);

    expect(fs.readFileSync(path.join(env.DATA_DIR, 'CURRENT'), 'utf8')).toBe(current);
    expect(fs.readdirSync(env.DATA_DIR).filter((f) => f.startsWith('pgdata-'))).toEqual([current]);

    // a restore killed while it unpacks: CURRENT still names the previous generation
    const killed = await killRestoreMidway(env.DATA_DIR, archive);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.killedInFolder).toMatch(/^pgdata-/);
    expect(fs.readFileSync(path.join(env.DATA_DIR, 'CURRENT'), 'utf8')).toBe(current);

    const after = dispatchBytes(env, tmp, 'after-damaged');
    expect(after.equals(before)).toBe(true);
    expect(after.equals(original.dispatch)).toBe(false);
    // the next command removed the killed restore's half-unpacked folder
    expect(fs.readdirSync(env.DATA_DIR).filter((f) => f.startsWith('pgdata-'))).toEqual([current]);
    console.log(`backup refusals (embedded): corrupt and truncated archives refused, a restore killed midway (in ${killed.killedInFolder}) left CURRENT as it was; dispatch 2023-08 unchanged (${after.length} bytes)`);
  }, SLOW);

  it('refuses a PostgreSQL dump, an unknown file, and a DATA_DIR held by a running server', () => {
    const dump = path.join(tmp, 'other.dump');
    fs.writeFileSync(dump, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(2000, 1)]));
    const p = cli(['restore', '--from', dump], env);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/is a PostgreSQL backup .*set DATABASE_URL/);

    const junk = path.join(tmp, 'junk.bak');
    fs.writeFileSync(junk, 'not a backup\n');
    const j = cli(['restore', '--from', junk], env);
    expect(j.status).toBe(1);
    expect(j.stderr).toMatch(/is not a backup made by/);

    // a live process (this jest worker's parent) owns the lock, as the server would
    fs.writeFileSync(path.join(env.DATA_DIR, 'LOCK'), String(process.ppid));
    try {
      for (const args of [['backup', '--out', path.join(tmp, 'while-held.backup')], ['restore', '--from', archive]]) {
        const r = cli(args, env);
        expect(r.status).toBe(3);
        expect(r.stderr).toMatch(new RegExp(`process ${process.ppid} \\(usually the server\\).*Stop the server`));
      }
      expect(fs.existsSync(path.join(tmp, 'while-held.backup'))).toBe(false);
    } finally {
      fs.rmSync(path.join(env.DATA_DIR, 'LOCK'));
    }
  }, SLOW);
});

describeWith(['postgres'], 'backup and restore on PostgreSQL', () => {
  let t: TestDatabase;
  let tmp: string;
  let env: Env;
  let original: { dispatch: Buffer; scores: Buffer };
  let dump: string;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-backup-pg-'));
    env = { DATABASE_URL: t.url! };
    dump = path.join(tmp, 'ledger.dump');
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('restores the figures of the backup byte for byte after the ledger changed', () => {
    expect(cli(['import', SAMPLE_BUNDLE], env).status).toBe(0);
    original = figures(env, tmp, 'original');

    const b = cli(['backup', '--out', dump], env);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/pg_dump custom format, \d+ bytes; sha256 in /);
    expect(fs.readFileSync(dump).subarray(0, 5).toString('latin1')).toBe('PGDMP');

    changeLedger(env);
    const changed = dispatchBytes(env, tmp, 'changed');
    expect(changed.equals(original.dispatch)).toBe(false);

    const r = cli(['restore', '--from', dump], env);
    // the restore's only words on stderr are its security-log line (JSON, for the log collector)
    expect(securityEvents(r.stderr)).toEqual(['backup.restored']);
    expect(r.status).toBe(0);
    const restored = figures(env, tmp, 'restored');
    expect(restored.dispatch.equals(original.dispatch)).toBe(true);
    expect(restored.scores.equals(original.scores)).toBe(true);
    console.log(`backup round trip (postgres): dispatch 2023-08 equal after restore (${restored.dispatch.length} bytes), scores 2023-12 equal (${restored.scores.length} bytes); dump ${fs.statSync(dump).size} bytes`);
  }, SLOW);

  it('moves the ledger version past its value before the restore, so a running server reloads', async () => {
    const [{ v }] = await t.db.dataSource.query(`SELECT last_value::text AS v FROM ledger_version`);
    changeLedger(env);
    const [{ v: changed }] = await t.db.dataSource.query(`SELECT last_value::text AS v FROM ledger_version`);
    expect(BigInt(changed)).toBeGreaterThan(BigInt(v));
    expect(cli(['restore', '--from', dump], env).status).toBe(0);
    const [{ v: restored }] = await t.db.dataSource.query(`SELECT last_value::text AS v FROM ledger_version`);
    expect(BigInt(restored)).toBeGreaterThan(BigInt(changed));
  }, SLOW);

  it('refuses a corrupted and a truncated dump and leaves the data unchanged', () => {
    changeLedger(env);
    const before = dispatchBytes(env, tmp, 'before-damaged');
    expect(before.equals(original.dispatch)).toBe(false);
    expect(fs.existsSync(`${dump}.sha256`)).toBe(true);
    const { corrupt, truncated } = damagedCopies(dump, tmp);
    for (const file of [corrupt, truncated]) {
      const r = cli(['restore', '--from', file], env);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/is damaged \(truncated or corrupt\): .*checksum mismatch.*Nothing was changed/);
    }
    // without the .sha256 beside it: refused by the read to the end, or rolled back by the server
    for (const file of [corrupt, truncated]) {
      fs.rmSync(`${file}.sha256`);
      const r = cli(['restore', '--from', file], env);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/is damaged|not readable by pg_restore|rolled back: the database is as it was before/);
    }
    const after = dispatchBytes(env, tmp, 'after-damaged');
    expect(after.equals(before)).toBe(true);
    console.log(`backup refusals (postgres): corrupt and truncated dumps refused with and without .sha256; dispatch 2023-08 unchanged (${after.length} bytes)`);
  }, SLOW);

  it('rolls back a restore that fails midway: the database stays as it was', async () => {
    // a view that depends on hazards makes pg_restore's DROP TABLE hazards fail after earlier drops ran
    await t.db.dataSource.query(`CREATE VIEW backup_test_blocker AS SELECT count(*) AS n FROM hazards`);
    try {
      const before = dispatchBytes(env, tmp, 'before-rollback');
      const r = cli(['restore', '--from', dump], env);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/rolled back: the database is as it was before/);
      expect(dispatchBytes(env, tmp, 'after-rollback').equals(before)).toBe(true);
    } finally {
      await t.db.dataSource.query(`DROP VIEW IF EXISTS backup_test_blocker`);
    }
    expect(cli(['restore', '--from', dump], env).status).toBe(0);
    expect(dispatchBytes(env, tmp, 'after-retry').equals(original.dispatch)).toBe(true);
  }, SLOW);

  it('refuses the embedded archive, an existing output without --force, and a pg_dump older than the server', () => {
    expect(embeddedArchive).toBeDefined();
    const e = cli(['restore', '--from', embeddedArchive!], env);
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/is a backup of the embedded database .*restore it without DATABASE_URL/);
    const intoEmbedded = cli(['restore', '--from', dump], { DATA_DIR: path.join(tmp, 'embedded') });
    expect(intoEmbedded.status).toBe(1);
    expect(intoEmbedded.stderr).toMatch(/is a PostgreSQL backup/);

    const exists = cli(['backup', '--out', dump], env);
    expect(exists.status).toBe(1);
    expect(exists.stderr).toMatch(/already exists; .*--force/);
    const forced = cli(['backup', '--out', dump, '--force'], env);
    expect(forced.status).toBe(0);

    const bin = fs.mkdtempSync(path.join(tmp, 'bin-'));
    fs.writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', { mode: 0o755 });
    const out = path.join(tmp, 'old-client.dump');
    const old = cli(['backup', '--out', out], { ...env, PATH: `${bin}:${process.env.PATH}` });
    expect(old.status).toBe(1);
    expect(old.stderr).toMatch(/pg_dump 9 cannot back up PostgreSQL 1\d.*Install postgresql-client-1\d/);
    expect(fs.existsSync(out)).toBe(false);
  }, SLOW);
});
