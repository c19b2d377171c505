import { getMetadataArgsStorage } from 'typeorm';
import * as schema from './schema';

export * from './schema';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityClass = Function;

/** The classes TypeORM knows as tables, taken from the schema's exports (one list to keep). */
export const ENTITIES: EntityClass[] = (Object.values(schema) as unknown[]).filter(
  (value): value is EntityClass =>
    typeof value === 'function' && getMetadataArgsStorage().tables.some((table) => table.target === value),
);
