import { registerDecorator, type ValidationOptions } from 'class-validator';
import { creditCodeProblem } from '../../bundle/credit-code.js';
import { isCalendarDate } from '../../common/calendar-date.js';

/** A date the ledger can hold (common/calendar-date.ts: the bundle's cells follow the same rule). */
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
