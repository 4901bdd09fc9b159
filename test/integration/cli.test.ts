import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { cli } from '../support/cli.js';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { expectedFile, sixPlaces } from '../support/expected.js';
import { copyBundle, removeBundle, setCell } from '../support/bundles.js';

const expected = (kind: 'dispatch' | 'scores', month: string) => expectedFile(kind, month);

describeWith([], 'command-line contract on the embedded folder', () => {
  let tmp: string;
  let env: Record<string, string>;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-cli-'));
    env = { DATA_DIR: path.join(tmp, 'data') };
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('imports the sample and writes the dispatch and scores JSON of the spec', () => {
    const r = cli(['import', SAMPLE_BUNDLE], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(cli(['dispatch', '--month', '2023-08', '--out', path.join(tmp, 'd.json')], env).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'd.json'), 'utf8'))).toEqual(expected('dispatch', '2023-08'));
    expect(cli(['scores', '--month', '2023-12', '--out', path.join(tmp, 's.json')], env).status).toBe(0);
    expect(sixPlaces(JSON.parse(fs.readFileSync(path.join(tmp, 's.json'), 'utf8')))).toEqual(expected('scores', '2023-12'));
  });

  it('prints readable tables with the Chinese item labels without --out', () => {
    const d = cli(['dispatch', '--month', '2023-08'], env);
    expect(d.status).toBe(0);
    expect(d.stdout).toContain('部门执法检查发现重大事故隐患');
    expect(d.stdout).toContain('全市');
    const s = cli(['scores', '--month', '2023-12'], env);
    expect(s.stdout).toMatch(/1\s+城区\s+73\.66/);
  });

  it('refuses a bundle with a wrong check digit, an impossible date and an unknown enterprise, naming each line, and writes nothing', () => {
    const before = fs.readFileSync(path.join(env.DATA_DIR, 'CURRENT'), 'utf8');
    const bad = copyBundle();
    try {
      setCell(bad, 'enterprises.csv', 2, 'credit_code', '91140502L12TH3BJ3A');
      setCell(bad, 'hazards.csv', 3, 'found_on', '2023-02-30');
      setCell(bad, 'drills.csv', 2, 'enterprise_credit_code', '91140502MA0000000X');
      const r = cli(['import', bad], env);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^enterprises\.csv:2: credit_code: .*check digit/m);
      expect(r.stderr).toMatch(/^hazards\.csv:3: found_on: /m);
      expect(r.stderr).toMatch(/^drills\.csv:2: enterprise_credit_code: /m);
    } finally {
      removeBundle(bad);
    }
    expect(fs.readFileSync(path.join(env.DATA_DIR, 'CURRENT'), 'utf8')).toBe(before);
    const after = path.join(tmp, 'after.json');
    cli(['dispatch', '--month', '2023-08', '--out', after], env);
    expect(JSON.parse(fs.readFileSync(after, 'utf8'))).toEqual(expected('dispatch', '2023-08'));
  });

  it('answers 2 for bad usage and 1 for what the data cannot answer', () => {
    expect(cli(['dispatch', '--month', '2024-01', '--out', path.join(tmp, 'x.json')], env).status).toBe(2);
    expect(cli(['dispatch', '--month', '2023-08', '--bogus'], env).status).toBe(2);
    expect(cli(['frobnicate'], env).status).toBe(2);
    expect(cli(['scores', '--month', '2023-08', '--published', '--out', path.join(tmp, 'p.json')], env).status).toBe(1);
    expect(cli(['scores', '--month', '2023-08', '--scheme', 'no-such', '--out', path.join(tmp, 'p.json')], env).status).toBe(1);
  });

  it('creates a user with the password from standard input', () => {
    const r = cli(['user', 'create', '--username', 'zz01', '--role', 'county_branch', '--unit', '140525'], env, 'a-long-password\n');
    expect(r.status).toBe(0);
    expect(cli(['user', 'create', '--username', 'zz02', '--role', 'county_branch'], env, 'a-long-password\n').status).toBe(2);
    // the password rule of every path a person uses (auth/password-rule.ts)
    for (const weak of ['short-pw', 'password1234', 'xxxxxxxxxxxxxxxx']) {
      const w = cli(['user', 'create', '--username', 'zz03', '--role', 'viewer'], env, `${weak}\n`);
      expect([weak, w.status, w.stderr]).toEqual([weak, 2, expect.stringMatching(/WEAK_PASSWORD/)]);
    }
  });

  it('exits 3 when another process holds the DATA_DIR', () => {
    // a live process (this jest worker's parent) owns the lock file
    fs.writeFileSync(path.join(env.DATA_DIR, 'LOCK'), String(process.ppid));
    try {
      const r = cli(['dispatch', '--month', '2023-08'], env);
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/in use/);
    } finally {
      fs.rmSync(path.join(env.DATA_DIR, 'LOCK'));
    }
  });
});

describeWith(['postgres'], 'command-line contract on PostgreSQL', () => {
  let t: TestDatabase;
  let tmp: string;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-cli-pg-'));
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports the sample and writes the spec figures, twice without change', async () => {
    const env = { DATABASE_URL: t.url! };
    expect(cli(['import', SAMPLE_BUNDLE], env).status).toBe(0);
    const again = cli(['import', SAMPLE_BUNDLE], env);
    expect(again.status).toBe(0);
    expect(again.stdout).not.toMatch(/[1-9]\d* (new|corrected)/);
    for (const month of ['2023-06', '2023-10']) {
      const out = path.join(tmp, `d-${month}.json`);
      expect(cli(['dispatch', '--month', month, '--out', out], env).status).toBe(0);
      expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(expected('dispatch', month));
    }
  });
});
