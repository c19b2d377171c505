import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ErrorCodes, ErrorCodeWith } from '@app/domain';

/**
 * How deep a request body may nest. Our deepest DTO is 3 levels; class-transformer recurses once
 * per level and overflows the stack near 2,000, so anything past this is refused untouched.
 */
export const MAX_INPUT_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Where @nestjs/swagger keeps @ApiProperty options (its DECORATORS.API_MODEL_PROPERTIES). */
const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

export interface InputProblem {
  code: Extract<ErrorCodeWith<400>, 'PAYLOAD_TOO_DEEP' | 'TEXT_NOT_ALLOWED' | 'VALIDATION_FAILED'>;
  message: string;
  field: string;
}

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function textProblem(text: string, field: string): InputProblem | null {
  // PostgreSQL cannot store NUL in text, and a lone UTF-16 surrogate is not Unicode at all.
  if (text.includes('\u0000'))
    return { code: ErrorCodes.TEXT_NOT_ALLOWED, message: `${field || 'The value'} contains a NUL character.`, field };
  if (!text.isWellFormed())
    return {
      code: ErrorCodes.TEXT_NOT_ALLOWED,
      message: `${field || 'The value'} contains text that is not valid Unicode.`,
      field,
    };
  return null;
}

/**
 * What no handler should ever see, in a body, a query or a path parameter: nesting past
 * MAX_INPUT_DEPTH, keys that reach an object's prototype, NUL bytes and lone surrogates in a key
 * or a value. Returns the first problem, naming the field, or null.
 */
export function findInputProblem(value: unknown, field = '', depth = 0): InputProblem | null {
  if (typeof value === 'string') return textProblem(value, field);
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_INPUT_DEPTH)
    return {
      code: ErrorCodes.PAYLOAD_TOO_DEEP,
      message: `The input nests deeper than ${MAX_INPUT_DEPTH} levels.`,
      field,
    };
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = findInputProblem(item, join(field, index), depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const at = join(field, key);
    if (FORBIDDEN_KEYS.has(key))
      return {
        code: ErrorCodes.VALIDATION_FAILED,
        message: 'Keys named __proto__, constructor or prototype are not accepted.',
        field: at,
      };
    const problem = textProblem(key, at) ?? findInputProblem((value as Record<string, unknown>)[key], at, depth + 1);
    if (problem) return problem;
  }
  return null;
}

type Class = abstract new (...args: never[]) => unknown;
const isDtoClass = (type: unknown): type is Class =>
  typeof type === 'function' && type.prototype !== undefined && Reflect.getMetadataKeys(type.prototype).length > 0;

/**
 * A value whose shape the DTO's OpenAPI properties do not allow, though class-validator would
 * let it through: `null` for a field not declared `nullable` (@IsOptional lets null pass, and it
 * would then reach a NOT NULL column), or an array for a field declared as one nested object
 * (@ValidateNested validates an array element by element, so `[]` passed as an empty object).
 * The OpenAPI document is the contract clients read, so it is also what decides here.
 */
export function findShapeProblem(value: unknown, dto: Class, field = '', depth = 0): InputProblem | null {
  if (depth > MAX_INPUT_DEPTH || value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const options = Reflect.getMetadata(SWAGGER_PROPERTY, dto.prototype as object, key) as
      { nullable?: boolean; type?: unknown; isArray?: boolean } | undefined;
    if (!options) continue; // an unknown field: the ValidationPipe refuses it by name
    const at = join(field, key);
    if (item === null && options.nullable !== true)
      return { code: ErrorCodes.VALIDATION_FAILED, message: `${at} must not be null`, field: at };
    const declaredArray = options.isArray === true || Array.isArray(options.type);
    const nested = Array.isArray(options.type) ? (options.type as unknown[])[0] : options.type;
    if (!isDtoClass(nested)) continue;
    if (!declaredArray && Array.isArray(item))
      return { code: ErrorCodes.VALIDATION_FAILED, message: `${at} must be an object`, field: at };
    for (const [index, element] of (Array.isArray(item) ? item : [item]).entries()) {
      const problem = findShapeProblem(element, nested, Array.isArray(item) ? join(at, index) : at, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

const refuse = (problem: InputProblem) =>
  new BadRequestException({ code: problem.code, message: problem.message, details: { field: problem.field } });

/**
 * Runs before the ValidationPipe on every parameter. A DTO-typed body must be one JSON object
 * (class-validator validates an array element-wise, so `[]` or `[{}]` would pass), and no body,
 * query or path parameter may carry input that would crash a transformer or the database.
 */
@Injectable()
export class ObjectBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problem = findInputProblem(value, metadata.data ?? '');
    if (problem) throw refuse(problem);
    if (
      metadata.type !== 'body' ||
      !metadata.metatype ||
      [Object, Array, String, Number, Boolean].includes(metadata.metatype as never)
    )
      return value;
    if (value === undefined) return {}; // an empty body is an empty object; the DTO decides
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new BadRequestException('The request body must be a JSON object.');
    }
    const shapeProblem = findShapeProblem(value, metadata.metatype);
    if (shapeProblem) throw refuse(shapeProblem);
    return value;
  }
}
