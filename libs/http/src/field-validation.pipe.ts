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
 * Nest's ValidationPipe, whose 400 also names the refused fields in its details (`details.fields`,
 * passed on by the ProblemFilter), so that a form can show each message at its field.
 */
export class FieldValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
    this.exceptionFactory = (errors: ValidationError[]) => {
      const messages = this.flattenValidationErrors(errors);
      return new BadRequestException({
        message: messages,
        details: { ...(messages.length > 1 ? { errors: messages } : {}), fields: refusedFields(errors) },
      });
    };
  }
}
