import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DISPATCH_KEYS, type DispatchJson, type ScoresJson, type TraceJson } from '../../analytics/src/contracts.js';
import { valueLabel } from '../../api/src/dispatch/dispatch-items.js';
import { TRACE_SHEETS } from '../../api/src/exports/trace-workbook.js';
import { valueAddresses } from '../../api/src/exports/dispatch-sheet.js';
import { dispatchWorkbookBuffer } from '../../api/src/exports/dispatch-workbook.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectedFile } from '../support/expected.js';

type Client = Awaited<ReturnType<TestServer['login']>>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 沁水县's sheet of the month's workbook with A3 and C2 changed, as a county would send it back. */
async function alteredTable(d: DispatchJson): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await dispatchWorkbookBuffer(d) as never);
  for (const ws of [...wb.worksheets]) if (ws.name !== '沁水县') wb.removeWorksheet(ws.id);
  const ws = wb.getWorksheet('沁水县')!;
  const addr = valueAddresses();
  ws.getCell(addr.get('A3')!).value = 99;
  ws.getCell(addr.get('C2')!).value = 7;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeWith([], 'export and reconciliation routes on the sample ledger', () => {
  let s: TestServer;
  let admin: Client;
  let county: Client;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin', s.adminPassword);
    county = await s.login('qinshui', await s.createUser('qinshui', 'county_branch', '140521'));
  });
  afterAll(async () => { await s?.close(); });

  it('sends the month\'s 调度表 workbook with every figure of the dispatch JSON', async () => {
    const r = await admin('/api/exports/dispatch.xlsx?month=2023-08');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain(XLSX);
    expect(r.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('调度表-2023-08.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
    const d = expectedFile('dispatch', '2023-08') as DispatchJson;
    const ws = wb.getWorksheet('城区')!;
    const row = d.units.find((u) => u.unit === '140502')!;
    for (const [key, addr] of valueAddresses()) expect([key, ws.getCell(addr).value]).toEqual([key, row[key as keyof typeof row]]);
  });

  it('sends the briefing to city roles only, and refuses a month outside the campaign', async () => {
    const r = await admin('/api/exports/briefing.docx?month=2023-12&date=2024-01-03');
    expect(r.status).toBe(200);
    const body = Buffer.from(await r.arrayBuffer());
    expect(body.subarray(0, 2).toString()).toBe('PK');
    expect(body.includes(Buffer.from('word/media/'))).toBe(true);
    expect((await county('/api/exports/briefing.docx?month=2023-12')).status).toBe(403);
    const bad = await admin('/api/exports/dispatch.xlsx?month=2024-02');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('BAD_MONTH');
    expect((await admin('/api/exports/dispatch.xlsx')).status).toBe(400);
  });

  it('sends the CSV files with a BOM; a county user\'s hazards file holds only what it may read', async () => {
    for (const what of ['dispatch', 'scores', 'hazards']) {
      const r = await admin(`/api/exports/${what}.csv?month=2023-12`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/csv');
      expect(Buffer.from(await r.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    }
    const rows: { ledger_no: string; unit_code: string; enterprise_credit_code: string }[] = parse(Buffer.from(await (await county('/api/exports/hazards.csv?month=2023-12&codes=true')).arrayBuffer()), { columns: true, bom: true });
    const [{ n }] = await s.t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code WHERE h.found_on <= '2023-12-31' AND (h.unit_code = $1 OR e.unit_code = $1)`, ['140521']);
    expect(rows.length).toBe(n);
    const jurisdiction = new Set((await s.t.db.dataSource.query(`SELECT credit_code FROM enterprises WHERE unit_code = '140521'`)).map((r: { credit_code: string }) => r.credit_code));
    for (const h of rows) expect(h.unit_code === '140521' || jurisdiction.has(h.enterprise_credit_code)).toBe(true);
  });

  it('sends the hazards, dispatch and scores CSV with Chinese headers, names beside codes and figures as the API gives them', async () => {
    const csv = async (path: string): Promise<Record<string, string>[]> => {
      const r = await admin(path);
      expect(r.status).toBe(200);
      return parse(Buffer.from(await r.arrayBuffer()), { columns: true, bom: true });
    };
    const ds = s.t.db.dataSource;
    const dispatch = (await (await admin('/api/dispatch?month=2023-12')).json()) as DispatchJson;
    const d = await csv('/api/exports/dispatch.csv?month=2023-12');
    expect(d.map((r) => [r['单位代码'], r['单位']])).toEqual([...dispatch.units.map((u) => [u.unit, u.name]), ['', '全市（本行业领域）']]);
    [...dispatch.units, dispatch.cityWide].forEach((u, i) => {
      for (const k of DISPATCH_KEYS) expect([u.unit, k, Number(d[i][valueLabel(k)])]).toEqual([u.unit, k, u[k]]);
    });

    const scores = (await (await admin('/api/scores?month=2023-12')).json()) as ScoresJson;
    const sc = await csv('/api/exports/scores.csv?month=2023-12');
    expect(sc.map((r) => [Number(r['名次']), r['单位代码'], r['单位'], Number(r['总分']), Number(r['扣分'])])).toEqual(scores.units.map((u) => [u.rank, u.unit, u.name, u.total, u.D]));
    expect(sc[0]['考核方案']).toBe('默认方案');
    for (const r of sc) for (const v of Object.values(r)) expect(v).not.toMatch(/\.\d{3,}/);

    const h = await csv('/api/exports/hazards.csv?month=2023-12');
    const ledger: { ledger_no: string; enterprise: string; unit: string; source: string }[] = await ds.query(
      `SELECT h.ledger_no, e.name AS enterprise, u.name AS unit, h.source FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code
       JOIN units u ON u.code = h.unit_code WHERE h.found_on <= '2023-12-31' ORDER BY h.ledger_no`);
    const SOURCE: Record<string, string> = { self_check: '企业自查', enforcement: '部门执法检查', public_report: '群众举报', superior_assignment: '上级交办' };
    expect(h.map((r) => [r['台账编号'], r['企业名称'], r['报送单位'], r['隐患来源']])).toEqual(ledger.map((x) => [x.ledger_no, x.enterprise, x.unit, SOURCE[x.source]]));
    expect(Object.keys(h[0]).join('')).not.toMatch(/[A-Za-z_]/);

    // codes=true: the machine columns integrations read, as before
    const machine = await csv('/api/exports/scores.csv?month=2023-12&codes=true');
    expect(machine.map((r) => r.unit)).toEqual(scores.units.map((u) => u.unit));
    expect((await admin('/api/exports/scores.csv?month=2023-12&codes=yes')).status).toBe(400);
  });

  it('sends the traceback workbook, one sheet per list, and the typical cases the dispatch table counts', async () => {
    const trace = (await (await admin('/api/trace?month=2023-12')).json()) as TraceJson;
    const r = await admin('/api/exports/trace.xlsx?month=2023-12');
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(TRACE_SHEETS));
    const firstColumn = (name: string) => wb.getWorksheet(name)!.getColumn(1).values.slice(2);
    expect(firstColumn(TRACE_SHEETS.missed)).toEqual(trace.missed.map((m) => m.hazard));
    expect(firstColumn(TRACE_SHEETS.overdue)).toEqual(trace.overdue.map((m) => m.hazard));
    expect(firstColumn(TRACE_SHEETS.lookBack)).toEqual(trace.lookBack.map((m) => m.hazard));
    expect(trace.overdue.length).toBeGreaterThan(0);
    expect(wb.getWorksheet(TRACE_SHEETS.overdue)!.getRow(1).values).toEqual(expect.arrayContaining(['台账编号', '单位', '企业名称', '跟踪督办责任人', '整改责任人']));
    expect((await county('/api/exports/trace.xlsx?month=2023-12')).status).toBe(403);

    const dispatch = (await (await admin('/api/dispatch?month=2023-12')).json()) as DispatchJson;
    const cases: Record<string, string>[] = parse(Buffer.from(await (await admin('/api/exports/typical-cases.csv?month=2023-12')).arrayBuffer()), { columns: true, bom: true });
    expect(cases.length).toBe(dispatch.cityWide.C8_cases);
    expect(cases.filter((c) => c['危险作业罪案例'] === '是').length).toBe(dispatch.cityWide.C8_crime_cases);
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c['单位'] && c['公布日期'] <= '2023-12-31')).toBe(true);
  });

  it('reconciles a table sent as the body or as a form field, and lists it for the unit', async () => {
    const file = await alteredTable(expectedFile('dispatch', '2023-08') as DispatchJson);
    const raw = await county('/api/reconciliations?unit=140521&month=2023-08', { method: 'POST', headers: { 'content-type': XLSX }, body: file });
    expect(raw.status).toBe(201);
    const result = (await raw.json()) as { unit: string; month: string; differences: { item: string; reported: number; ledger: number; records: string[] }[] };
    expect(result.unit).toBe('140521');
    expect(result.differences.map((d) => [d.item, d.reported])).toEqual([['A3', 99], ['C2', 7]]);

    const form = new FormData();
    form.set('unit', '140521');
    form.set('month', '2023-08');
    form.set('file', new Blob([file], { type: XLSX }), 'qinshui-2023-08.xlsx');
    // fetch sets the multipart boundary itself: the helper's JSON content type must not be sent
    const multipart = await fetch(`${s.baseUrl}/api/reconciliations`, { method: 'POST', body: form, headers: { authorization: (await token(s, 'admin', s.adminPassword)) } });
    expect(multipart.status).toBe(201);

    const list = (await (await county('/api/reconciliations')).json()) as { unit: string; fileName: string | null; differenceCount: number }[];
    expect(list.map((r) => [r.unit, r.fileName, r.differenceCount])).toEqual([['140521', 'qinshui-2023-08.xlsx', 2], ['140521', null, 2]]);
    expect((await county('/api/reconciliations?unit=140502')).status).toBe(403);
    expect((await county('/api/reconciliations?unit=140502&month=2023-08', { method: 'POST', headers: { 'content-type': XLSX }, body: file })).status).toBe(403);
  });

  it('counts the reconciliation in the briefing and refuses a request without a file', async () => {
    const docx = path.join(os.tmpdir(), `briefing-${process.pid}.docx`);
    fs.writeFileSync(docx, Buffer.from(await (await admin('/api/exports/briefing.docx?month=2023-08')).arrayBuffer()));
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
    fs.rmSync(docx);
    expect(xml).toContain('核对1个单位报送的2023年8月调度表，1个单位与台账不一致，共2项');
    expect(xml).toContain('沁水县：2项（总体情况第3项、部门精准严格执法情况第2项）');
    const none = await admin('/api/reconciliations?unit=140521&month=2023-08', { method: 'POST', headers: { 'content-type': XLSX } });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { message: string }).message).toMatch(/no file/);
    const notXlsx = await admin('/api/reconciliations?unit=140521&month=2023-08', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'hello' });
    expect(notXlsx.status).toBe(400);
  });
});

async function token(s: TestServer, username: string, password: string): Promise<string> {
  const r = await fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return `Bearer ${((await r.json()) as { accessToken: string }).accessToken}`;
}
