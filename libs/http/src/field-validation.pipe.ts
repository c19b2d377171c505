import { BadRequestException, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** One refused value: the property path (`contact.phone`, `bags.0.tag`), the rule that failed and its message. */
export interface RefusedField {
  field: string;
  rule: string;
  message: string;
}

/** Every failed rule of every property, depth first, named by the property's path. */
export function refusedFields(errors: ValidationError[], parent = ''): RefusedField[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...refusedFields(e.children ?? [], field)];
  });
}

/**
 * Nest's ValidationPipe, whose 400 also names the refused fields (`fields`, read by the
 * ProblemFilter into `details.fields`), so that a form can show each message at its field.
 */
export class FieldValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
    this.exceptionFactory = (errors: ValidationError[]) => new BadRequestException({ message: this.flattenValidationErrors(errors), fields: refusedFields(errors) });
  }
}
