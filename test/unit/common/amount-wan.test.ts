import { expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import { IsAmountWan } from '../../../api/src/common/amount-wan.js';

class Body {
  @IsAmountWan() fundsWan: unknown;
}

const refused = (v: unknown) => {
  const b = new Body();
  b.fundsWan = v;
  return validateSync(b).length > 0;
};

it('takes amounts of 万元 to the cent and refuses the rest without throwing (5e-324 was a 500)', () => {
  expect([0, 12.5, 3.07, 999999999.99].map(refused)).toEqual([false, false, false, false]);
  expect([5e-324, 1e-7, 0.1 + 0.2, 12.345, Number.NaN, Infinity, '12.5', null].map(refused)).toEqual([true, true, true, true, true, true, true, true]);
});
