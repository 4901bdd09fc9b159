import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

// The briefing's chart: drawn as SVG here and rasterised offline by resvg (no browser, no canvas binary
// to download; see shared KNOWN-GROUND.md). resvg draws text only with fonts it is given, and 汉字 need a
// CJK font: the first of these files that exists is used, else the system's fonts.
const CJK_FONT_FILES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
];
export const CHART_FONT_FAMILY = 'WenQuanYi Micro Hei';
/** the bars' colour; tests look for it on the rendered page */
export const BAR_COLOUR = '#2f5597';

export interface Bar { label: string; value: number }

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A vertical bar chart of values 0 … max, a label under each bar and its value above it. */
export function barChartSvg(o: { title: string; bars: Bar[]; max: number; width?: number; height?: number }): string {
  const width = o.width ?? 900;
  const height = o.height ?? 420;
  const m = { top: 56, right: 24, bottom: 64, left: 56 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const y = (v: number) => m.top + plotH - (Math.max(0, Math.min(v, o.max)) / o.max) * plotH;
  const step = o.max / 5;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="32" font-size="20" text-anchor="middle" fill="#000000">${escape(o.title)}</text>`,
  ];
  for (let v = 0; v <= o.max + 1e-9; v += step) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y(v)}" y2="${y(v)}" stroke="#d0d0d0" stroke-width="1"/>`,
      `<text x="${m.left - 8}" y="${y(v) + 5}" font-size="13" text-anchor="end" fill="#404040">${Math.round(v)}</text>`);
  }
  const slot = plotW / Math.max(1, o.bars.length);
  const barW = Math.min(64, slot * 0.6);
  // a long name (晋城经济技术开发区) is broken into lines that fit its slot rather than overlap the next
  const perLine = Math.max(2, Math.floor(slot / 16));
  o.bars.forEach((b, i) => {
    const cx = m.left + slot * (i + 0.5);
    const top = y(b.value);
    const lines = b.label.match(new RegExp(`.{1,${perLine}}`, 'gu')) ?? [''];
    parts.push(
      `<rect x="${cx - barW / 2}" y="${top}" width="${barW}" height="${m.top + plotH - top}" fill="${BAR_COLOUR}"/>`,
      `<text x="${cx}" y="${top - 6}" font-size="14" text-anchor="middle" fill="#000000">${b.value.toFixed(2)}</text>`,
      ...lines.map((line, k) => `<text x="${cx}" y="${m.top + plotH + 22 + k * 18}" font-size="15" text-anchor="middle" fill="#000000">${escape(line)}</text>`),
    );
  });
  parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${m.top + plotH}" y2="${m.top + plotH}" stroke="#000000" stroke-width="1.5"/>`, '</svg>');
  return parts.join('\n');
}

/** PNG of an SVG, `scale` times its size (2 prints sharply at the size the document shows it). */
export function rasterise(svg: string, scale = 2): Buffer {
  const fontFile = CJK_FONT_FILES.find((f) => fs.existsSync(f));
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: fontFile
      ? { loadSystemFonts: false, fontFiles: [fontFile], defaultFontFamily: CHART_FONT_FAMILY }
      : { loadSystemFonts: true },
  });
  return resvg.render().asPng();
}
