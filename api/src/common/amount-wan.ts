import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An amount in 万元 with at most two decimals (the ledger's numeric(…, 2)). class-validator's
 * `IsNumber({ maxDecimalPlaces })` reads the decimals off `String(value)` and throws on exponent forms
 * such as 5e-324 (a 500 found by the hostile-body property test); a number equal to itself rounded to
 * cents is the same rule with no string to misread.
 */
export function IsAmountWan(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAmountWan',
      validator: {
        validate: (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Number(v.toFixed(2)) === v,
        defaultMessage: (a) => `${a?.property}: must be a number of 万元 with at most 2 decimal places`,
      },
    },
    options,
  );
}
