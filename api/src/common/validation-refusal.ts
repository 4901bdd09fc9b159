import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

// class-validator's messages as Nest joins them ("fundsWan must be a number …"), plus the first field
// refused as `field` (dotted for nested DTOs), so a form can show the refusal beside its input.
export function validationRefusal(errors: ValidationError[]): BadRequestException {
  const messages: string[] = [];
  let field: string | undefined;
  const walk = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const path = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) {
        field ??= path;
        // nested errors name their property only; say the whole path
        messages.push(...Object.values(e.constraints).map((m) => (prefix ? `${prefix}.${m}` : m)));
      }
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(errors, '');
  return new BadRequestException({ message: messages, code: 'BAD_REQUEST', field });
}
