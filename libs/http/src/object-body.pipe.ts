import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True when any nested key could reach an object's prototype (prototype-pollution attempts). */
function hasPrototypeKey(value: unknown, depth = 0): boolean {
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key) || hasPrototypeKey((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
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
    if (hasPrototypeKey(value)) throw new BadRequestException('Keys named __proto__, constructor or prototype are not accepted.');
    return value;
  }
}
