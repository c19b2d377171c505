import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What no handler should ever see in a body: keys that could reach an object's prototype
 * (prototype pollution), and text that is not well-formed Unicode (a lone UTF-16 surrogate makes
 * some validators throw, and PostgreSQL refuses it). Returns the problem, or null.
 */
function findBodyProblem(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return value.isWellFormed() ? null : 'The body contains text that is not valid Unicode.';
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return 'Keys named __proto__, constructor or prototype are not accepted.';
    const problem = findBodyProblem(key, depth + 1) ?? findBodyProblem((value as Record<string, unknown>)[key], depth + 1);
    if (problem) return problem;
  }
  return null;
}

/**
 * class-validator validates an array body element-wise, so `[]` or `[{}]` would pass as an
 * object DTO. A DTO-typed body must be one JSON object.
 */
@Injectable()
export class ObjectBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || !metadata.metatype || [Object, Array, String, Number, Boolean].includes(metadata.metatype as never)) return value;
    if (value === undefined) return {}; // an empty body is an empty object; the DTO decides
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new BadRequestException('The request body must be a JSON object.');
    }
    const problem = findBodyProblem(value);
    if (problem) throw new BadRequestException(problem);
    return value;
  }
}
