import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_EXPECTED, SAMPLE_MONTHS } from '../../support/databases.js';
import type { DispatchJson } from '../../../analytics/src/contracts.js';
import { sampleEngine } from './sample-engine.js';

// The dispatch tables of the sample ledger, every month, figure for figure against the expected files
// (computed independently from domain.md section 5), unit order included.
describe('dispatch tables of the sample ledger', () => {
  let sample: Awaited<ReturnType<typeof sampleEngine>>;
  beforeAll(async () => { sample = await sampleEngine(); });
  afterAll(async () => { await sample?.close(); });

  it.each(SAMPLE_MONTHS)('%s equals the expected file', async (month) => {
    const expected: DispatchJson = JSON.parse(fs.readFileSync(path.join(SAMPLE_EXPECTED, `dispatch-${month}.json`), 'utf8'));
    const got = await sample.engine.dispatch(month);
    expect(got.units.map((u) => u.unit)).toEqual(expected.units.map((u) => u.unit));
    expect(got).toEqual(expected);
    // what the CLI writes: no bigint or DuckDB object may be left in it
    expect(JSON.parse(JSON.stringify(got))).toEqual(expected);
  });

  it('refuses a month the campaign does not assess', async () => {
    await expect(sample.engine.dispatch('2023-04')).rejects.toThrow(/2023-04 is not an assessed month.*2023-05 … 2023-12/);
    await expect(sample.engine.dispatch('2024-1')).rejects.toThrow(/YYYY-MM/);
  });
});
