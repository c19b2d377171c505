import { ValueTransformer } from 'typeorm';

/** pg returns NUMERIC/BIGINT as strings to keep precision; coordinates are safe as doubles. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
