import {
  AlignmentType, BorderStyle, Document, Footer, Header, HorizontalPositionAlign, HorizontalPositionRelativeFrom, ImageRun,
  LineRuleType, Packer, PageNumber, Paragraph, Tab, Table, TableCell, TableRow, TabStopType, TextRun, VerticalAlign,
  VerticalPositionAlign, VerticalPositionRelativeFrom, WidthType, type IParagraphOptions, type IRunOptions,
} from 'docx';
import { rasterise } from './briefing-chart.js';
import type { Block, Briefing } from './briefing-content.js';

// The briefing as a Word document laid out to GB/T 9704-2012 (党政机关公文格式): the issuing office's
// mark in red, the 文号 over the red rule, the title, the body with first-line indents and fixed lines,
// the office and date at the foot, then the 版记 (抄送, 印发机关和印发日期).

// The standard's fonts, named in every run (eastAsia included) so that the office's WPS/Word machines,
// which have them, set the text in them. A server without them (LibreOffice here) substitutes a CJK font
// of its own; the names in the file are what matters for the office.
export const FONTS = {
  /** 发文机关标志 and 标题: 方正小标宋简体 */
  title: '方正小标宋简体',
  /** 正文, 文号, 署名, 版记: 仿宋_GB2312 */
  body: '仿宋_GB2312',
  /** 一级标题 (一、): 黑体 */
  heading1: '黑体',
  /** 二级标题 (（一）): 楷体_GB2312 */
  heading2: '楷体_GB2312',
  /** 页码: 宋体 */
  pageNumber: '宋体',
} as const;
const face = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

const pt = (n: number) => n * 2; // docx sizes are half-points
const BODY = pt(16); // 三号
const TITLE = pt(22); // 二号
const MARK = pt(18); // 小二
const NOTE = pt(14); // 四号: 版记, 页码
const TABLE = pt(10.5); // 五号
const RED = 'FF0000';
const WATERMARK = 'D0D0D0';
// 28 磅 fixed lines (560 twips) give the standard's 22 lines of 28 characters on an A4 text block
const bodySpacing = { line: 560, lineRule: LineRuleType.EXACT };
const CHAR = 16 * 20; // one 三号 character, in twips

// A ledger number (JC-140502-2023-0001) breaks after its hyphens like a word; a word joiner (U+2060)
// after each hyphen forbids those breaks. LibreOffice also reads a list "…0001、JC-…" as one long word
// and, finding it wider than the line, cuts it anywhere: a zero-width space after each 、 before a
// number gives the line its break there instead (checked by converting such lists with soffice).
const LEDGER_NO = /[A-Z]{1,4}(?:-[0-9A-Z]+){2,}/g;
export const WORD_JOINER = '\u2060';
export const ZERO_WIDTH_SPACE = '\u200b';
export const unbreakable = (text: string) => text
  .replace(LEDGER_NO, (n) => n.replace(/-/g, `-${WORD_JOINER}`))
  .replace(/、(?=[A-Z]{1,4}-)/g, `、${ZERO_WIDTH_SPACE}`);

function run(text: string, o: IRunOptions & { font?: string } = {}): TextRun {
  const { font, ...rest } = o;
  return new TextRun({ text: unbreakable(text), font: face(font ?? FONTS.body), size: BODY, ...rest });
}

function bodyParagraph(children: TextRun[], list = false, keep: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ children, indent: { firstLine: 2 * CHAR }, spacing: bodySpacing, alignment: list ? AlignmentType.LEFT : AlignmentType.JUSTIFIED, ...keep });
}

// the text block of an A4 page with the standard's margins (天头 37 mm, 订口 28 mm; text 156 × 225 mm), in twips
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

function cell(text: string, o: { header: boolean; width: number; left: boolean }): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    width: { size: o.width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: [new Paragraph({ alignment: o.left && !o.header ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(text, { size: TABLE, bold: o.header, font: o.header ? FONTS.heading1 : FONTS.body })] })],
  });
}

function table(b: Extract<Block, { kind: 'table' }>): Table {
  const widths = (b.widths ?? b.header.map(() => 1 / b.header.length)).map((w) => Math.round(w * TEXT_WIDTH));
  const row = (cells: string[], header: boolean) => cells.map((c, i) => cell(c, { header, width: widths[i], left: b.left?.includes(i) ?? false }));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: row(b.header, true) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: row(r, false) })),
    ],
  });
}

/** `keep`: the last block before the signature keeps with it (no signature alone on a page) */
function block(b: Block, keep: Partial<IParagraphOptions> = {}): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ children: [run(b.text, { font: FONTS.heading1 })], indent: { firstLine: 2 * CHAR }, spacing: bodySpacing, keepNext: true, keepLines: true })];
    case 'paragraph':
      return [bodyParagraph([...(b.lead ? [run(b.lead, { font: FONTS.heading2 })] : []), run(b.text)], b.list, keep)];
    case 'table':
      return [table(b), new Paragraph({ children: [], ...keep })];
    case 'chart': {
      // shown 15.5 cm wide: the text block of an A4 page with official margins
      const width = 586;
      const height = Math.round((width * b.height) / b.width);
      return [new Paragraph({
        alignment: AlignmentType.CENTER,
        keepLines: true,
        ...keep,
        children: [new ImageRun({ type: 'png', data: b.png, transformation: { width, height }, altText: { name: 'chart', title: b.title, description: b.title } })],
      })];
    }
  }
}

/** 草稿 across the page, light grey, behind the text: drawn once and placed in the page header. */
function watermarkSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
<text x="300" y="300" font-size="200" text-anchor="middle" dominant-baseline="middle" fill="#${WATERMARK}" transform="rotate(-35 300 300)">草稿</text></svg>`;
}

function draftHeader(): Header {
  return new Header({
    children: [new Paragraph({
      children: [new ImageRun({
        type: 'png', data: rasterise(watermarkSvg(), 1), transformation: { width: 420, height: 420 },
        altText: { name: 'watermark', title: '草稿', description: '草稿：本月排名尚未发布' },
        floating: {
          horizontalPosition: { relative: HorizontalPositionRelativeFrom.PAGE, align: HorizontalPositionAlign.CENTER },
          verticalPosition: { relative: VerticalPositionRelativeFrom.PAGE, align: VerticalPositionAlign.CENTER },
          behindDocument: true, allowOverlap: true,
        },
      })],
    })],
  });
}

/** 版头: 发文机关标志 in red, 文号 under it, then the red rule (GB/T 9704 7.2). */
function head(b: Briefing): Paragraph[] {
  return [
    // the office's name is 27 characters, longer than a line at any size that reads as a mark (and
    // LibreOffice ignores a condensed w:w): two centred lines at 小二, broken as the signature is
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 480 }, children: signatureLines(b.office).map((l, i) => run(l, { font: FONTS.title, size: MARK, color: RED, break: i ? 1 : 0 })) }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...bodySpacing, after: 120 },
      border: { bottom: { style: BorderStyle.THICK, size: 18, color: RED, space: 8 } },
      children: b.docNumber ? [run(b.docNumber)] : [],
    }),
  ];
}

/** 版记: 抄送 and 印发机关和印发日期 between rules, 四号 仿宋, at the end (GB/T 9704 7.4). */
function colophon(b: Briefing): Paragraph[] {
  const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 4 });
  const indent = { left: CHAR, right: CHAR };
  return [
    new Paragraph({ children: [], spacing: bodySpacing, keepNext: true }),
    new Paragraph({
      indent, spacing: { line: 480, lineRule: LineRuleType.EXACT }, keepNext: true, keepLines: true,
      border: { top: rule(12), bottom: rule(6) },
      children: [run(`抄送：${b.copyTo}。`, { size: NOTE })],
    }),
    new Paragraph({
      // no left indent: the office's long name needs the whole line at 四号
      indent: { right: CHAR }, spacing: { line: 480, lineRule: LineRuleType.EXACT }, keepLines: true,
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 2 * CHAR }],
      border: { bottom: rule(12) },
      // the office's long name fills the line: the 印发日期 goes to the right of the next
      children: [run(b.office, { size: NOTE }), new TextRun({ children: [new Tab(), `${b.printedOn}印发`], font: face(FONTS.body), size: NOTE, break: 1 })],
    }),
  ];
}

/** "…专项排查整治工作领导小组办公室" → ["…专项排查整治", "工作领导小组办公室"]; a short name stays whole */
export function signatureLines(office: string): string[] {
  const at = office.indexOf('工作领导小组');
  return office.length > 20 && at > 0 ? [office.slice(0, at), office.slice(at)] : [office];
}

export function briefingDocument(b: Briefing): Document {
  const last = b.blocks.length - 1;
  // the last paragraph of the text, the signature and the 版记 keep together: no page holds the signature alone
  const keep = { keepNext: true, keepLines: true };
  const children: (Paragraph | Table)[] = [
    ...head(b),
    new Paragraph({
      alignment: AlignmentType.CENTER, spacing: { before: 480, after: 480, line: 700, lineRule: LineRuleType.AT_LEAST },
      children: [run(b.title, { font: FONTS.title, size: TITLE }), ...(b.draft ? [run('（草稿）', { font: FONTS.title, size: TITLE, color: RED })] : [])],
    }),
    new Paragraph({ spacing: bodySpacing, children: [run(b.addressee)] }),
    bodyParagraph([run(b.opening)]),
    ...b.blocks.flatMap((x, i) => block(x, i === last ? keep : {})),
    new Paragraph({ children: [], spacing: bodySpacing, ...keep }),
    // 署名: at 三号 the 27-character name is longer than a line, so it is set in two, broken before 工作
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: bodySpacing, ...keep, children: signatureLines(b.office).map((l, i) => run(l, { break: i ? 1 : 0 })) }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: bodySpacing, indent: { right: 4 * CHAR }, ...keep, children: [run(b.date)] }),
    ...colophon(b),
  ];
  const pageNumber = { font: face(FONTS.pageNumber), size: NOTE };
  return new Document({
    creator: b.office,
    title: b.draft ? `${b.title}（草稿）` : b.title,
    styles: { default: { document: { run: { font: face(FONTS.body), size: BODY } } } },
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
      headers: b.draft ? { default: draftHeader() } : undefined,
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], ...pageNumber })] })] }) },
      children,
    }],
  });
}

export function briefingBuffer(b: Briefing): Promise<Buffer> {
  return Packer.toBuffer(briefingDocument(b));
}
