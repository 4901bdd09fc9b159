import { describe, expect, it } from '@jest/globals';
import { creditCodeProblem } from '../../../api/src/bundle/credit-code.js';

describe('GB 32100-2015 credit code', () => {
  it('accepts a code whose check character matches', () => {
    expect(creditCodeProblem('91140502L12TH3BJ3R')).toBeUndefined();
  });
  it('refuses a wrong check character and names the expected one', () => {
    expect(creditCodeProblem('91140502L12TH3BJ3A')).toMatch(/check digit \(expected "R", found "A"\)/);
  });
  it('refuses letters the standard does not use and wrong lengths', () => {
    expect(creditCodeProblem('91140502L12TH3BJ3')).toMatch(/18 characters/);
    expect(creditCodeProblem('91140502L12TH3BJIR')).toMatch(/"I"/);
  });
});
