import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

/**
 * fast-check arbitraries for requests to the write operations of an OpenAPI document: bodies
 * drawn from each operation's request schema (plausible ones, to get past the first checks), then
 * broken by a few hostile mutations, sent with odd content types, encodings and path ids. The
 * arbitraries are pure (no network), so a failing case shrinks to a minimal request and replays
 * from the seed.
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
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  example?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

interface OperationSpec {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationSpec>>;
  components: { schemas: Record<string, JsonSchema> };
}

export const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

export interface Operation {
  /** `POST /v1/rides/{id}/cancel`: how the operation is named in reports. */
  name: string;
  method: string;
  path: string;
  pathParams: string[];
  /** The request body schema, resolved ($ref, allOf), if the operation documents one. */
  body?: JsonSchema;
  multipart: boolean;
  secured: boolean;
}

export function resolveSchema(
  schema: JsonSchema | undefined,
  components: Record<string, JsonSchema>,
  depth = 0,
): JsonSchema {
  if (!schema || depth > 8) return {};
  if (schema.$ref) return resolveSchema(components[schema.$ref.split('/').pop()!], components, depth + 1);
  if (schema.allOf?.length) {
    return schema.allOf.reduce<JsonSchema>((acc, s) => {
      const r = resolveSchema(s, components, depth + 1);
      return {
        ...acc,
        ...r,
        properties: { ...acc.properties, ...r.properties },
        required: [...(acc.required ?? []), ...(r.required ?? [])],
      };
    }, {});
  }
  return schema;
}

/** Every POST, PUT, PATCH and DELETE of the document, with its path parameters, body schema and security. */
export function writeOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const method of WRITE_METHODS) {
      const spec = methods[method];
      if (!spec) continue;
      const content = spec.requestBody?.content ?? {};
      const multipart = 'multipart/form-data' in content;
      const schema = content['application/json']?.schema ?? content['multipart/form-data']?.schema;
      const fromTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (spec.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      operations.push({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: [...new Set([...fromTemplate, ...declared])],
        body: schema ? resolveSchema(schema, doc.components.schemas) : undefined,
        multipart,
        secured: (spec.security?.length ?? 0) > 0,
      });
    }
  }
  return operations;
}

/** JSON text written verbatim: numbers JSON.stringify cannot write (1e400, -0), nesting, broken syntax. */
export class Raw {
  constructor(readonly text: string) {}
}

/** An object as a list of entries, so that keys like `__proto__` are own keys of the JSON text. */
export class Entries {
  constructor(readonly entries: Array<[string, unknown]>) {}
}

export function jsonText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof Entries)
    return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') return jsonText(new Entries(Object.entries(value)));
  return JSON.stringify(value) ?? 'null';
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const nastyText = fc.constantFrom(
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '\r\nX-Injected: 1',
  'null',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '2026-02-30T25:61:00Z',
  '{"$gt": ""}',
  '\u202e\u0000',
  '\ufeff',
);

/** A string carrying a NUL byte or a lone surrogate somewhere. */
const brokenText = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('\u0000', '\ud800', '\udfff', '\udc00\ud800', 'a\u0000\ud83d'),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, bad, b]) => a + bad + b);

/** 1 kB to 1 MB of text: mostly near the body limit, sometimes well past it. */
const hugeText = fc
  .tuple(fc.constantFrom(1_000, 50_000, 99_000, 101_000, 1_000_000), fc.constantFrom('a', '검', '🧳', '\\'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / Buffer.byteLength(unit))));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nastyText },
  { weight: 3, arbitrary: brokenText },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: hugeText },
);

/** Numbers at and past the edges of what JSON, JavaScript and PostgreSQL agree on, as raw JSON text. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 63,
    -(2 ** 63),
    2 ** 64,
    2147483648,
    -2147483649,
    0.1 + 0.2,
    -1,
    0,
  ),
  fc
    .constantFrom(
      '1e309',
      '-1e309',
      '-0',
      '9223372036854775808',
      `1${'0'.repeat(400)}`,
      '1E-400',
      '0.0000000000000000000000000001',
    )
    .map((t) => new Raw(t)),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e308', '0x10', '١٢٣'),
  fc.double(),
  fc.integer(),
);

/** Raw JSON nested `depth` levels deep, as arrays or objects (several thousand levels at most). */
export const deepNesting: fc.Arbitrary<Raw> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 6_000 })),
    fc.constantFrom('array', 'object', 'mixed'),
  )
  .map(([depth, shape]) => {
    if (shape === 'array') return new Raw('['.repeat(depth) + ']'.repeat(depth));
    if (shape === 'object') return new Raw('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
    return new Raw('[{"a":'.repeat(Math.ceil(depth / 2)) + 'null' + '}]'.repeat(Math.ceil(depth / 2)));
  });

const protoObject = fc
  .tuple(
    fc.constantFrom(...PROTOTYPE_KEYS),
    fc.constantFrom<unknown>({ admin: true }, { role: 'admin' }, null, 'x', []),
  )
  .map(([k, v]) => new Entries([[k, v]]));

/** Any JSON value a schema would not expect: wrong types, nested junk, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [[[]]], [null], { $where: '1' }, [{}], ''),
  },
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: deepNesting },
  { weight: 1, arbitrary: protoObject },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Path = string[];

/** Which table a name points at: `pickupStopId` at places, `/v1/admin/vehicles/{id}` at vehicles. */
const ID_HINTS: Array<[RegExp, string]> = [
  [/stop|place|pickup|dropoff|home/i, 'places'],
  [/vehicle|van/i, 'vehicles'],
  [/area/i, 'service_areas'],
  [/compan|employer/i, 'companies'],
  [/shift/i, 'shifts'],
  [/ride/i, 'rides'],
  [/booking|luggage|courier/i, 'luggage_bookings'],
  [/user|staff|driver|account|rider/i, 'users'],
  [/rule|price/i, 'price_rules'],
];

/** Real ids for a name (those of its table when the name says which), then any real id, then unknown uuids. */
export function idsFor(hint: string, realIds: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<string> {
  const table = ID_HINTS.find(([pattern]) => pattern.test(hint))?.[1];
  const own = table ? (realIds[table] ?? []) : [];
  const any = Object.values(realIds).flat();
  const choices: Array<fc.WeightedArbitrary<string>> = [{ weight: 1, arbitrary: fc.uuid() }];
  if (own.length) choices.push({ weight: 4, arbitrary: fc.constantFrom(...own) });
  if (any.length) choices.push({ weight: 1, arbitrary: fc.constantFrom(...any) });
  return fc.oneof(...choices);
}

/** Plausible values for a schema: enums, formats and ranges respected, so a case gets past the first checks. */
function plausible(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  ids: Readonly<Record<string, readonly string[]>>,
  depth = 0,
  name = '',
): fc.Arbitrary<unknown> {
  const s = resolveSchema(schema, components);
  const generated = plausibleOf(s, components, ids, depth, name);
  // The documented example is usually valid as it stands: it gets a case past validation to the handler.
  const value =
    s.example !== undefined
      ? fc.oneof({ weight: 3, arbitrary: fc.constant(s.example) }, { weight: 2, arbitrary: generated })
      : generated;
  return s.nullable ? fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
}

function plausibleOf(
  s: JsonSchema,
  components: Record<string, JsonSchema>,
  ids: Readonly<Record<string, readonly string[]>>,
  depth: number,
  name: string,
): fc.Arbitrary<unknown> {
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.oneOf?.length || s.anyOf?.length)
    return fc.oneof(...(s.oneOf ?? s.anyOf)!.map((x) => plausible(x, components, ids, depth + 1, name)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'integer':
      return fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? Math.max(s.minimum ?? 0, 0) + 50 });
    case 'number':
      return fc.double({ min: s.minimum ?? -200, max: s.maximum ?? 200, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(plausible(s.items ?? {}, components, ids, depth + 1, name), { maxLength: 3 });
    case 'string':
      if (s.format === 'uuid' || /Ids?$/.test(name)) return idsFor(name, ids);
      if (s.format === 'date-time')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (s.format === 'date')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'binary') return fc.constant('');
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 24, 64) });
    default: {
      if (!s.properties || depth > 4) return fc.constant({});
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, prop] of Object.entries(s.properties))
        record[key] = plausible(prop, components, ids, depth + 1, key);
      return fc.record(record, { requiredKeys: (s.required ?? []).filter((k) => k in record) });
    }
  }
}

/** Every property path of an object schema (`contact`, `contact.phone`...), to aim a mutation at; or only those of text. */
function propertyPaths(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  onlyText = false,
  prefix: Path = [],
  depth = 0,
): Path[] {
  const s = resolveSchema(schema, components);
  if (depth > 3 || !s.properties) return [];
  return Object.entries(s.properties).flatMap(([key, prop]) => {
    const own = !onlyText || resolveSchema(prop, components).type === 'string' ? [[...prefix, key]] : [];
    return [...own, ...propertyPaths(prop, components, onlyText, [...prefix, key], depth + 1)];
  });
}

export type Mutation =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'taint'; path: Path; bad: string; at: number }
  | { kind: 'delete'; path: Path }
  | { kind: 'extra'; path: Path; key: string; value: unknown }
  | { kind: 'wrap-in-array'; path: Path }
  | { kind: 'replace-body'; value: unknown };

function cloneTree(value: unknown): unknown {
  if (value instanceof Entries) return new Entries(value.entries.map(([k, v]) => [k, cloneTree(v)]));
  if (Array.isArray(value)) return value.map(cloneTree);
  if (value !== null && typeof value === 'object' && !(value instanceof Raw))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneTree(v)]));
  return value;
}

/** The object at `path` (made when missing or not an object), or null when the body is not an object at all. */
function parentAt(body: unknown, path: Path): Record<string, unknown> | null {
  let at = body;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || Array.isArray(at) || at instanceof Raw || at instanceof Entries)
      return null;
    const record = at as Record<string, unknown>;
    if (record[key] === null || typeof record[key] !== 'object' || Array.isArray(record[key])) record[key] = {};
    at = record[key];
  }
  return at !== null && typeof at === 'object' && !Array.isArray(at) && !(at instanceof Raw) && !(at instanceof Entries)
    ? (at as Record<string, unknown>)
    : null;
}

export function applyMutations(base: unknown, mutations: readonly Mutation[]): unknown {
  let body = cloneTree(base);
  for (const m of mutations) {
    // Values are cloned on the way in: generated constants are shared between cases and must never be mutated.
    if (m.kind === 'replace-body') {
      body = cloneTree(m.value);
      continue;
    }
    const parent = parentAt(body, m.kind === 'extra' ? m.path : m.path.slice(0, -1));
    if (!parent) continue;
    const key = m.path[m.path.length - 1];
    if (m.kind === 'set') parent[key] = cloneTree(m.value);
    else if (m.kind === 'taint') {
      // The value keeps its type and (mostly) its length: only a NUL or a lone surrogate is added.
      const text = parent[key];
      if (typeof text === 'string')
        parent[key] = text.slice(0, m.at % (text.length + 1)) + m.bad + text.slice(m.at % (text.length + 1));
    } else if (m.kind === 'delete') delete parent[key];
    else if (m.kind === 'wrap-in-array') parent[key] = [parent[key] ?? {}];
    else if (m.kind === 'extra') {
      // An own key named __proto__ needs an entry list; other keys go in place.
      const entries = new Entries([
        ...Object.entries(parent).map(([k, v]): [string, unknown] => [k, v]),
        [m.key, cloneTree(m.value)],
      ]);
      if (m.path.length === 0) body = entries;
      else {
        const grand = parentAt(body, m.path.slice(0, -1));
        if (grand) grand[m.path[m.path.length - 1]] = entries;
      }
    }
  }
  return body;
}

function mutationFor(paths: Path[], textPaths: Path[]): fc.Arbitrary<Mutation> {
  const everywhere = paths.length ? fc.constantFrom(...paths) : fc.constant<Path>(['x']);
  const parents = fc.constantFrom<Path>([], ...paths.filter((p) => p.length < 3));
  const texts = textPaths.length ? fc.constantFrom(...textPaths) : everywhere;
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('taint' as const),
        path: texts,
        bad: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u0000\u0000'),
        at: fc.nat(64),
      }),
    },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), path: everywhere, value: hostileValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: everywhere }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        path: parents,
        key: fc.oneof(
          fc.constantFrom(
            ...PROTOTYPE_KEYS,
            'role',
            'isAdmin',
            'id',
            'userId',
            'status',
            'price',
            'areaIds',
            'createdAt',
            'version',
          ),
          fc.string({ maxLength: 12 }),
          brokenText,
          fc.constant('k'.repeat(10_000)),
        ),
        value: hostileValue,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap-in-array' as const), path: everywhere }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('replace-body' as const),
        value: fc.oneof(
          fc.constantFrom<unknown>([], 'body', 42, null, true, [{}], new Raw('')),
          deepNesting,
          fc.jsonValue({ maxDepth: 2 }),
        ),
      }),
    },
  );
}

/** Text that is not JSON, or almost: truncated, trailing garbage, single quotes, a BOM, comments. */
const brokenJson = (text: string) =>
  fc.constantFrom(
    text.slice(0, Math.max(0, text.length - 1)),
    `${text}}`,
    `${text}\u0000`,
    `\ufeff${text}`,
    text.replace(/"/g, "'"),
    `/* c */${text}`,
    '{"a":1,"a":2}',
    '{"x": undefined}',
    '[1,2',
    '\u0000',
    'nul',
  );

export interface FuzzRequest {
  label: string;
  method: string;
  /** Path with the parameters filled in (percent-encoded, or raw on purpose). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Index into the caller's credentials (0: anonymous). */
  who: number;
  /** An Authorization header sent instead of `Bearer <token>` (`{token}` stands for the caller's). */
  authorization?: string;
}

/** `arbitrary` in `percent` % of cases, else null (fc.option's freq is the odds of null, the other way round). */
const sometimes = <T>(percent: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(null) }, { weight: percent, arbitrary });

/** Authorization headers that are not a bearer token, or a token made unusable. */
const brokenAuthorization = sometimes(
  8,
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer  {token}',
    'bearer {token}',
    'Basic YWRtaW46YWRtaW4=',
    'Bearer {token}x',
    'Bearer {token}, Bearer {token}',
    'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.',
    'Bearer a.b.c',
    `Bearer ${'a'.repeat(8_000)}`,
    'Bearer %00',
  ),
);

/** Query strings no write operation takes: prototype keys, deep brackets, repeats, broken escapes. */
const hostileQuery = sometimes(
  10,
  fc.constantFrom(
    '?__proto__[admin]=1',
    '?constructor[prototype][admin]=1',
    '?a[b][c][d][e][f][g][h][i][j]=1',
    '?areaId=%00',
    '?areaId=a&areaId=b&areaId=c',
    '?%E0%A4%A=1',
    '?x=%',
    `?x=${'a'.repeat(3_000)}`,
    '?areaId[]=1',
    '?=&&=',
  ),
);

/** What a request is sent as: JSON as declared, or a content type or encoding the api must refuse cleanly. */
type Envelope = {
  contentType: string | null;
  encoding: 'utf8' | 'invalid-utf8' | 'utf16le' | 'latin1-bytes';
  contentEncoding: string | null;
  gzipBody: boolean | 'bomb';
};

const envelope: fc.Arbitrary<Envelope> = fc.oneof(
  {
    weight: 14,
    arbitrary: fc.constant<Envelope>({
      contentType: 'application/json',
      encoding: 'utf8',
      contentEncoding: null,
      gzipBody: false,
    }),
  },
  // 20 kB of gzip that inflates to 20 MB of JSON text.
  {
    weight: 1,
    arbitrary: fc.constant<Envelope>({
      contentType: 'application/json',
      encoding: 'utf8',
      contentEncoding: 'gzip',
      gzipBody: 'bomb',
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      contentType: fc.constantFrom<string | null>(
        null,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=fuzz',
        'multipart/form-data',
        'application/xml',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/json; charset="bogus-8"',
        'application/json; charset=utf-8',
        'application/vnd.api+json',
        'application/json, text/plain',
        'APPLICATION/JSON',
        '*/*',
        '',
      ),
      encoding: fc.constantFrom('utf8' as const, 'invalid-utf8' as const, 'utf16le' as const, 'latin1-bytes' as const),
      contentEncoding: fc.constantFrom<string | null>(
        null,
        null,
        'gzip',
        'deflate',
        'br',
        'identity',
        'compress',
        'gzip, gzip',
        'x-unknown',
      ),
      gzipBody: fc.boolean(),
    }),
  },
);

const GZIP_BOMB = gzipSync(Buffer.from(`{"a":"${'a'.repeat(20_000_000)}"}`));

function encodeBody(text: string, env: Envelope, garbage: number[]): Buffer {
  let bytes: Buffer;
  if (env.encoding === 'utf16le') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  else if (env.encoding === 'latin1-bytes') bytes = Buffer.from(text, 'latin1');
  else if (env.encoding === 'invalid-utf8') {
    const utf8 = Buffer.from(text, 'utf8');
    const at = utf8.length ? garbage[0] % utf8.length : 0;
    bytes = Buffer.concat([
      utf8.subarray(0, at),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
      utf8.subarray(at),
    ]);
  } else bytes = Buffer.from(text, 'utf8');
  if (env.contentEncoding === null) return bytes;
  if (env.gzipBody === 'bomb') return GZIP_BOMB;
  // Either the body really compressed, or bytes that only claim to be.
  return env.gzipBody && env.contentEncoding === 'gzip' ? gzipSync(bytes) : Buffer.from(garbage.map((b) => b & 0xff));
}

/** Path ids: real ones (so the body is reached), unknown uuids, and hostile text, percent-encoded or raw. */
export function pathIdArbitrary(
  hint: string,
  realIds: Readonly<Record<string, readonly string[]>>,
): fc.Arbitrary<string> {
  const hostile = fc.oneof(
    fc
      .constantFrom(
        'not-a-uuid',
        "1' OR '1'='1",
        '1;DROP TABLE rides',
        '-1',
        '0',
        '9'.repeat(40),
        '검단',
        '🚐',
        '%00',
        '..',
        '.',
        ' ',
        'null',
        'undefined',
        '[object Object]',
        '00000000-0000-0000-0000-000000000000',
        '6F1C1B2E-3A43-4C4B-9F0E-0A6A4F3B2A11',
      )
      .map(encodeURIComponent),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
    brokenText.map((t) => encodeURIComponent(t.isWellFormed() ? t : t.replace(/[\ud800-\udfff]/g, '\u0000'))),
    fc.integer({ min: 200, max: 4_000 }).map((n) => 'a'.repeat(n)),
    // Percent-encoding that does not decode: the router must refuse it, not throw.
    fc.constantFrom('%', '%E0%A4%A', '%zz', '%C0%AF', '%ED%A0%80', '%FF'),
  );
  return fc.oneof({ weight: 5, arbitrary: idsFor(hint, realIds) }, { weight: 3, arbitrary: hostile });
}

const idempotencyKey = sometimes(
  25,
  fc.oneof(
    fc.uuid(),
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_ '.split('')), maxLength: 600 }),
  ),
);

export interface FuzzWorld {
  components: Record<string, JsonSchema>;
  /** Ids of real rows by table (places, vehicles, luggage_bookings...), for path parameters and uuid fields. */
  realIds: Readonly<Record<string, readonly string[]>>;
  /** Who may call the operation (indices into the caller's credentials), and everyone the caller has. */
  admitted: readonly number[];
  everyone: readonly number[];
}

/** Credentials: mostly a role the operation admits, sometimes anyone (anonymous included). */
function whoArbitrary(world: FuzzWorld): fc.Arbitrary<number> {
  const admitted = world.admitted.length ? world.admitted : world.everyone;
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...admitted) },
    { weight: 2, arbitrary: fc.constantFrom(...world.everyone) },
  );
}

function fillPath(op: Operation, ids: readonly string[]): string {
  let i = 0;
  return op.path.replace(/\{[^}]+\}/g, () => ids[i++] ?? 'x');
}

function headersFor(env: Envelope, key: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (env.contentType !== null) headers['content-type'] = env.contentType;
  if (env.contentEncoding !== null) headers['content-encoding'] = env.contentEncoding;
  if (key !== null) headers['idempotency-key'] = key;
  return headers;
}

/** One id per path parameter, aimed at the table the path names (`/places/{id}`: places). */
function pathIds(op: Operation, world: FuzzWorld): fc.Arbitrary<string[]> {
  const hints = [...op.path.matchAll(/([^/]*)\/\{[^}]+\}/g)].map((m) => m[1]);
  return fc.tuple(...hints.map((hint) => pathIdArbitrary(hint, world.realIds)));
}

/** JSON requests for one operation: a plausible body, zero to three hostile mutations, an envelope. */
export function jsonRequestArbitrary(op: Operation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const base = op.body ? plausible(op.body, world.components, world.realIds) : fc.constant<unknown>({});
  const paths = op.body ? propertyPaths(op.body, world.components) : [];
  const mutation = mutationFor(paths, op.body ? propertyPaths(op.body, world.components, true) : []);
  // Mostly one mutation of an otherwise plausible body, so that the one broken thing is what reaches the handler.
  const mutations = fc.oneof(
    { weight: 2, arbitrary: fc.constant([]) },
    { weight: 6, arbitrary: fc.tuple(mutation) },
    { weight: 2, arbitrary: fc.array(mutation, { minLength: 2, maxLength: 3 }) },
  );
  const body = fc.oneof(
    {
      weight: 10,
      arbitrary: fc.tuple(base, mutations).map(([b, ms]) => ({ text: jsonText(applyMutations(b, ms)), broken: false })),
    },
    { weight: 1, arbitrary: base.chain((b) => brokenJson(jsonText(b))).map((text) => ({ text, broken: true })) },
    { weight: 1, arbitrary: fc.constant({ text: '', broken: false }) },
  );
  return fc
    .record({
      ids: pathIds(op, world),
      body,
      env: envelope,
      garbage: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
      key: idempotencyKey,
      who: whoArbitrary(world),
      query: hostileQuery,
      authorization: brokenAuthorization,
    })
    .map(({ ids: pathIds, body: b, env, garbage, key, who, query, authorization }) => ({
      label: `${env.contentType ?? 'no content-type'}${env.contentEncoding ? ` + ${env.contentEncoding}` : ''}${env.encoding !== 'utf8' ? ` as ${env.encoding}` : ''}${b.broken ? ', broken JSON' : ''}`,
      method: op.method,
      path: fillPath(op, pathIds) + (query ?? ''),
      headers: headersFor(env, key),
      body: b.text === '' && env.contentEncoding === null ? undefined : encodeBody(b.text, env, garbage),
      who,
      ...(authorization !== null ? { authorization } : {}),
    }));
}

interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer;
}

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const filePart: fc.Arbitrary<Part> = fc.record({
  name: fc.oneof(
    { weight: 6, arbitrary: fc.constant('photos') },
    { weight: 2, arbitrary: fc.constantFrom('photo', 'file', 'photos[]', 'PHOTOS', '', 'tags') },
    { weight: 1, arbitrary: fc.constant('f'.repeat(20_000)) },
  ),
  filename: fc.oneof(
    fc.constantFrom('bag.jpg', 'bag.png', '../../etc/passwd', 'a\u0000.jpg', '가방.jpg', '', 'x'.repeat(2_000)),
    fc.string({ maxLength: 20 }),
  ),
  type: fc.constantFrom(
    'image/jpeg',
    'image/png',
    'image/webp',
    'application/octet-stream',
    'text/html',
    'image/svg+xml',
    '',
  ),
  data: fc.oneof(
    fc.constant(Buffer.alloc(0)),
    fc.constant(JPEG_HEAD),
    fc.constant(PNG_HEAD),
    fc.uint8Array({ maxLength: 2_048 }).map((a) => Buffer.from(a)),
    fc.constant(Buffer.from('<svg onload="alert(1)"/>')),
    fc.integer({ min: 10_000, max: 300_000 }).map((n) => Buffer.alloc(n, 0x61)),
  ),
});

const fieldPart: fc.Arbitrary<Part> = fc.record({
  name: fc.oneof(
    fc.constantFrom(
      'bagCount',
      'tags',
      'damageNotes',
      'countMismatchConfirmed',
      'lat',
      'lng',
      '__proto__',
      'constructor',
      'extra',
    ),
    fc.constant('n'.repeat(20_000)),
    brokenText,
  ),
  data: fc
    .oneof(
      fc.constantFrom('1', '2', '0', '-1', '1e309', 'true', '["T1"]', 'T1,T2', '[""]', '[', '{}', 'null', ''),
      hostileString,
    )
    .map((s) => Buffer.from(s, 'utf8')),
});

function multipartBody(
  parts: readonly Part[],
  boundary: string,
  damage: 'none' | 'truncated' | 'no-closing' | 'wrong-boundary',
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name.replace(/"/g, '%22')}"${p.filename !== undefined ? `; filename="${p.filename.replace(/"/g, '%22')}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${damage === 'wrong-boundary' ? 'other' : boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`,
        'utf8',
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  if (damage !== 'no-closing') chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const all = Buffer.concat(chunks);
  return damage === 'truncated' ? all.subarray(0, Math.floor(all.length / 2)) : all;
}

/** Multipart requests for an upload operation: missing, misnamed, empty, fake and oversized parts. */
export function multipartRequestArbitrary(op: Operation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      ids: pathIds(op, world),
      fields: fc.array(fieldPart, { maxLength: 6 }),
      files: fc.oneof(
        { weight: 6, arbitrary: fc.array(filePart, { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.array(filePart, { minLength: 49, maxLength: 55 }) },
      ),
      boundary: fc.constantFrom('fuzzboundary', '----x', 'b'.repeat(70), 'a b'),
      damage: fc.constantFrom(
        'none' as const,
        'none' as const,
        'none' as const,
        'truncated' as const,
        'no-closing' as const,
        'wrong-boundary' as const,
      ),
      typeHeader: fc.constantFrom('boundary' as const, 'boundary' as const, 'no-boundary' as const, 'json' as const),
      who: whoArbitrary(world),
    })
    .map(({ ids, fields, files, boundary, damage, typeHeader, who }) => ({
      label: `multipart ${files.length} file(s), ${damage}, ${typeHeader}`,
      method: op.method,
      path: fillPath(op, ids),
      headers: {
        'content-type':
          typeHeader === 'boundary'
            ? `multipart/form-data; boundary="${boundary}"`
            : typeHeader === 'no-boundary'
              ? 'multipart/form-data'
              : 'application/json',
      },
      body: multipartBody([...fields, ...files], boundary, damage),
      who,
    }));
}

export function requestArbitrary(op: Operation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  if (!op.multipart) return jsonRequestArbitrary(op, world);
  return fc.oneof(
    { weight: 4, arbitrary: multipartRequestArbitrary(op, world) },
    { weight: 1, arbitrary: jsonRequestArbitrary(op, world) },
  );
}

/** A request, short enough for a failure message: huge bodies are cut with their length noted. */
export function describeRequest(r: FuzzRequest, credentials: readonly string[]): string {
  // Runs of one character or one `{"a":` are counted, so that a shrunk nesting depth shows as a number.
  const text = (r.body ? r.body.toString('utf8') : '')
    .replace(/(\{"a":){8,}/g, (m) => `⟨{"a":×${m.length / 5}⟩`)
    .replace(/([\[\]{}a-z])\1{15,}/g, (m) => `⟨${m[0]}×${m.length}⟩`);
  const body =
    text.length > 600
      ? `${JSON.stringify(text.slice(0, 300))}…(${text.length} bytes)…${JSON.stringify(text.slice(-100))}`
      : JSON.stringify(text);
  return `${r.method} ${r.path.length > 200 ? `${r.path.slice(0, 200)}…(${r.path.length})` : r.path} as ${credentials[r.who] ?? r.who}${r.authorization !== undefined ? ` (Authorization: ${brief(r.authorization)})` : ''} [${r.label}] headers=${JSON.stringify(r.headers)} body=${body}`;
}

/** A value as JSON, long strings cut with their length noted: for failure messages. */
export function brief(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v,
    ) ?? String(value)
  );
}

/**
 * Auth objects for a socket handshake, as JSON text (parsed only when sent, so that fast-check
 * never has to walk a value nested thousands deep): garbage tokens, wrong types, deep nesting,
 * prototype keys, huge values. And a hostile query.
 */
export interface HandshakeCase {
  /** The raw Socket.IO packet sent after the engine.io open: a CONNECT (`40{auth}`) or something broken. */
  packet: string;
  /** A CONNECT to the main namespace with an auth object: answered with a refusal code, whatever the auth. */
  connect: boolean;
  query: Record<string, string>;
}

export function handshakeArbitrary(validTokens: readonly string[]): fc.Arbitrary<HandshakeCase> {
  const tampered = validTokens.length
    ? fc.tuple(fc.constantFrom(...validTokens), fc.integer({ min: 0, max: 2_000 })).map(([t, i]) => {
        const at = (i % (t.length - 1)) + 1;
        return t.slice(0, at) + (t[at] === 'A' ? 'B' : 'A') + t.slice(at + 1);
      })
    : fc.constant('eyJhbGciOiJub25lIn0.e30.');
  const tokenValue = fc.oneof(
    { weight: 3, arbitrary: hostileValue },
    { weight: 2, arbitrary: tampered },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.',
        'Bearer x',
        'a.b.c',
        '...',
      ),
    },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: fc.constantFrom(1_000, 100_000, 900_000).map((n) => 't'.repeat(n)) },
  );
  const auth = fc.oneof(
    { weight: 4, arbitrary: tokenValue.map((token) => new Entries([['token', token]])) },
    { weight: 2, arbitrary: tokenValue.map((token) => new Entries([['trackingToken', token]])) },
    {
      weight: 1,
      arbitrary: fc.tuple(tokenValue, tokenValue).map(
        ([token, tracking]) =>
          new Entries([
            ['token', token],
            ['trackingToken', tracking],
          ]),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), tokenValue).map(([k, v]) => new Entries([[k, v]])),
    },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), brokenText), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 5,
      }),
    },
  );
  const query = fc.dictionary(
    fc.oneof(
      fc.constantFrom('token', 'trackingToken', 'EIO', 'transport', 'sid', '__proto__'),
      fc.string({ maxLength: 10 }),
    ),
    fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('3', '5', 'polling', 'x'.repeat(4_000), "' OR 1=1")),
    { maxKeys: 4 },
  );
  const authText = auth.map(jsonText);
  const packet = fc.oneof(
    { weight: 10, arbitrary: authText.map((t) => ({ packet: `40${t}`, connect: true })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('/admin', '/x', '/%00', `/${'n'.repeat(2_000)}`), authText)
        .map(([ns, t]) => ({ packet: `40${ns},${t}`, connect: false })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            '40{',
            '40"x"',
            '40[1]',
            '40null',
            '40{"token":"a"',
            '40\u0000',
            '4',
            '4x',
            '49',
            '40{"token":"a"}}',
          ),
          authText.map((t) => `40${t.slice(0, -1)}`),
        )
        .map((p) => ({ packet: p, connect: false })),
    },
  );
  return fc.tuple(packet, query).map(([p, q]) => ({ ...p, query: q }));
}
