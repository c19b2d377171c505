import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

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
    return value;
  }
}
