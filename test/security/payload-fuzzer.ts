import { createRng } from '@app/dispatch';

/**
 * Malformed and edge-case payloads derived from an OpenAPI request schema. Every case breaks the
 * schema in at least one way (wrong type, missing required field, unknown field, out-of-range
 * value, malformed JSON...), so a correct API answers each one with a 4xx.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  $ref?: string;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
}

export interface FuzzCase {
  label: string;
  /** Raw body text (may be invalid JSON on purpose). */
  body: string;
  contentType: string;
}

/** Seeded, so a failing case can be replayed: the engine's own PRNG. */
export function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}

const NASTY_STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '../../../../etc/passwd',
  '\u0000',
  '\ud800',
  '🚐🧳'.repeat(50),
  '검단'.repeat(300),
  'a'.repeat(10_000),
  '1e309',
  'NaN',
  '-1',
  '2026-02-30T25:61:00Z',
  '0000-00-00',
  '{"$gt": ""}',
  '%00%0d%0a',
  'null',
];
const NASTY_NUMBERS = [-1, 0, -0.5, 1e309 /* Infinity: serialises to null */, Number.MAX_SAFE_INTEGER * 16, 3.14159, -2147483649, 1e-320];
const NASTY_VALUES: unknown[] = [null, true, false, [], {}, [[[]]], { $where: '1' }, { __proto__: { admin: true } }, ...NASTY_NUMBERS, ...NASTY_STRINGS];

export function resolveSchema(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, depth = 0): JsonSchema {
  if (!schema || depth > 8) return {};
  if (schema.$ref) return resolveSchema(components[schema.$ref.split('/').pop()!], components, depth + 1);
  if (schema.allOf?.length) {
    return schema.allOf.reduce<JsonSchema>((acc, s) => {
      const r = resolveSchema(s, components, depth + 1);
      return { ...acc, ...r, properties: { ...acc.properties, ...r.properties }, required: [...(acc.required ?? []), ...(r.required ?? [])] };
    }, {});
  }
  return schema;
}

/** A plausible value for a schema, used as the base that each case then breaks. */
export function plausible(schema: JsonSchema, components: Record<string, JsonSchema>, random: () => number, depth = 0): unknown {
  const s = resolveSchema(schema, components);
  if (s.enum?.length) return s.enum[Math.floor(random() * s.enum.length)];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'integer':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 3, 1));
    case 'number':
      return s.minimum ?? 1.5;
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : [plausible(s.items ?? {}, components, random, depth + 1)];
    case 'string':
      if (s.format === 'uuid') return '6f1c1b2e-3a43-4c4b-9f0e-0a6a4f3b2a11';
      if (s.format === 'date-time') return '2030-01-01T10:00:00.000Z';
      if (s.format === 'email') return 'fuzz@example.com';
      return 'text';
    default: {
      if (!s.properties || depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties)) out[key] = plausible(prop, components, random, depth + 1);
      return out;
    }
  }
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

/** `count` cases for one request schema (or for an endpoint without a body: junk bodies). */
export function fuzzCases(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, count: number, seed: number): FuzzCase[] {
  const random = rng(seed);
  const resolved = resolveSchema(schema, components);
  const keys = Object.keys(resolved.properties ?? {});
  const json = (label: string, value: unknown): FuzzCase => ({ label, body: JSON.stringify(value) ?? 'null', contentType: 'application/json' });
  const cases: FuzzCase[] = [];
  const generators: Array<() => FuzzCase> = [
    () => ({ label: 'malformed JSON', body: pick(['{', '{"a":', '[1,2', '{"x": undefined}', "{'single': 1}", '{"a":1}}', '\u0000'], random), contentType: 'application/json' }),
    () => ({ label: 'wrong content type', body: 'a=1&b=2', contentType: pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'], random) }),
    () => json('top-level not an object', pick([[], 'string', 42, null, true, [{}]], random)),
    // Raw text: 2,000 levels overflowed class-transformer's stack (issue 13); 1,500 did not.
    () => ({ label: 'deeply nested', body: '['.repeat(2000) + ']'.repeat(2000), contentType: 'application/json' }),
    () => json('unknown field (mass assignment)', { ...(plausible(resolved, components, random) as object), [pick(['role', 'isAdmin', 'id', 'userId', 'status', 'price', 'areaIds', '__proto__x', 'createdAt'], random)]: pick(NASTY_VALUES, random) }),
  ];
  if (keys.length > 0) {
    generators.push(
      () => {
        const base = plausible(resolved, components, random) as Record<string, unknown>;
        const key = pick(keys, random);
        base[key] = pick(NASTY_VALUES, random);
        return json(`bad value for ${key}`, base);
      },
      () => {
        const base = plausible(resolved, components, random) as Record<string, unknown>;
        const required = resolved.required?.length ? resolved.required : keys;
        delete base[pick(required, random)];
        base[`x_${Math.floor(random() * 1e6)}`] = 1; // and an unknown field, so the case is always invalid
        return json('missing required field', base);
      },
      () => {
        const base: Record<string, unknown> = {};
        for (const key of keys) base[key] = pick(NASTY_VALUES, random);
        return json('every field nasty', base);
      },
      () => {
        const base = plausible(resolved, components, random) as Record<string, unknown>;
        const key = pick(keys, random);
        base[key] = '__deep__';
        return { label: `field ${key} nested 2,000 deep`, body: JSON.stringify(base).replace('"__deep__"', '['.repeat(2000) + ']'.repeat(2000)), contentType: 'application/json' };
      },
      () => {
        // A plausible body with one text field carrying a NUL or a lone surrogate, or one field null.
        const base = plausible(resolved, components, random) as Record<string, unknown>;
        const key = pick(keys, random);
        base[key] = typeof base[key] === 'string' ? `${String(base[key])}${pick(['\u0000', '\ud800', '\udfff'], random)}` : null;
        return json(`NUL, lone surrogate or null in ${key}`, base);
      },
      () => {
        const base = plausible(resolved, components, random) as Record<string, unknown>;
        base[pick(keys, random)] = pick(NASTY_STRINGS, random);
        base[pick(keys, random)] = pick(NASTY_NUMBERS, random);
        base.unexpected = true;
        return json('strings and numbers swapped', base);
      },
    );
  }
  for (let i = 0; i < count; i += 1) cases.push(generators[i % generators.length]());
  return cases;
}

/** Path parameters that cannot name a real record: unknown, malformed or hostile ids. */
export function fuzzPathParam(random: () => number): string {
  return encodeURIComponent(
    pick(
      [
        '00000000-0000-4000-8000-000000000000',
        'not-a-uuid',
        "1' OR '1'='1",
        '..%2F..%2Fetc%2Fpasswd',
        'a'.repeat(300),
        '-1',
        '9'.repeat(40),
        '검단',
      ],
      random,
    ),
  );
}
