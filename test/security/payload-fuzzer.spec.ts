import fc from 'fast-check';
import {
  applyMutations,
  describeRequest,
  Entries,
  FuzzWorld,
  handshakeArbitrary,
  jsonText,
  Operation,
  Raw,
  requestArbitrary,
} from './payload-fuzzer';

/**
 * The fuzzer's generators produce what the e2e fuzz run relies on: every hostile input class of
 * issue 13 turns up in a few thousand samples, and a seed gives the same requests again.
 */
const thing: Operation = {
  name: 'POST /v1/things/{id}',
  method: 'POST',
  path: '/v1/things/{id}',
  pathParams: ['id'],
  body: {
    type: 'object',
    required: ['name', 'count'],
    properties: {
      name: { type: 'string', example: 'a name' },
      count: { type: 'integer', minimum: 0, maximum: 5 },
      placeId: { type: 'string', format: 'uuid' },
      contact: { type: 'object', properties: { phone: { type: 'string' } } },
    },
  },
  multipart: false,
  secured: true,
};
const upload: Operation = {
  ...thing,
  name: 'POST /v1/things/{id}/photos',
  path: '/v1/things/{id}/photos',
  multipart: true,
};
const PLACE = '11111111-2222-4333-8444-555555555555';
const world: FuzzWorld = { components: {}, realIds: { places: [PLACE] }, admitted: [1], everyone: [0, 1] };
const credentials = ['anonymous', 'admin'];

describe('payload fuzzer generators', () => {
  const requests = fc.sample(requestArbitrary(thing, world), { seed: 13, numRuns: 4_000 });
  const bodies = requests.map((r) => r.body?.toString('utf8') ?? '');

  it('covers every hostile input class: nesting, NUL and surrogates, edge numbers, prototype keys, huge text', () => {
    const found = {
      nestedPastTwoThousand: bodies.some((b) => b.includes('['.repeat(2_000)) || b.includes('{"a":'.repeat(2_000))),
      nul: bodies.some((b) => b.includes('\\u0000')),
      loneSurrogate: bodies.some((b) => /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i.test(b)),
      beyondDouble: bodies.some((b) => b.includes('1e309')),
      minusZero: bodies.some((b) => /:-0[,}]/.test(b)),
      twoToThe63: bodies.some((b) => b.includes('9223372036854775808') || b.includes('9223372036854776000')),
      protoKey: bodies.some((b) => b.includes('"__proto__"')),
      constructorKey: bodies.some((b) => b.includes('"constructor"')),
      megabyteText: bodies.some((b) => b.length >= 1_000_000),
      missingRequired: bodies.some((b) => b.startsWith('{') && !b.includes('"count"') && b.includes('"name"')),
      arrayForObject: bodies.some((b) => b.includes('"contact":[')),
      brokenJson: bodies.some((b) => b.startsWith("{'") || b.endsWith('}}')),
    };
    expect(Object.entries(found).filter(([, seen]) => !seen)).toEqual([]);
  });

  it('sends bad content types, encodings, path ids, credentials and query strings', () => {
    const types = new Set(requests.map((r) => r.headers['content-type'] ?? '(none)'));
    expect([...types]).toEqual(
      expect.arrayContaining([
        'application/json',
        '(none)',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=fuzz',
        'application/json; charset=utf-16',
      ]),
    );
    const encodings = new Set(requests.map((r) => r.headers['content-encoding']));
    expect([...encodings]).toEqual(expect.arrayContaining([undefined, 'gzip', 'deflate', 'br']));
    const ids = requests.map((r) => r.path.split('/')[3].split('?')[0]);
    expect(ids).toContain(PLACE);
    expect(ids.some((id) => id.length > 1_000)).toBe(true);
    expect(ids.some((id) => id.includes("'%20OR%20'"))).toBe(true); // SQL-ish
    expect(ids.some((id) => /^%[0-9A-F]?$|%zz/.test(id))).toBe(true); // percent-encoding that does not decode
    expect(new Set(requests.map((r) => r.who))).toEqual(new Set([0, 1]));
    expect(requests.some((r) => r.authorization !== undefined)).toBe(true);
    expect(requests.some((r) => r.path.includes('?__proto__'))).toBe(true);
  });

  it('aims most cases at the admitted role, and one documented example gets through unbroken', () => {
    expect(requests.filter((r) => r.who === 1).length).toBeGreaterThan(requests.length * 0.7);
    expect(bodies).toContain(JSON.stringify({ name: 'a name', count: 0 }));
  });

  it('builds multipart edge cases for an upload: no files, a misnamed field, empty and fake images, a huge field name', () => {
    const parts = fc
      .sample(requestArbitrary(upload, world), { seed: 13, numRuns: 2_000 })
      .map((r) => r.body?.toString('latin1') ?? '');
    const found = {
      noFiles: parts.some((p) => p.includes('name="bagCount"') && !p.includes('filename=')),
      wrongFieldName: parts.some((p) => /name="photo"; filename=/.test(p)),
      emptyFile: parts.some((p) => /Content-Type: image\/jpeg\r\n\r\n\r\n/.test(p)),
      fakeImage: parts.some((p) => /Content-Type: image\/png\r\n\r\n<svg/.test(p)),
      hugeFieldName: parts.some((p) => p.includes(`name="${'n'.repeat(20_000)}"`)),
      overFiftyFiles: parts.some((p) => (p.match(/filename=/g) ?? []).length > 50),
    };
    expect(Object.entries(found).filter(([, seen]) => !seen)).toEqual([]);
  });

  it('gives the same requests for the same seed', () => {
    const again = fc.sample(requestArbitrary(thing, world), { seed: 13, numRuns: 200 });
    expect(again.map((r) => describeRequest(r, credentials))).toEqual(
      requests.slice(0, 200).map((r) => describeRequest(r, credentials)),
    );
  });

  it('writes prototype keys as own keys and raw numbers verbatim, and never mutates a shared value', () => {
    const shared = {};
    const body = applyMutations({ a: 1 }, [
      { kind: 'set', path: ['b'], value: shared },
      { kind: 'set', path: ['b', 'c'], value: new Raw('-0') },
      { kind: 'extra', path: [], key: '__proto__', value: { admin: true } },
    ]);
    expect(jsonText(body)).toBe('{"a":1,"b":{"c":-0},"__proto__":{"admin":true}}');
    expect(shared).toEqual({});
    expect(jsonText(new Entries([['constructor', [new Raw('1e309')]]]))).toBe('{"constructor":[1e309]}');
  });

  it('makes handshakes that are CONNECT packets with hostile auth, and broken packets', () => {
    const cases = fc.sample(handshakeArbitrary(['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ']), {
      seed: 13,
      numRuns: 1_000,
    });
    expect(cases.filter((c) => c.connect).every((c) => c.packet.startsWith('40{'))).toBe(true);
    expect(cases.some((c) => !c.connect)).toBe(true);
    expect(cases.some((c) => c.packet.includes('"__proto__"'))).toBe(true);
    expect(cases.some((c) => c.packet.length > 900_000)).toBe(true);
    expect(cases.some((c) => c.packet.includes('['.repeat(2_000)))).toBe(true);
    expect(cases.some((c) => Object.keys(c.query).length > 0)).toBe(true);
  });
});
