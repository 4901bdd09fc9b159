import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import type { DispatchJson } from '../../analytics/src/contracts.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { endOfMonth, loadCampaign } from '../../api/src/campaign/campaign.js';
import { DomainError } from '../../api/src/common/domain-error.js';
import { valueAddresses } from '../../api/src/exports/dispatch-sheet.js';
import { dispatchWorkbookBuffer } from '../../api/src/exports/dispatch-workbook.js';
import { COUNTED_ITEMS, ledgerRecords } from '../../api/src/reconcile/ledger-records.js';
import { reconcileTable } from '../../api/src/reconcile/reconcile.js';
import { latestReconciliations, listReconciliations } from '../../api/src/reconcile/reconciliations.repository.js';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { describeWith } from '../support/requires.js';

const ADDR = valueAddresses();

/** One unit's sheet of the exported workbook, saved alone as a county would send it back, after `edit`. */
async function handFilled(d: DispatchJson, sheet: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await dispatchWorkbookBuffer(d) as never);
  for (const ws of [...wb.worksheets]) if (ws.name !== sheet) wb.removeWorksheet(ws.id);
  edit(wb.getWorksheet(sheet)!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeWith([], 'reconciliation of hand-filled 调度表 against the sample ledger', () => {
  let t: TestDatabase;
  let engine: AnalyticsEngine;
  let aug: DispatchJson;
  beforeAll(async () => {
    t = await freshDatabase('embedded');
    await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
    engine = await AnalyticsEngine.create();
    await engine.loadFromLedger(t.db.dataSource);
    aug = await engine.dispatch('2023-08');
  });
  afterAll(async () => {
    await engine?.close();
    await t?.drop();
  });

  it('lists, for every unit, as many records behind each counted item as the figure says', async () => {
    const { startOn } = await loadCampaign(t.db.dataSource);
    for (const month of ['2023-08', '2023-12']) {
      const d = month === '2023-08' ? aug : await engine.dispatch(month);
      for (const u of d.units) {
        const records = await ledgerRecords(t.db.dataSource, u.unit, startOn, endOfMonth(month), COUNTED_ITEMS);
        const counts = Object.fromEntries(COUNTED_ITEMS.map((k) => [k, records.get(k)!.length]));
        expect({ unit: u.unit, ...counts }).toEqual({ unit: u.unit, ...Object.fromEntries(COUNTED_ITEMS.map((k) => [k, (u as Record<string, unknown>)[k]])) });
      }
    }
  });

  it('reports exactly the two altered cells, with the ledger records behind them, and keeps the result', async () => {
    const row = aug.units.find((u) => u.unit === '140521')!;
    const file = await handFilled(aug, '沁水县', (ws) => {
      ws.getCell(ADDR.get('A3')!).value = row.A3 + 1;
      // typed as people type it, with the part's name
      ws.getCell(ADDR.get('C6_closed')!).value = `（关闭）${row.C6_closed + 2}`;
    });
    const r = await reconcileTable(t.db.dataSource, aug, { unit: '140521', file, fileName: 'qinshui.xlsx', actor: 'test' });
    expect(r.differences.map(({ item, reported, ledger }) => ({ item, reported, ledger }))).toEqual([
      { item: 'A3', reported: row.A3 + 1, ledger: row.A3 },
      { item: 'C6_closed', reported: row.C6_closed + 2, ledger: row.C6_closed },
    ]);
    expect(r.differences[0].records).toHaveLength(row.A3);
    expect(r.differences[0].records.every((n) => n.startsWith('JC-140521-'))).toBe(true);
    const stored = await listReconciliations(t.db.dataSource, { unit: '140521' });
    expect(stored[0]).toMatchObject({ id: r.id, unit: '140521', month: '2023-08', fileName: 'qinshui.xlsx', sheet: '沁水县', differenceCount: 2 });
    expect(await latestReconciliations(t.db.dataSource, '2023-08')).toEqual([{ unit: '140521', differences: 2, items: ['A3', 'C6_closed'] }]);
  });

  it('finds no difference in an untouched table, and reads blanks as nothing reported', async () => {
    const clean = await reconcileTable(t.db.dataSource, aug, { unit: '140502', file: await handFilled(aug, '城区', () => undefined), actor: 'test' });
    expect(clean.differences).toEqual([]);
    const row = aug.units.find((u) => u.unit === '140502')!;
    const blanks = await handFilled(aug, '城区', (ws) => {
      ws.getCell(ADDR.get('B1')!).value = null; // the ledger has 10 there
      ws.getCell(ADDR.get('C1')!).value = null; // the ledger has 0: a blank agrees
      ws.getCell(ADDR.get('C3_count')!).value = `${row.C3_count}次`;
      ws.getCell(ADDR.get('C10')!).value = '无';
    });
    const r = await reconcileTable(t.db.dataSource, aug, { unit: '140502', file: blanks, actor: 'test' });
    expect(r.differences.map((d) => [d.item, d.reported, d.ledger])).toEqual([['B1', null, row.B1]]);
    expect(r.differences[0].records).toHaveLength(row.B1);
    // the latest check of each unit is what the briefing counts
    expect(await latestReconciliations(t.db.dataSource, '2023-08')).toEqual([
      { unit: '140502', differences: 1, items: ['B1'] },
      { unit: '140521', differences: 2, items: ['A3', 'C6_closed'] },
    ]);
  });

  it('refuses a cell in words, a table of another unit and a file that is not a workbook, saying which', async () => {
    const words = await handFilled(aug, '城区', (ws) => { ws.getCell(ADDR.get('A5')!).value = '见附件'; });
    await expect(reconcileTable(t.db.dataSource, aug, { unit: '140502', file: words, actor: 'test' })).rejects.toThrow(new RegExp(`cell ${ADDR.get('A5')} \\(总体情况第5项\\) holds "见附件"`));
    const other = await handFilled(aug, '城区', () => undefined);
    await expect(reconcileTable(t.db.dataSource, aug, { unit: '140521', file: other, actor: 'test' })).rejects.toThrow(/单位 line says "城区"/);
    await expect(reconcileTable(t.db.dataSource, aug, { unit: '140502', file: Buffer.from('not a zip'), actor: 'test' })).rejects.toBeInstanceOf(DomainError);
    await expect(reconcileTable(t.db.dataSource, aug, { unit: 'NOPE', file: other, actor: 'test' })).rejects.toThrow(/no unit with code NOPE/);
  });

  it('reads a table laid out a row lower with labels typed in half-width brackets', async () => {
    const shifted = await handFilled(aug, '沁水县', (ws) => {
      ws.spliceRows(2, 0, ['填报人：张三']);
      ws.eachRow((r) => r.eachCell((c) => { if (typeof c.value === 'string') c.value = c.value.replace(/（/g, '(').replace(/）/g, ')'); }));
    });
    const r = await reconcileTable(t.db.dataSource, aug, { unit: '140521', file: shifted, actor: 'test' });
    expect(r.differences).toEqual([]);
  });
});
