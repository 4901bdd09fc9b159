import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { copyThroughCsv, type CsvCopyOptions } from '../../analytics/src/ledger-csv.js';
import { copyTables, copyThroughCursor, LEDGER_TABLES, sharedSnapshotClient } from '../../analytics/src/ledger-loader.js';
import { copyCapableClient } from '../../analytics/src/pg-copy.js';
import { sqlFile } from '../../analytics/src/sql-files.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { loadSample } from '../support/load-sample.js';
import { describeWith } from '../support/requires.js';

// The COPY path of the analytics copy (CSV read by DuckDB) must give exactly what the cursor path gives:
// every table, every column, every row, with text that CSV finds awkward, NULLs beside empty strings,
// exact decimals, dates far from today, bigint ids and lists.
const AWKWARD = ['逗号,引号"双""', '换行\n第二行', 'CR\r\nLF', '反斜杠\\N', '\\N', 'tab\there', ' 前后空格 ', '[1,2]', '{a,b}', 'null', 'NULL', '""'];

const LISTS: (string | null)[][] = [['甲', null], ['NULL'], ['null', 'Null'], ['[x', 'y]'], ['{x}'], ['a b'], ['单'], [null], ['x\\y']];

async function duck(): Promise<DuckDBConnection> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(sqlFile('schema.sql'));
  return conn;
}

async function contents(conn: DuckDBConnection, table: string): Promise<string> {
  const r = await conn.runAndReadAll(`SELECT * FROM ${table} ORDER BY ALL`);
  return JSON.stringify(r.getRowsJson());
}

describeWith(['postgres'], 'ledger copy into DuckDB through COPY', () => {
  let t: TestDatabase;
  let ent: string;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    await loadSample(t.db.dataSource);
    const q = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
    const [{ code: county }] = await q(`SELECT code FROM units WHERE level = 'county' ORDER BY code LIMIT 1`);
    [{ credit_code: ent }] = await q(`SELECT credit_code FROM enterprises ORDER BY credit_code LIMIT 1`);
    for (const [i, text] of AWKWARD.entries()) {
      await q(`INSERT INTO units VALUES ($1, $2, 'zone', NULL)`, [`X${i}`, text]);
      await q(`INSERT INTO leaders VALUES ($1, $2, 'member')`, [county, text]);
      await q(`INSERT INTO inspections VALUES ($1, $2, $3, $4, $5, 0, NULL)`, [`awk-${i}`, county, ent, '1900-02-28', [text, `${text};second`, '']]);
      await q(`INSERT INTO hazards (ledger_no, enterprise_credit_code, unit_code, source, found_on, description, category, funds_wan)
        VALUES ($1, $2, $3, 'self_check', '2099-12-31', $4, $5, $6)`, [`H-awk-${i}`, ent, county, text, i % 2 ? '' : null, i % 2 ? '999999999999.99' : '0.01']);
    }
    // lists whose array text needs no quotes (sent as {a,b}) beside ones that do (sent as JSON): a NULL
    // element, the word NULL, text that starts like JSON, braces, one element
    for (const [i, list] of LISTS.entries()) {
      await q(`INSERT INTO inspections VALUES ($1, $2, $3, '2023-06-01', $4, 0, NULL)`, [`list-${i}`, county, ent, list]);
    }
    // char(18) shorter than 18: PostgreSQL writes it padded, the copy holds it without the padding
    await q(`INSERT INTO enterprises (credit_code, name, unit_code, industry, risk_level, high_risk, parent_credit_code)
      VALUES ('PAD-1', 'padded', $1, 'other', 'general', true, $2)`, [county, ent]);
    // an empty string beside a NULL in the same column
    await q(`UPDATE enterprises SET main_leader = '' WHERE credit_code = $1`, [ent]);
    await q(`INSERT INTO leader_inspections (id, unit_code, leader_name, inspected_on) VALUES (9007199254740993, $1, $2, '2023-06-01')`, [county, AWKWARD[0]]);
    // sessions that write dates day first, in a time zone far from Asia/Shanghai: the copy must not care
    await q(`ALTER DATABASE ${new URL(t.url!).pathname.slice(1)} SET DateStyle TO 'SQL, DMY'`);
    await q(`ALTER DATABASE ${new URL(t.url!).pathname.slice(1)} SET timezone TO 'America/Los_Angeles'`);
    await t.db.dataSource.destroy();
    await t.db.dataSource.initialize();
    expect(await q(`SELECT '2023-06-01'::date::text AS d`)).toEqual([{ d: '01/06/2023' }]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('finds a COPY-capable client on PostgreSQL', async () => {
    expect(await t.db.dataSource.transaction((m) => copyCapableClient(m))).toBeDefined();
  });

  it('gives the same tables as the cursor, awkward text, NULLs and exact numbers included', async () => {
    const fast = await duck();
    const slow = await duck();
    const copied = await copyTables(t.db.dataSource, fast, LEDGER_TABLES);
    const cursored = await t.db.dataSource.transaction('REPEATABLE READ', (m) => copyThroughCursor(m, slow, LEDGER_TABLES));
    expect(copied).toBe(cursored);
    const [{ n }] = await t.db.dataSource.query(`SELECT (${LEDGER_TABLES.map((x) => `(SELECT count(*) FROM ${x})`).join(' + ')})::int AS n`);
    expect(copied).toBe(n);
    for (const table of LEDGER_TABLES) expect([table, await contents(fast, table)]).toEqual([table, await contents(slow, table)]);

    // and what both hold is the ledger's text, not something both paths got wrong the same way
    const names = await fast.runAndReadAll(`SELECT name FROM units WHERE code LIKE 'X%' ORDER BY code`);
    expect(names.getRows().map((r) => r[0]).sort()).toEqual([...AWKWARD].sort());
    const signers = await fast.runAndReadAll(`SELECT signed_by FROM inspections WHERE inspection_id = 'awk-1'`);
    expect(signers.getRowsJson()[0][0]).toEqual([AWKWARD[1], `${AWKWARD[1]};second`, '']);
    const lists = await fast.runAndReadAll(`SELECT signed_by FROM inspections WHERE inspection_id LIKE 'list-%' ORDER BY inspection_id`);
    expect(lists.getRowsJson().map((r) => r[0])).toEqual(LISTS);
    const hazards = await fast.runAndReadAll(`SELECT CAST(funds_wan AS VARCHAR), CAST(found_on AS VARCHAR), category FROM hazards WHERE ledger_no IN ('H-awk-0', 'H-awk-1') ORDER BY ledger_no`);
    expect(hazards.getRows()).toEqual([['0.01', '2099-12-31', null], ['999999999999.99', '2099-12-31', '']]);
    const leaders = await fast.runAndReadAll(`SELECT count(*) FILTER (WHERE main_leader = ''), count(*) FILTER (WHERE main_leader IS NULL) FROM enterprises`);
    expect(leaders.getRows()[0][0]).toBe(1n);
    const id = await fast.runAndReadAll(`SELECT id FROM leader_inspections WHERE id > 9007199254740992`);
    expect(id.getRows()).toEqual([[9007199254740993n]]);
    const day = await fast.runAndReadAll(`SELECT CAST(inspected_on AS VARCHAR) FROM inspections WHERE inspection_id = 'awk-0'`);
    expect(day.getRows()).toEqual([['1900-02-28']]);
    const padded = await fast.runAndReadAll(`SELECT credit_code, parent_credit_code FROM enterprises WHERE name = 'padded'`);
    expect(padded.getRows()).toEqual([['PAD-1', ent]]);
  });

  /** The COPY path with its pieces and streams set, in one DuckDB transaction, with TMPDIR set to `tmp`. */
  async function copyInPieces(conn: DuckDBConnection, o: CsvCopyOptions, tmp: string): Promise<number> {
    const ds = t.db.dataSource;
    const was = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    await conn.run('BEGIN TRANSACTION');
    try {
      const rows = await ds.transaction('REPEATABLE READ', async (m) => {
        const client = (await copyCapableClient(m))!;
        return copyThroughCsv(client, conn, LEDGER_TABLES, () => sharedSnapshotClient(ds, client), o);
      });
      await conn.run('COMMIT');
      return rows;
    } catch (e) {
      await conn.run('ROLLBACK');
      throw e;
    } finally {
      process.env.TMPDIR = was;
    }
  }

  it('gives the same rows in the same order when tables go in ranges of pages over several connections', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-copy-test-'));
    const pieces = await duck();
    const slow = await duck();
    const [{ pages }] = await t.db.dataSource.query(`SELECT (pg_relation_size('inspections') / current_setting('block_size')::int)::int AS pages`);
    expect(pages).toBeGreaterThan(1); // so that one-page pieces really cut the table
    const copied = await copyInPieces(pieces, { piecePages: 1, streams: 3 }, tmp);
    const cursored = await t.db.dataSource.transaction('REPEATABLE READ', (m) => copyThroughCursor(m, slow, LEDGER_TABLES));
    expect(copied).toBe(cursored);
    for (const table of LEDGER_TABLES) {
      // no ORDER BY: the order the rows were added in, PostgreSQL's heap order on both paths
      const rows = async (c: DuckDBConnection) => JSON.stringify((await c.runAndReadAll(`SELECT * FROM ${table}`)).getRowsJson());
      expect([table, await rows(pieces)]).toEqual([table, await rows(slow)]);
    }
    expect(fs.readdirSync(tmp)).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves the old copy, no temporary file and no connection behind when DuckDB fails on a middle piece', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-copy-test-'));
    const conn = await duck();
    await copyInPieces(conn, { piecePages: 1, streams: 2 }, tmp);
    const before = await contents(conn, 'inspections');
    // signers that are not numbers: DuckDB's cast fails on the pieces that hold them, after others loaded
    await conn.run(`ALTER TABLE inspections ALTER signed_by TYPE INTEGER[] USING NULL`);
    await expect(copyInPieces(conn, { piecePages: 1, streams: 2 }, tmp)).rejects.toThrow(/INTEGER|int32/i);
    expect(fs.readdirSync(tmp)).toEqual([]);
    const pool = (t.db.dataSource.driver as unknown as { master: pg.Pool }).master;
    expect(pool.totalCount).toBeGreaterThan(1);
    expect(pool.idleCount).toBe(pool.totalCount);
    await conn.run(`ALTER TABLE inspections ALTER signed_by TYPE VARCHAR[] USING NULL`);
    await conn.run(`DELETE FROM inspections`);
    // and another copy on two streams gives the same rows
    await copyInPieces(conn, { piecePages: 1, streams: 2 }, tmp);
    expect(await contents(conn, 'inspections')).toBe(before);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('keeps the old copy when the COPY path fails part-way', async () => {
    const conn = await duck();
    await copyTables(t.db.dataSource, conn, LEDGER_TABLES);
    const before = await contents(conn, 'hazards');
    // the ledger moves on, then the reload fails at its last table, after hazards were replaced
    await t.db.dataSource.query(`UPDATE hazards SET description = 'changed' WHERE ledger_no = 'H-awk-0'`);
    const submissions = (period: string) => `DROP TABLE submissions;
      CREATE TABLE submissions (id BIGINT, unit_code VARCHAR, kind VARCHAR, period ${period}, submitted_on DATE)`;
    await conn.run(submissions('INTEGER'));
    await expect(copyTables(t.db.dataSource, conn, LEDGER_TABLES)).rejects.toThrow(/integer/);
    expect(await contents(conn, 'hazards')).toBe(before);
    await conn.run(submissions('VARCHAR'));
    await copyTables(t.db.dataSource, conn, LEDGER_TABLES);
    expect(await contents(conn, 'hazards')).not.toBe(before);
  });
});
