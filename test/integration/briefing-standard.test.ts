import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { ScoresJson, TraceJson } from '../../analytics/src/contracts.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { ISSUING_OFFICE } from '../../api/src/exports/briefing-content.js';
import { FONTS, signatureLines } from '../../api/src/exports/briefing-document.js';
import { issueDocNumber } from '../../api/src/exports/document-numbers.js';
import { describeWith } from '../support/requires.js';
import { copySampleWith } from '../support/sample-copy.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The Must show of issue 16: the 2023-12 通报 from the API, converted by LibreOffice to PDF and read
// with pdftotext, before and after the month's ranking is published; and the 文号 register under many
// requests at once (on PostgreSQL, where they really run side by side). The PDFs stay in test/artifacts/.

type Client = Awaited<ReturnType<TestServer['login']>>;
const ARTIFACTS = path.resolve('test/artifacts');
const INVISIBLE = /[\u200b\u2060]/g;
const compact = (s: string) => s.replace(INVISIBLE, '').replace(/\s+/g, '');

function toPdf(file: string, dir: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return path.join(dir, `${path.basename(file, path.extname(file))}.pdf`);
}

/** the PDF's pages as pdftotext lays them out, word joiners and zero-width spaces left out */
const pdfPages = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(INVISIBLE, '').split('\f').filter((p) => p.trim());
const part = (docx: string, name: string) => {
  try {
    return execFileSync('unzip', ['-p', docx, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
};

interface Run { font: string | undefined; size: number | undefined; text: string }
/** every text run of document.xml with its east-Asian font and size (half-points) */
function runs(xml: string): Run[] {
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map(([, r]) => ({
    font: r.match(/w:eastAsia="([^"]+)"/)?.[1],
    size: Number(r.match(/<w:sz w:val="(\d+)"/)?.[1]) || undefined,
    text: [...r.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  })).filter((r) => r.text);
}

/** the ranking table's row of each unit, in the order pdftotext shows them */
function rankingRows(text: string, s: ScoresJson): number[] {
  const lines = text.split('\n');
  return s.units.map((u) => lines.findIndex((l) => new RegExp(`^\\s*${u.rank}\\s+${u.name}\\s+${u.total.toFixed(2)}\\s+${u.I1.toFixed(2)}\\s+${u.I2.toFixed(2)}\\s+${u.I3.toFixed(2)}\\s+${u.I4.toFixed(2)}\\s+${u.D.toFixed(2)}\\s`).test(l)));
}

describeWith(['postgres', 'libreoffice'], 'the 2023-12 通报 to GB/T 9704-2012, opened by LibreOffice', () => {
  let s: TestServer;
  let admin: Client;
  let tmp: string;
  beforeAll(async () => {
    s = await startTestServer({ engine: 'postgres' });
    admin = await s.login('admin', s.adminPassword);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-briefing16-'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** the briefing from the API, saved as name.docx, and its PDF copied to test/artifacts/ */
  async function briefing(name: string, query = '') {
    const r = await admin(`/api/exports/briefing.docx?month=2023-12${query}`);
    expect(r.status).toBe(200);
    const docx = path.join(tmp, `${name}.docx`);
    fs.writeFileSync(docx, Buffer.from(await r.arrayBuffer()));
    const pdf = toPdf(docx, tmp);
    fs.copyFileSync(pdf, path.join(ARTIFACTS, `${name}.pdf`));
    return { docx, pages: pdfPages(pdf), xml: part(docx, 'word/document.xml'), header: part(docx, 'word/header1.xml') };
  }

  it('before publishing: 文号 on page 1, the standard\'s fonts, 草稿 marked, ledger numbers whole, the signature not alone', async () => {
    const b = await briefing('briefing-2023-12-draft', `&docPrefix=${encodeURIComponent('晋危废专办')}&docNo=7`);
    expect(compact(b.pages[0])).toContain('晋危废专办〔2023〕7号');
    expect(compact(b.pages.slice(1).join(''))).not.toContain('晋危废专办〔2023〕7号');

    // the fonts and sizes of GB/T 9704-2012 named in the runs (half-points: 二号 44, 三号 32)
    const rs = runs(b.xml);
    const find = (start: string) => rs.find((r) => r.text.startsWith(start))!;
    expect(find('关于2023年12月')).toMatchObject({ font: FONTS.title, size: 44 });
    expect(find('一、总体进展情况')).toMatchObject({ font: FONTS.heading1, size: 32 });
    expect(find('（一）')).toMatchObject({ font: FONTS.heading2, size: 32 });
    expect(find('现将2023年12月')).toMatchObject({ font: FONTS.body, size: 32 });
    expect(find('晋危废专办〔2023〕7号')).toMatchObject({ font: FONTS.body, size: 32 });
    expect(find(signatureLines(ISSUING_OFFICE)[0])).toMatchObject({ font: FONTS.title });
    expect(FONTS).toMatchObject({ title: '方正小标宋简体', body: '仿宋_GB2312', heading1: '黑体', heading2: '楷体_GB2312' });
    expect(rs.filter((r) => !r.font)).toEqual([]);
    // the 版记
    expect(find('抄送：')).toMatchObject({ font: FONTS.body, size: 28 });
    expect(compact(b.pages.at(-1)!)).toContain('2023年12月31日印发');

    // 草稿: in the title, and a watermark behind the text of every page
    expect(compact(b.pages[0])).toContain('进展情况的通报（草稿）');
    expect(b.header).toContain('behindDoc="1"');
    expect(b.header).toContain('草稿');
    expect(compact(b.pages.join(''))).toContain('本月排名尚未发布');

    // every overdue and missed ledger number stands whole on one line
    const trace = (await (await admin('/api/trace?month=2023-12')).json()) as TraceJson;
    const numbers = [...trace.overdue, ...trace.missed].map((x) => x.hazard);
    expect(numbers.length).toBeGreaterThan(20);
    const lines = b.pages.join('\n').split('\n');
    for (const n of numbers) expect({ n, whole: lines.some((l) => l.includes(n)) }).toEqual({ n, whole: true });

    // the page of the signature holds the end of the text too: its last section's heading and sentence
    const last = compact(b.pages.at(-1)!);
    const sig = last.indexOf(compact(signatureLines(ISSUING_OFFICE).join('')));
    expect(sig).toBeGreaterThan(0);
    expect(last.slice(0, sig)).toMatch(/[一二三四五六七八九十]、.+。$/);

    const [row] = await s.t.db.dataSource.query(`SELECT prefix, year, number, month FROM document_numbers WHERE number = 7`);
    expect(row).toEqual({ prefix: '晋危废专办', year: 2023, number: 7, month: '2023-12' });
  }, 300_000);

  it('after publishing: the published ranking, said so, even after a ledger correction; no 草稿; the same 文号', async () => {
    expect((await admin('/api/rankings/2023-12/publish', { method: 'POST' })).status).toBe(201);
    // a correction after publishing: 泽州县's first overdue hazard rectified by its deadline
    const zz = (await (await admin('/api/scores/140525?month=2023-12')).json()) as { explanation: { overdueHazards: { ledgerNo: string; deadline: string }[] } };
    const first = zz.explanation.overdueHazards[0];
    await importBundle(s.t.db.dataSource, copySampleWith('hazards.csv', (r) => (r.ledger_no === first.ledgerNo ? { ...r, rectified_on: first.deadline, closed_on: '', closed_by: '' } : r)), { actor: 'test' });
    const cmp = (await (await admin('/api/rankings/2023-12/published')).json()) as { published: { ranking: ScoresJson }; live: ScoresJson; ledgerChanged: boolean; changes: { unit: string }[] };
    expect(cmp.ledgerChanged).toBe(true);
    expect(cmp.changes.map((c) => c.unit)).toContain('140525');

    const b = await briefing('briefing-2023-12-published');
    const text = b.pages.join('\n');
    expect(compact(text)).not.toContain('草稿');
    expect(b.header).not.toContain('草稿');
    expect(compact(b.pages[0])).toContain('晋危废专办〔2023〕7号');
    expect(compact(text)).toMatch(/下表为\d{4}年\d{1,2}月\d{1,2}日发布的本月排名/);
    // every row as published, in the published order; the corrected unit's live row is not there
    const at = rankingRows(text, cmp.published.ranking);
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, c) => a - c)).toEqual(at);
    const live = cmp.live.units.find((u) => u.unit === '140525')!;
    expect(live.total).not.toBe(cmp.published.ranking.units.find((u) => u.unit === '140525')!.total);
    expect(rankingRows(text, { ...cmp.live, units: [live] })).toEqual([-1]);
  }, 300_000);

  it('文号 register: many requests at once never share a number, and a taken number is refused', async () => {
    const ds = s.t.db.dataSource;
    const next = await Promise.all(Array.from({ length: 40 }, (_, i) => issueDocNumber(ds, { prefix: '测试专办', year: 2023, month: `M${i}`, issuedBy: 'test' })));
    expect(next.map((n) => n.number).sort((a, c) => a - c)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    const same = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => issueDocNumber(ds, { prefix: '测试专办', year: 2023, month: `N${i}`, number: 99, issuedBy: 'test' })));
    expect(same.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(same.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(9).fill('DOC_NUMBER_TAKEN'));

    // over HTTP: one month's briefing asked for six times at once gets one number
    const files = await Promise.all(Array.from({ length: 6 }, () => admin('/api/exports/briefing.docx?month=2023-11')));
    expect(files.map((r) => r.status)).toEqual(Array(6).fill(200));
    const rows = await ds.query(`SELECT number FROM document_numbers WHERE prefix = '晋危废专办' AND month = '2023-11'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].number).not.toBe(7);
    const taken = await admin('/api/exports/briefing.docx?month=2023-11&docNo=7');
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { code: string }).code).toBe('DOC_NUMBER_TAKEN');
    expect((await admin('/api/exports/briefing.docx?month=2023-11&docNo=0')).status).toBe(400);
    expect((await admin('/api/exports/briefing.docx?month=2023-11&docPrefix=abc')).status).toBe(400);
  }, 300_000);
});
