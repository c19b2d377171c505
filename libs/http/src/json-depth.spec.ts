import { jsonNestsDeeperThan } from './json-depth';
import { findInputProblem } from './object-body.pipe';

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings or after escaped quotes', () => {
    expect(jsonNestsDeeperThan(Buffer.from('[[[]]]'), 3)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from('[[[[]]]]'), 3)).toBe(true);
    expect(jsonNestsDeeperThan(Buffer.from('{"a":{"b":{"c":{}}}}'), 3)).toBe(true);
    expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify({ a: '[[[[[[', b: 'x\\"[[[[[' })), 3)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify(['"', [[['x']]]])), 3)).toBe(true);
  });
});

describe('findInputProblem', () => {
  it('names the field of a NUL, a lone surrogate or a forbidden key, at any depth', () => {
    expect(findInputProblem({ a: [{ b: 'x\u0000' }] })).toMatchObject({ code: 'TEXT_NOT_ALLOWED', field: 'a[0].b' });
    expect(findInputProblem({ a: { '\udc00': 1 } })).toMatchObject({ code: 'TEXT_NOT_ALLOWED', field: 'a.\udc00' });
    expect(findInputProblem(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'a.__proto__',
    });
    expect(findInputProblem({ a: '검단 🚐', b: [1, null, true] })).toBeNull();
  });

  it('refuses nesting past 32 levels and accepts 32', () => {
    const nest = (n: number): unknown => (n === 1 ? {} : { a: nest(n - 1) });
    expect(findInputProblem(nest(32))).toBeNull();
    expect(findInputProblem(nest(33))).toMatchObject({ code: 'PAYLOAD_TOO_DEEP' });
  });
});
