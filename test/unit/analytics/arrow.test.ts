// analytics/src/arrow.ts on its own: batches share one dictionary, decimals stay exact (negative, zero,
// more digits than a double's shortest text would keep refused), nulls and nested records survive.
import { describe, expect, it } from '@jest/globals';
import { RecordBatchStreamWriter, tableFromIPC } from 'apache-arrow';
import { arrowBatches, arrowBytes, type ArrowContract, decimalText, epochDay, projectRow, readArrow, rowsOfTable as rowsOf, unscaled } from '../../../analytics/src/arrow.js';

interface Row { code: string | null; on: string | null; amount: number | null; n: number; tags: string[]; visits: { on: string; who: string[] }[] }

const CONTRACT: ArrowContract<{ rows: Row[]; month: string }> = {
  tables: {
    rows: {
      rows: (j) => j.rows,
      columns: [
        { name: 'code', type: 'code' }, { name: 'on', type: 'date' }, { name: 'amount', type: { decimal: 2 } }, { name: 'n', type: 'int' },
        { name: 'tags', type: 'codes' }, { name: 'visits', type: { records: [{ name: 'on', type: 'date' }, { name: 'who', type: 'codes' }] } },
      ],
    },
  },
  meta: (j) => ({ month: j.month }),
};

const rows: Row[] = Array.from({ length: 25 }, (_, i) => ({
  code: i % 7 === 0 ? null : `C${i % 3}`,
  on: i % 5 === 0 ? null : `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  amount: i % 4 === 0 ? null : [0, -0.01, 12.35, 99999999999.99, -3.1][i % 5],
  n: i - 10,
  tags: i % 2 ? ['a', 'b'] : [],
  visits: i % 3 ? [{ on: '2023-08-01', who: ['x'] }, { on: '2024-02-29', who: [] }] : [],
}));

describe('Arrow streams', () => {
  it('round-trips rows through several batches that share one dictionary', () => {
    const writer = new RecordBatchStreamWriter();
    const batches = [...arrowBatches(CONTRACT, { rows, month: '2023-08' }, undefined, 10)];
    expect(batches.map((b) => b.numRows)).toEqual([10, 10, 5]);
    for (const b of batches) writer.write(b);
    const table = tableFromIPC(writer.finish().toUint8Array(true));
    const back = readArrow(arrowBytes(CONTRACT, { rows, month: '2023-08' }));
    expect(back.meta.month).toBe('2023-08');
    expect(back.meta.rows).toBe('25');
    const expected = rows.map((r) => projectRow(r, CONTRACT.tables.rows.columns));
    expect(back.rows).toEqual(expected);
    expect(rowsOf(table)).toEqual(expected);
    expect(table.numRows).toBe(25);
    // one dictionary for the column across the batches
    const dict = table.getChild('code')!.data.map((d) => d.dictionary);
    expect(new Set(dict).size).toBe(1);
  });

  it('writes an empty answer as a schema and no rows', () => {
    const back = readArrow(arrowBytes(CONTRACT, { rows: [], month: '2023-09' }));
    expect(back.rows).toEqual([]);
    expect(back.table.schema.fields.length).toBe(6);
  });

  it('keeps decimals exact and refuses digits beyond the scale', () => {
    expect(unscaled(12.35, 2)).toBe(1235n);
    expect(unscaled(-0.01, 2)).toBe(-1n);
    expect(unscaled('7', 2)).toBe(700n);
    expect(() => unscaled(0.125, 2)).toThrow(/more than 2 decimal places/);
    expect(decimalText(new Uint32Array([1235, 0, 0, 0]), 2)).toBe('12.35');
    expect(decimalText(new Uint32Array([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]), 2)).toBe('-0.01');
    expect(epochDay('1970-01-02')).toBe(1);
    expect(epochDay('2024-02-29')).toBe(19782);
    expect(() => epochDay('2023-02-30')).toThrow(/not a date/);
  });
});
