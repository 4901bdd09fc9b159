import fs from 'node:fs';
import {
  AlignmentType, BorderStyle, Document, Footer, ImageRun, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow,
  TextRun, VerticalAlign, WidthType, type IRunOptions,
} from 'docx';
import type { Block, Briefing } from './briefing-content.js';

// The briefing as a Word document in the style of an official document (GB/T 9704 as far as the fonts
// on the machine allow): the issuing office in red over a red rule, the title centred, the body with
// first-line indents and fixed line spacing, the office and date at the foot.

// Official documents use 方正小标宋/仿宋/黑体, which a server rarely has. The CJK font that is installed
// here (see shared KNOWN-GROUND.md) is named where it exists; elsewhere SimSun, which Word has and
// which LibreOffice replaces with whatever CJK font the machine holds.
const WQY = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const DOC_FONT = fs.existsSync(WQY) ? 'WenQuanYi Micro Hei' : 'SimSun';
const font = { ascii: DOC_FONT, eastAsia: DOC_FONT, hAnsi: DOC_FONT, cs: DOC_FONT };

const pt = (n: number) => n * 2; // docx sizes are half-points
const BODY = pt(16); // 三号
const TABLE = pt(10.5); // 五号
const RED = 'C00000';
// 28 磅 fixed lines (560 twips); two characters of first-line indent
const bodySpacing = { line: 560, lineRule: LineRuleType.EXACT };

function run(text: string, o: IRunOptions = {}): TextRun {
  return new TextRun({ text, font, size: BODY, ...o });
}

function bodyParagraph(text: string, list = false): Paragraph {
  return new Paragraph({ children: [run(text)], indent: { firstLine: 2 * 16 * 20 }, spacing: bodySpacing, alignment: list ? AlignmentType.LEFT : AlignmentType.JUSTIFIED });
}

// the text block of an A4 page with the official margins, in twips
const TEXT_WIDTH = 11906 - 1588 - 1474;

function cell(text: string, o: { header: boolean; width: number; left: boolean }): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    width: { size: o.width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: [new Paragraph({ alignment: o.left && !o.header ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(text, { size: TABLE, bold: o.header })] })],
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

function block(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ children: [run(b.text, { bold: true })], indent: { firstLine: 640 }, spacing: bodySpacing, keepNext: true })];
    case 'paragraph':
      return [bodyParagraph(b.text, b.list)];
    case 'table':
      return [table(b), new Paragraph({ children: [] })];
    case 'chart': {
      // shown 15.5 cm wide: the text block of an A4 page with official margins
      const width = 586;
      const height = Math.round((width * b.height) / b.width);
      return [new Paragraph({
        alignment: AlignmentType.CENTER,
        keepLines: true,
        children: [new ImageRun({ type: 'png', data: b.png, transformation: { width, height }, altText: { name: 'chart', title: b.title, description: b.title } })],
      })];
    }
  }
}

export function briefingDocument(b: Briefing): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(b.office, { size: pt(20), bold: true, color: RED })] }),
    // the red rule under the office's name (版头中的分隔线)
    new Paragraph({ border: { bottom: { style: BorderStyle.THICK, size: 18, color: RED, space: 1 } }, spacing: { after: 360 }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360, line: 640, lineRule: LineRuleType.AT_LEAST }, children: [run(b.title, { size: pt(22), bold: true })] }),
    new Paragraph({ spacing: bodySpacing, children: [run(b.addressee)] }),
    bodyParagraph(b.opening),
    ...b.blocks.flatMap(block),
    new Paragraph({ children: [], spacing: bodySpacing }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: bodySpacing, children: [run(b.office)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: bodySpacing, indent: { right: 640 }, children: [run(b.date)] }),
  ];
  return new Document({
    creator: b.office,
    title: b.title,
    styles: { default: { document: { run: { font, size: BODY } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size: pt(14) })] })] }) },
      children,
    }],
  });
}

export function briefingBuffer(b: Briefing): Promise<Buffer> {
  return Packer.toBuffer(briefingDocument(b));
}
