import { calendarDateProblem } from '../common/calendar-date.js';
import { creditCodeProblem } from './credit-code.js';
import { KEY_MAX_LENGTH, type ColumnSpec } from './bundle-files.js';

/** A cell as the ledger stores it: dates 'YYYY-MM-DD', money as numeric(14,2) text ('4.20'), lists as arrays. */
export type Value = string | number | boolean | string[] | null;

export type CellResult = { value: Value } | { problem: string };

const TRUE = ['true', '1', '是'];
const FALSE = ['false', '0', '否'];
const INT_MAX = 2147483647;
/** numeric(14,2): twelve digits before the point */
const MONEY_INT_DIGITS = 12;

function parseDate(s: string): CellResult {
  const problem = calendarDateProblem(s);
  if (problem === 'format') return { problem: `"${s}" is not a date written YYYY-MM-DD` };
  if (problem) return { problem: `"${s}" is a date that does not exist` };
  return { value: s };
}

// Rounds half away from zero on the decimal digits themselves, as PostgreSQL's numeric does, so that the
// value compared on re-import is exactly the one stored (binary floats would round 1.005 down).
function roundMoney(intPart: string, frac: string): string {
  const digits = (intPart.replace(/^0+(?=\d)/, '') + (frac + '000').slice(0, 3)).split('').map(Number);
  const roundUp = digits.pop()! >= 5;
  let carry = roundUp ? 1 : 0;
  for (let i = digits.length - 1; i >= 0 && carry; i--) {
    const d = digits[i] + carry;
    digits[i] = d % 10;
    carry = d >= 10 ? 1 : 0;
  }
  if (carry) digits.unshift(1);
  const s = digits.join('');
  return `${s.slice(0, -2) || '0'}.${s.slice(-2)}`;
}

function parseMoney(s: string): CellResult {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) return { problem: `"${s}" is not a number` };
  const value = roundMoney(m[2] || '0', m[3] ?? '');
  if (m[1] === '-' && /[1-9]/.test(m[2] + (m[3] ?? ''))) return { problem: `${s} is negative` };
  if (value.length - 3 > MONEY_INT_DIGITS) return { problem: `${s} is too large (at most ${MONEY_INT_DIGITS} digits before the point)` };
  return { value };
}

function parseCount(s: string): CellResult {
  if (/^-\d+(\.\d+)?$/.test(s) && /[1-9]/.test(s)) return { problem: `${s} is negative` };
  if (!/^-?\d+$/.test(s)) return { problem: `"${s}" is not a whole number` };
  const n = Number(s);
  if (n > INT_MAX) return { problem: `${s} is too large` };
  return { value: n === 0 ? 0 : n };
}

function parseText(c: ColumnSpec, s: string): CellResult {
  switch (c.type) {
    case 'enum': {
      const i = c.values!.indexOf(s);
      return i >= 0 ? { value: c.values![i] } : { problem: `"${s}" is not one of ${c.values!.join(', ')}` };
    }
    case 'boolean': {
      const l = s.toLowerCase();
      if (TRUE.includes(l)) return { value: true };
      if (FALSE.includes(l)) return { value: false };
      return { problem: `"${s}" is not a boolean (true/false, 1/0, 是/否)` };
    }
    case 'date':
      return parseDate(s);
    case 'count':
      return parseCount(s);
    case 'money':
      return parseMoney(s);
    case 'creditCode': {
      const p = creditCodeProblem(s);
      return p ? { problem: p } : { value: s };
    }
    case 'month':
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(s) ? { value: s } : { problem: `"${s}" is not a month written YYYY-MM` };
    case 'list': {
      // the signers of inspections: a few names each, the same few thousand across the bundle
      const items = s.split(';').map((x) => x.trim()).filter((x) => x !== '');
      return { value: items.length ? items : null };
    }
    case 'key':
      if (s.length > KEY_MAX_LENGTH) return { problem: `is longer than ${KEY_MAX_LENGTH} characters` };
      return { value: s };
    default:
      return { value: s };
  }
}

/** The stored value of one cell, or what is wrong with it. An empty cell is null (or the column's fallback). */
export function parseCell(c: ColumnSpec, raw: string): CellResult {
  const s = raw.trim();
  if (s.includes('\u0000')) return { problem: 'contains a NUL character, which the ledger cannot store' };
  const r: CellResult = s === '' ? { value: null } : parseText(c, s);
  if ('problem' in r) return r;
  if (r.value === null) {
    if (c.fallback !== undefined) return { value: c.fallback };
    if (c.required) return { problem: 'required value is missing' };
  }
  return r;
}
