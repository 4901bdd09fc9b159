import { registerDecorator, type ValidationOptions } from 'class-validator';
import { creditCodeProblem } from '../../bundle/credit-code.js';

/**
 * 'YYYY-MM-DD' naming a day that exists (2023-02-30 does not). Year 0000 is refused as the bundle's
 * cells refuse it (cell-values.ts): JavaScript's calendar has it, PostgreSQL's does not, and a drill
 * dated 0000-01-01 was answered 500 (dto-hostile, seed 1728067963).
 */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || v.startsWith('0000')) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a date YYYY-MM-DD that exists', ...options },
      validator: { validate: isCalendarDate },
    });
  };
}

/** A month 'YYYY-MM'. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 统一社会信用代码 with a valid GB 32100-2015 check character; the message says what is wrong. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: (a) => `${a.property}: ${typeof a.value === 'string' ? creditCodeProblem(a.value) : 'must be an 18-character credit code'}`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && creditCodeProblem(v) === undefined },
    });
  };
}

/** Booleans in a query string: 'true' or 'false' only. */
export const BOOL_STRINGS = ['true', 'false'] as const;
export const queryFlag = (v?: string): boolean | undefined => (v === undefined ? undefined : v === 'true');
