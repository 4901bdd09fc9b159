import { describe, expect, it } from '@jest/globals';
import { renderTrace } from '../../../api/src/cli/commands/trace.command.js';

describe('the CLI trace table', () => {
  it('names units by their names, keeps ledger numbers and dates as they are', () => {
    const text = renderTrace({
      month: '2024-08', asOf: '2024-08-31',
      missed: [{ hazard: 'JC-1', unit: '140525', foundOn: '2024-07-02', inspections: [{ id: 'I-1', inspectedOn: '2024-06-01', signers: ['甲', '乙'] }] }],
      overdue: [{ hazard: 'JC-2', unit: '140502', deadline: '2024-07-15', tracker: null, responsiblePerson: '责任人1' }],
    } as Parameters<typeof renderTrace>[0], (c) => ({ '140525': '泽州县', '140502': '城区' })[c] ?? c);
    expect(text).toContain('责任追溯 2024-08（截至 2024-08-31）');
    expect(text).toMatch(/JC-1\s+泽州县\s+2024-07-02\s+I-1 2024-06-01 甲、乙/);
    expect(text).toMatch(/JC-2\s+城区\s+2024-07-15\s+责任人1/);
    expect(text).not.toContain('140525');
  });
});
