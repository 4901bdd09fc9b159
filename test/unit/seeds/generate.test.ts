import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateBundle, type GenerateResult } from '../../../seeds/generate/index.js';
import { bundleProblems } from './support/bundle-rules.js';
import { bundleShape, type Shape } from './support/bundle-shape.js';
import { readBundle, type Bundle } from './support/read-bundle.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-seeds-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function filesOf(dir: string): Record<string, Buffer> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

describe('generateBundle determinism', () => {
  it('gives byte-identical files for the same seed and different ones for another seed', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => path.join(tmp, n));
    await generateBundle({ scale: 'city', seed: 7, outDir: a });
    await generateBundle({ scale: 'city', seed: 7, outDir: b });
    await generateBundle({ scale: 'city', seed: 8, outDir: c });
    const [fa, fb, fc] = [a, b, c].map(filesOf);
    expect(Object.keys(fa)).toHaveLength(12);
    for (const name of Object.keys(fa)) expect(fb[name].equals(fa[name])).toBe(true);
    expect(fc['hazards.csv'].equals(fa['hazards.csv'])).toBe(false);
    expect(fc['units.csv'].equals(fa['units.csv'])).toBe(true); // Jincheng's units do not vary
  });
});

describe('the city bundle', () => {
  let result: GenerateResult;
  let bundle: Bundle;
  let shape: Shape;
  const dir = path.join(tmp, 'city');

  beforeAll(async () => {
    let progress = 0;
    result = await generateBundle({ scale: 'city', seed: 1, outDir: dir, onProgress: (rows) => (progress = rows) });
    expect(progress).toBeGreaterThan(0);
    bundle = readBundle(dir);
    shape = bundleShape(bundle);
  });

  it('reports the rows it wrote, file by file', () => {
    for (const [file, rows] of Object.entries(result.files)) expect(bundle[file as keyof Bundle]).toHaveLength(rows);
    expect(result.rows).toBe(Object.values(result.files).reduce((s, n) => s + n, 0));
  });

  it('passes every refusal rule of bundle.md', () => {
    expect(bundleProblems(bundle)).toEqual([]);
  });

  it("holds Jincheng's eight units and ~80–150 enterprises in each county-level unit", () => {
    expect(bundle.units.map((u) => u.code)).toEqual(['140500', '140502', '140521', '140522', '140524', '140525', '140581', '140500KF']);
    for (const u of bundle.units.filter((x) => x.level !== 'city')) {
      const n = bundle.enterprises.filter((e) => e.unit_code === u.code).length;
      expect(n).toBeGreaterThanOrEqual(u.level === 'zone' ? 30 : 80);
      expect(n).toBeLessThanOrEqual(150);
    }
    const inScope = bundle.enterprises.filter((e) => e.industry !== 'other' || e.risk_level !== 'general');
    expect(inScope.length / bundle.enterprises.length).toBeGreaterThan(0.6);
  });

  it('quotes values that need it (RFC 4180) and reads them back whole', () => {
    const raw = fs.readFileSync(path.join(dir, 'hazards.csv'), 'utf8');
    expect(raw).toContain(',"按HJ 1276-2022, 设置识别标志",');
    expect(bundle.hazards.some((h) => h.measures === '按HJ 1276-2022, 设置识别标志')).toBe(true);
  });

  it('looks like a campaign: hazards mostly rectified, some overdue, more found in the enforcement months', () => {
    expect(shape.hazards).toBeGreaterThan(150);
    expect(shape.hazards).toBeLessThan(800);
    expect(shape.rectifiedShare).toBeGreaterThan(0.5);
    expect(shape.overdue).toBeGreaterThan(0);
    expect(shape.overdue / shape.hazards).toBeLessThan(0.35);
    expect(shape.listed).toBeGreaterThan(0);
    expect(shape.enforcementMonthShare).toBeGreaterThan(5 / 8.2 - 0.1); // Jul–Nov is 5 of the 8.2 months
    expect(shape.linkedPenalties).toBeGreaterThan(0);
    expect(shape.typicalCrime).toBeGreaterThan(0);
    expect(shape.refound).toBeGreaterThan(0);
  });

  it('assigns hazards with weekly feedback, and a few Fridays are missed', () => {
    expect(shape.assigned).toBeGreaterThan(5);
    expect(bundle.feedback.length).toBeGreaterThan(shape.assigned * 3);
    expect(shape.missedFridays).toBeGreaterThan(0);
    expect(shape.missedFridays / bundle.feedback.length).toBeLessThan(0.2);
  });

  it('has counties sweeping in Jul–Aug, the city spot-checking ~20% in Sep–Nov, and 该发现而未发现 cases', () => {
    for (const share of Object.values(shape.sweep)) expect(share).toBeGreaterThan(0.75);
    for (const share of Object.values(shape.spotCheck)) {
      expect(share).toBeGreaterThanOrEqual(0.2);
      expect(share).toBeLessThan(0.4);
    }
    expect(shape.missedHazards).toBeGreaterThan(0);
  });

  it('has rosters of 1 main + 2–4 members who mostly meet the monthly rule, and mostly timely submissions', () => {
    for (const u of bundle.units) {
      const roles = bundle.leaders.filter((l) => l.unit_code === u.code).map((l) => l.role);
      expect(roles.filter((r) => r === 'main')).toHaveLength(1);
      expect(roles.length - 1).toBeGreaterThanOrEqual(2);
      expect(roles.length - 1).toBeLessThanOrEqual(4);
    }
    expect(shape.leaderMonthsMet).toBeGreaterThan(0.75);
    expect(shape.leaderMonthsMet).toBeLessThan(1);
    expect(shape.submissionsLate).toBeGreaterThan(0);
    expect(shape.submissionsOnTime / bundle.submissions.length).toBeGreaterThan(0.8);
    expect(bundle.submissions.length).toBeLessThan(bundle.units.length * 17); // some never came
  });
});
