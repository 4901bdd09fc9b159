import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DuckDBInstance } from '@duckdb/node-api';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import { keptFiguresKey } from '../../analytics/src/kept-figures.js';
import { LEDGER_TABLES } from '../../analytics/src/ledger-loader.js';
import { freshDatabase, type Engine, type TestDatabase } from '../support/databases.js';
import { COPY_ASSIGNED, COPY_HAZARD, COPY_MONTHS, copyFigures, wholeCopyFigures } from '../support/copy-figures.js';
import { loadSample } from '../support/load-sample.js';
import { describeWith } from '../support/requires.js';

// The analytics copy kept in a DuckDB file: a new engine on the file replays what changed while it was
// closed and then gives the figures of a copy loaded whole; a file it cannot trust (another database,
// other definitions, unreadable, a write cut short) is loaded whole instead, never used as it is.
const MONTHS = COPY_MONTHS;
const HAZARD = COPY_HAZARD;
const ASSIGNED = COPY_ASSIGNED;
const figures = copyFigures;

/** Opens an engine on `file`, refreshes it from `t`, hands back what the refresh did, the figures and the log. */
async function start(file: string, t: TestDatabase) {
  const log: string[] = [];
  const engine = await AnalyticsEngine.create({ file, log: (m) => log.push(m) });
  try {
    const r = await engine.refresh(t.db.dataSource);
    return { r, figures: await figures(engine), log };
  } finally {
    await engine.close();
  }
}

function suite(kind: Engine) {
  let t: TestDatabase;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    await loadSample(t.db.dataSource);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-persisted-'));
    file = path.join(dir, 'copy.duckdb');
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads whole into a new file, then a restart replays only what changed while it was down', async () => {
    const first = await start(file, t);
    expect(first.r.reloaded).toEqual([...LEDGER_TABLES]);
    expect(first.figures).toEqual(await wholeCopyFigures(t));

    const unchanged = await start(file, t);
    expect(unchanged.r.reloaded).toEqual([]);
    expect(unchanged.r.replaced).toEqual({});
    expect(unchanged.figures).toEqual(first.figures);

    const ds = t.db.dataSource;
    await ds.query(`UPDATE hazards SET rectified_on = '2023-07-01' WHERE ledger_no = $1`, [HAZARD]);
    await ds.query(`INSERT INTO feedback (hazard_ledger_no, feedback_on, document_no, progress) VALUES ($1, '2023-06-02', '泽环反馈〔2023〕1号', '整改中')`, [ASSIGNED]);
    const restarted = await start(file, t);
    expect(restarted.r.reloaded).toEqual([]);
    expect(restarted.r.replaced).toEqual({ hazards: 1, feedback: 1 });
    expect(restarted.figures).not.toEqual(first.figures); // the change moved 泽州县's figures
    expect(restarted.figures).toEqual(await wholeCopyFigures(t));
    expect(restarted.log).toEqual([]);

    // and the replayed snapshot was kept: the next start has nothing to apply
    expect((await start(file, t)).r.replaced).toEqual({});
  });

  it('loads whole when the file was read from another database', async () => {
    const other = await freshDatabase(kind);
    try {
      await loadSample(other.db.dataSource);
      await other.db.dataSource.query(`DELETE FROM feedback WHERE hazard_ledger_no = $1`, [ASSIGNED]);
      const s = await start(file, other);
      expect(s.r.reloaded).toEqual([...LEDGER_TABLES]);
      expect(s.log.join('\n')).toMatch(/another database/);
      expect(s.figures).toEqual(await wholeCopyFigures(other));
    } finally {
      await other.drop();
    }
    // back on the first database: the file now holds the other one's copy, which is not used either
    const back = await start(file, t);
    expect(back.r.reloaded).toEqual([...LEDGER_TABLES]);
    expect(back.figures).toEqual(await wholeCopyFigures(t));
  });

  it('loads whole when the ledger tables were made again (a restore writes rows no change note records)', async () => {
    await start(file, t);
    const ds = t.db.dataSource;
    const notes = async () => (await ds.query(`SELECT count(*)::int AS n FROM ledger_changes WHERE table_name = 'drills'`))[0].n as number;
    const noted = await notes();
    // what pg_restore --clean does to a table: dropped, made again, filled before its triggers exist
    await ds.transaction(async (m) => {
      await m.query(`CREATE TABLE drills_restored (LIKE drills INCLUDING ALL)`);
      await m.query(`INSERT INTO drills_restored SELECT * FROM drills WHERE id % 2 = 0`);
      await m.query(`ALTER TABLE drills RENAME TO drills_gone`);
      await m.query(`ALTER TABLE drills_restored RENAME TO drills`);
      await m.query(`DROP TABLE drills_gone CASCADE`);
    });
    expect(await notes()).toBe(noted); // nothing for a replay to find
    const s = await start(file, t);
    expect(s.log.join('\n')).toMatch(/another database/);
    expect(s.r.reloaded).toEqual([...LEDGER_TABLES]);
    expect(s.figures).toEqual(await wholeCopyFigures(t));
  });

  it('makes the file anew when it was built by other definitions', async () => {
    await start(file, t);
    const instance = await DuckDBInstance.create(file);
    const conn = await instance.connect();
    await conn.run(`UPDATE analytics_copy SET version = 'an older release'`);
    // a table of the older definitions that the new ones do not have: gone with the file
    await conn.run(`CREATE TABLE left_over (x INTEGER)`);
    conn.closeSync();
    instance.closeSync();
    const s = await start(file, t);
    expect(s.log.join('\n')).toMatch(/other definitions/);
    expect(s.r.reloaded).toEqual([...LEDGER_TABLES]);
    expect(s.figures).toEqual(await wholeCopyFigures(t));
    const check = await DuckDBInstance.create(file);
    const c = await check.connect();
    expect((await c.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'left_over'`)).getRows()[0][0]).toBe(0n);
    c.closeSync();
    check.closeSync();
  });

  it('makes the file anew when it cannot be read (overwritten, cut short)', async () => {
    await start(file, t);
    const size = fs.statSync(file).size;
    fs.truncateSync(file, Math.floor(size / 3));
    const cut = await start(file, t);
    expect(cut.log.join('\n')).toMatch(/made anew/);
    expect(cut.r.reloaded).toEqual([...LEDGER_TABLES]);
    expect(cut.figures).toEqual(await wholeCopyFigures(t));

    fs.writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a));
    const garbage = await start(file, t);
    expect(garbage.log.join('\n')).toMatch(/cannot be read/);
    expect(garbage.r.reloaded).toEqual([...LEDGER_TABLES]);
    expect(garbage.figures).toEqual(await wholeCopyFigures(t));
  });

  it('keeps the last committed copy when a process dies in the middle of writing one', async () => {
    await start(file, t);
    // a process that starts replacing the copy, with a marker for a snapshot it never reached, and is
    // killed before its commit: what a crash in the middle of a load leaves in the file
    const script = `
      import { DuckDBInstance } from '@duckdb/node-api';
      const instance = await DuckDBInstance.create(process.argv[1]);
      const conn = await instance.connect();
      await conn.run('BEGIN TRANSACTION');
      await conn.run('DELETE FROM hazards');
      await conn.run(\`INSERT INTO inspections SELECT 'junk-' || i, unit_code, enterprise_credit_code, inspected_on, signed_by, 9, NULL
        FROM inspections, range(200) r(i)\`);
      await conn.run(\`UPDATE analytics_copy SET snapshot = '1:1:'\`);
      process.kill(process.pid, 'SIGKILL');`;
    const killed = spawnSync(process.execPath, ['--input-type=module', '-e', script, file], { cwd: process.cwd(), encoding: 'utf8' });
    expect(killed.signal).toBe('SIGKILL');
    const s = await start(file, t);
    expect(s.log).toEqual([]);
    expect(s.r.reloaded).toEqual([]);
    expect(s.figures).toEqual(await wholeCopyFigures(t));
  });

  it('loads whole when its snapshot is ahead of the database (a database restored from an older backup)', async () => {
    await start(file, t);
    const instance = await DuckDBInstance.create(file);
    const conn = await instance.connect();
    await conn.run(`UPDATE analytics_copy SET snapshot = '99999999:99999999:'`);
    conn.closeSync();
    instance.closeSync();
    const s = await start(file, t);
    expect(s.log.join('\n')).toMatch(/ahead of the database/);
    expect(s.r.reloaded).toEqual([...LEDGER_TABLES]);
    expect(s.figures).toEqual(await wholeCopyFigures(t));
  });

  it('leaves the file alone while another process holds it', async () => {
    await start(file, t);
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      import { DuckDBInstance } from '@duckdb/node-api';
      const instance = await DuckDBInstance.create(process.argv[1]);
      console.log('open');
      setTimeout(() => instance.closeSync(), 60000);`, file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('open')) resolve(); });
        holder.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
      });
      const size = fs.statSync(file).size;
      await expect(AnalyticsEngine.create({ file })).rejects.toThrow(/lock/i);
      expect(fs.statSync(file).size).toBe(size);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    expect((await start(file, t)).r.reloaded).toEqual([]);
  });

  it('serves the figures it kept while the ledger has not changed, and never after a change or for another scheme', async () => {
    const months = ['2023-08', '2023-12'];
    const key = keptFiguresKey(months, DEFAULT_SCHEME, 'default');
    const engine = await AnalyticsEngine.create({ file });
    let computed: unknown;
    try {
      await engine.refresh(t.db.dataSource);
      computed = await engine.figures(months, DEFAULT_SCHEME, 'default');
      await engine.keepFigures(key, computed as Awaited<ReturnType<AnalyticsEngine['figures']>>);
      // checkpointed after they were written (in the background), not by the commit of a later edit's refresh
      await engine.settled();
      expect(fs.existsSync(`${file}.wal`) ? fs.statSync(`${file}.wal`).size : 0).toBe(0);
    } finally {
      await engine.close();
    }
    const kept = async (k: string) => {
      const again = await AnalyticsEngine.create({ file });
      try {
        await again.refresh(t.db.dataSource);
        return await again.keptFigures(t.db.dataSource, k);
      } finally {
        await again.close();
      }
    };
    // a restart with nothing written: the kept figures, equal to those computed (a JSON round trip loses nothing)
    expect(await kept(key)).toEqual(computed);
    // another scheme's parameters, or other months: not these figures
    expect(await kept(keptFiguresKey(months, { ...DEFAULT_SCHEME, emptyRatio: 0 }, 'default'))).toBeUndefined();
    expect(await kept(keptFiguresKey(['2023-08'], DEFAULT_SCHEME, 'default'))).toBeUndefined();
    // a write to the ledger after they were computed: computed again
    await t.db.dataSource.query(`UPDATE hazards SET rectified_on = NULL WHERE ledger_no = $1`, [HAZARD]);
    expect(await kept(key)).toBeUndefined();
    // a copy in memory keeps nothing
    const memory = await AnalyticsEngine.create();
    try {
      await memory.refresh(t.db.dataSource);
      await memory.keepFigures(key, computed as Awaited<ReturnType<AnalyticsEngine['figures']>>);
      expect(await memory.keptFigures(t.db.dataSource, key)).toBeUndefined();
    } finally {
      await memory.close();
    }
  });

  it('abandons figures whose signal aborts (background work a refresh makes useless), and computes them whole after', async () => {
    const months = ['2023-08', '2023-12'];
    const engine = await AnalyticsEngine.create({ file });
    try {
      await engine.refresh(t.db.dataSource);
      const whole = await engine.figures(months, DEFAULT_SCHEME, 'default');
      const before = new AbortController();
      before.abort();
      await expect(engine.figures(months, DEFAULT_SCHEME, 'default', before.signal)).rejects.toThrow();
      const during = new AbortController();
      const running = engine.figures(months, DEFAULT_SCHEME, 'default', during.signal);
      setTimeout(() => during.abort(), 5);
      await expect(running).rejects.toThrow();
      // the connection interrupted is whole again, and so are the figures
      expect(await engine.figures(months, DEFAULT_SCHEME, 'default')).toEqual(whole);
      expect(await engine.figures(months, DEFAULT_SCHEME, 'default')).toEqual(whole);
    } finally {
      await engine.close();
    }
  });
}

describe('persisted analytics copy (embedded)', () => suite('embedded'));

describeWith(['postgres'], 'persisted analytics copy (PostgreSQL)', () => suite('postgres'));
