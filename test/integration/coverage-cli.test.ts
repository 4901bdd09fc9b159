import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { CoverageJson } from '../../analytics/src/contracts.js';
import { describeWith } from '../support/requires.js';
import { cli } from '../support/cli.js';
import { SAMPLE_BUNDLE } from '../support/databases.js';
import { countyLevelUnits, julyAugustOracle } from '../support/coverage-oracle.js';

// `npm run cli -- coverage --month M` (issue 15 item 2): JSON with --out, a readable list without it
// that names, for every county-level unit, the in-scope enterprises not inspected in July–August.
describeWith([], 'coverage on the command line', () => {
  let tmp: string;
  let env: Record<string, string>;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-cli-coverage-'));
    env = { DATA_DIR: path.join(tmp, 'data') };
    const r = cli(['import', SAMPLE_BUNDLE], env);
    if (r.status !== 0) throw new Error(`import: ${r.stderr}`);
  }, 180_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("writes the coverage JSON of 2023-08 with the bundle's figures", () => {
    const out = path.join(tmp, 'coverage.json');
    const r = cli(['coverage', '--month', '2023-08', '--out', out], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const c = JSON.parse(fs.readFileSync(out, 'utf8')) as CoverageJson;
    expect(c).toMatchObject({ month: '2023-08', asOf: '2023-08-31', campaign: 'jincheng-2023' });
    const want = julyAugustOracle('2023-08-31');
    expect(Object.fromEntries(c.units.map((u) => {
      const d = u.duties.find((x) => x.duty === 'county_coverage')!;
      return [u.unit, { scope: d.scope, checked: d.checked, required: d.required, shortfall: d.shortfall, toInspect: d.toInspect }];
    }))).toEqual(want);
  }, 120_000);

  it("prints, without --out, every unit's counts and the name and credit code of each enterprise still to inspect", () => {
    const r = cli(['coverage', '--month', '2023-08'], env);
    expect(r.status).toBe(0);
    const want = julyAugustOracle('2023-08-31');
    for (const u of countyLevelUnits()) {
      const o = want[u.code];
      expect(r.stdout).toMatch(new RegExp(`${u.name}\\s+县级全覆盖检查（≥100%）\\s+2023-07-01 … 2023-08-31\\s+${o.checked}\\s+${o.scope}\\s+${o.required}\\s+${o.shortfall}\\s`));
      if (o.toInspect.length) expect(r.stdout).toContain(`${u.name} · 县级全覆盖检查：未检查企业 ${o.toInspect.length} 家`);
      for (const e of o.toInspect) expect(r.stdout).toContain(`${e.creditCode}  ${e.name}`);
    }
    expect(cli(['coverage', '--month', '2023-04'], env).status).toBe(2);
  }, 120_000);

  it('puts the July–August figures and the enterprises still owed into the 通报 .docx, as LibreOffice reads it', () => {
    const docx = path.join(tmp, 'briefing.docx');
    const r = cli(['export', 'briefing', '--month', '2023-08', '--out', docx], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { stdio: 'pipe', timeout: 180_000 });
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
    const text = execFileSync('pdftotext', ['-layout', path.join(tmp, 'briefing.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('检查覆盖情况');
    const want = julyAugustOracle('2023-08-31');
    for (const u of countyLevelUnits()) {
      const o = want[u.code];
      expect(text).toMatch(new RegExp(`${u.name}\\s+${o.scope}\\s+${o.checked}\\s+${o.required}\\s+${o.shortfall}\\s`));
      // the names run on as text and may wrap: compare without white space
      for (const e of o.toInspect) expect(text.replace(/\s+/g, '')).toContain(e.name);
    }
  }, 300_000);
});
