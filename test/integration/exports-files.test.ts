import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DISPATCH_KEYS, type DispatchJson, type ScoresJson } from '../../analytics/src/contracts.js';
import { BAR_COLOUR } from '../../api/src/exports/briefing-chart.js';
import { ISSUING_OFFICE } from '../../api/src/exports/briefing-content.js';
import { DISPATCH_TITLE_LINES } from '../../api/src/exports/dispatch-layout.js';
import { valueAddresses } from '../../api/src/exports/dispatch-sheet.js';
import { CITY_WIDE_SHEET, SUMMARY_FIRST_ROW, SUMMARY_FIRST_UNIT_COL, SUMMARY_KEYS, SUMMARY_SHEET, unitSheetNames } from '../../api/src/exports/dispatch-workbook.js';
import { cli } from '../support/cli.js';
import { SAMPLE_BUNDLE } from '../support/databases.js';
import { describeWith } from '../support/requires.js';

// The office's files as the office would run them: the CLI on the sample, then LibreOffice opens
// each file and converts it to PDF; the PDF's text and page images are what a reader would see.

/** PDF of an office file, converted in a private LibreOffice profile so parallel runs do not collide. */
function toPdf(file: string, dir: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const pdf = path.join(dir, `${path.basename(file, path.extname(file))}.pdf`);
  expect(fs.existsSync(pdf)).toBe(true);
  return pdf;
}

const pdfText = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

/** Pixels of each page (PPM at 40 dpi) within `tolerance` of a colour. */
function pixelsOfColour(pdf: string, dir: string, hex: string, tolerance = 40): number[] {
  const prefix = path.join(dir, 'page');
  execFileSync('pdftoppm', ['-r', '40', pdf, prefix]);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return fs.readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.ppm')).sort().map((f) => {
    const data = fs.readFileSync(path.join(dir, f));
    // P6 header: magic, width, height, maxval, each followed by whitespace
    const header = data.subarray(0, 40).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/)!;
    let n = 0;
    for (let i = header[0].length; i + 2 < data.length; i += 3) {
      if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < tolerance) n++;
    }
    return n;
  });
}

describeWith(['libreoffice'], 'the office files of a month, from the CLI on the sample, opened by LibreOffice', () => {
  let tmp: string;
  let env: Record<string, string>;
  const file = (name: string) => path.join(tmp, name);
  const json = <T>(name: string): T => JSON.parse(fs.readFileSync(file(name), 'utf8'));
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-exports-'));
    env = { DATA_DIR: file('data') };
    const r = cli(['import', SAMPLE_BUNDLE], env);
    expect(r.status).toBe(0);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('export dispatch: every value cell of every sheet equals the dispatch JSON, and the PDF shows the title, the units and their figures', async () => {
    expect(cli(['dispatch', '--month', '2023-08', '--out', file('d.json')], env).status).toBe(0);
    const r = cli(['export', 'dispatch', '--month', '2023-08', '--out', file('d.xlsx')], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const d = json<DispatchJson>('d.json');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('d.xlsx'));
    const names = unitSheetNames(d.units);
    const sheets = [...d.units.map((u) => ({ row: u, sheet: names.get(u.unit)! })), { row: d.cityWide, sheet: CITY_WIDE_SHEET }];
    for (const { row, sheet } of sheets) {
      const ws = wb.getWorksheet(sheet)!;
      for (const [key, addr] of valueAddresses()) expect({ sheet, key, value: ws.getCell(addr).value }).toEqual({ sheet, key, value: row[key as keyof typeof row] });
    }
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    [...d.units, d.cityWide].forEach((u, c) => SUMMARY_KEYS.forEach((key, k) => {
      expect({ unit: u.unit, key, value: summary.getCell(SUMMARY_FIRST_ROW + k, SUMMARY_FIRST_UNIT_COL + c).value }).toEqual({ unit: u.unit, key, value: u[key as keyof typeof u] });
    }));

    const text = pdfText(toPdf(file('d.xlsx'), tmp));
    // the attachment's title in its two lines; no bracket left alone on a line of a heading; 全市, not ALL
    for (const line of DISPATCH_TITLE_LINES) expect(text).toContain(line);
    expect(text.split('\n').filter((l) => /^\s*[）)]\s*$/.test(l))).toEqual([]);
    expect(text).not.toMatch(/\bALL\b/);
    for (const u of d.units) expect(text).toContain(`单位：${u.level === 'city' ? `${u.name}（本单位）` : u.name}`);
    expect(text).toContain('单位：全市（本行业领域）');
    // the summary's B1 line holds every unit's B1 figure, left to right
    const b1 = text.split('\n').find((l) => l.includes('部门抽查检查的企业总数（家）') && /\d+\s+\d+\s+\d+/.test(l))!;
    expect(b1.trim().split(/\s+/).slice(-(d.units.length + 1)).map(Number)).toEqual([...d.units, d.cityWide].map((u) => u.B1));
    // and the amounts to the cent
    const money = text.split('\n').find((l) => l.includes('行政处罚（次，万元）：万元'))!;
    expect(money.trim().split(/\s+/).slice(-(d.units.length + 1))).toEqual([...d.units, d.cityWide].map((u) => u.C3_amount_wan.toFixed(2)));
  });

  it('export briefing: LibreOffice converts it; its ranking follows the scores JSON and the chart is on the page', () => {
    expect(cli(['scores', '--month', '2023-12', '--out', file('s.json')], env).status).toBe(0);
    const r = cli(['export', 'briefing', '--month', '2023-12', '--out', file('b.docx')], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const docx = fs.readFileSync(file('b.docx'));
    // zip entry names are stored as plain text: the chart travels as PNG media
    expect(docx.includes(Buffer.from('word/media/'))).toBe(true);

    const pages = path.join(tmp, 'briefing');
    fs.mkdirSync(pages);
    const pdf = toPdf(file('b.docx'), pages);
    const text = pdfText(pdf);
    expect(text.replace(/\s+/g, '')).toContain('关于2023年12月危险废物领域重大事故隐患专项排查整治工作进展情况的通报');
    expect(text.replace(/\s+/g, '')).toContain(ISSUING_OFFICE);
    const s = json<ScoresJson>('s.json');
    const lines = text.split('\n');
    const at = s.units.map((u) => lines.findIndex((l) => new RegExp(`^\\s*${u.rank}\\s+${u.name}\\s+${u.total.toFixed(2)}\\s+${u.I1.toFixed(2)}\\s+${u.I2.toFixed(2)}\\s+${u.I3.toFixed(2)}\\s+${u.I4.toFixed(2)}\\s+${u.D.toFixed(2)}\\s`).test(l)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    // the bars' colour is on one page, in a block of pixels the size of a chart
    const perPage = pixelsOfColour(pdf, pages, BAR_COLOUR);
    expect(Math.max(...perPage)).toBeGreaterThan(2000);
  });

  it('export csv: the three files start with a BOM and hold the JSON figures', () => {
    const d = json<DispatchJson>('d.json');
    for (const what of ['hazards', 'dispatch', 'scores']) {
      const r = cli(['export', 'csv', '--what', what, '--month', what === 'scores' ? '2023-12' : '2023-08', '--codes', '--out', file(`${what}.csv`)], env);
      expect(r.status).toBe(0);
      expect(fs.readFileSync(file(`${what}.csv`)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    }
    const read = (f: string): Record<string, string>[] => parse(fs.readFileSync(file(f)), { columns: true, bom: true });
    const dispatch = read('dispatch.csv');
    expect(dispatch.map((r) => r.unit)).toEqual([...d.units.map((u) => u.unit), 'ALL']);
    for (const k of DISPATCH_KEYS) expect(dispatch.map((r) => Number(r[k]))).toEqual([...d.units, d.cityWide].map((u) => u[k]));
    expect(read('scores.csv').map((r) => r.unit)).toEqual(json<ScoresJson>('s.json').units.map((u) => u.unit));
    const hazards = read('hazards.csv');
    // as the ledger stood on 2023-08-31: nothing found, rectified or closed later
    expect(hazards.length).toBeGreaterThan(0);
    for (const h of hazards) for (const c of ['found_on', 'rectified_on', 'closed_on', 'listed_on']) expect(h[c] <= '2023-08-31').toBe(true);
    const found = hazards.filter((h) => h.found_on >= '2023-04-25');
    expect(found.length).toBe(d.cityWide.A1 + d.cityWide.A3 + d.cityWide.A5 + d.cityWide.A7);
  });

  it('reconcile: prints the differences of a hand-filled table, and refuses bad usage', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('d.xlsx'));
    for (const ws of [...wb.worksheets]) if (ws.name !== '高平市') wb.removeWorksheet(ws.id);
    const ws = wb.getWorksheet('高平市')!;
    const addr = valueAddresses();
    ws.getCell(addr.get('A1')!).value = Number(ws.getCell(addr.get('A1')!).value) + 3;
    ws.getCell(addr.get('C3_amount_wan')!).value = 1.5;
    await wb.xlsx.writeFile(file('gaoping.xlsx'));
    const r = cli(['reconcile', '--unit', '140581', '--month', '2023-08', file('gaoping.xlsx')], env);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.unit).toBe('140581');
    expect(out.differences.map((x: { item: string }) => x.item)).toEqual(['A1', 'C3_amount_wan']);
    expect(cli(['reconcile', '--unit', '140522', '--month', '2023-08', file('gaoping.xlsx')], env).status).toBe(1);
    expect(cli(['reconcile', '--unit', '140581', '--month', '2024-01', file('gaoping.xlsx')], env).status).toBe(2);
    expect(cli(['reconcile', '--month', '2023-08', file('gaoping.xlsx')], env).status).toBe(2);
  });
});
