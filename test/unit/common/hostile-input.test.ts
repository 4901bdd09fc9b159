import { describe, expect, it } from '@jest/globals';
import { hostileInputProblem, HostileInputPipe, MAX_DEPTH } from '../../../api/src/common/hostile-input.js';

// What the pipe refuses before validation, and how it names the place: a NUL, nesting too deep, a
// field named __proto__ (the transformer would drop it silently where other unknown fields are refused).
describe('hostileInputProblem', () => {
  it('passes an ordinary body', () => {
    expect(hostileInputProblem({ a: 'x', list: [1, { b: null }], constructor: 1 })).toBeUndefined();
  });

  it('refuses a NUL in a value or a field name, naming where', () => {
    expect(hostileInputProblem({ list: ['ok', 'a\u0000b'] })).toBe('list[1]: text may not contain the NUL character (U+0000)');
    expect(hostileInputProblem({ o: { ['k\u0000']: 1 } })).toBe('o: a field name may not contain the NUL character (U+0000)');
  });

  it('refuses nesting deeper than MAX_DEPTH', () => {
    let v: unknown = 1;
    for (let i = 0; i <= MAX_DEPTH; i++) v = [v]; // MAX_DEPTH + 1 lists: the innermost sits at depth MAX_DEPTH
    expect(hostileInputProblem(v)).toMatch(/nested deeper than 32 levels/);
    expect(hostileInputProblem((v as unknown[])[0])).toBeUndefined();
  });

  it('refuses a field named __proto__ as JSON.parse gives it, at the top and nested', () => {
    expect(hostileInputProblem(JSON.parse('{"a":1,"__proto__":{"isAdmin":true}}'))).toBe('__proto__: a field may not be named __proto__');
    expect(hostileInputProblem(JSON.parse('{"params":{"I1":{"__proto__":1}}}'))).toBe('params.I1.__proto__: a field may not be named __proto__');
    expect(hostileInputProblem(JSON.parse('{"phases":[{"__proto__":null}]}'))).toBe('phases[0].__proto__: a field may not be named __proto__');
    // an object literal's __proto__ sets the prototype and is no field: nothing to refuse
    expect(hostileInputProblem({ __proto__: { x: 1 } })).toBeUndefined();
  });

  it('the pipe answers 400 with the problem for a body', () => {
    const pipe = new HostileInputPipe();
    class Dto {}
    expect(() => pipe.transform(JSON.parse('{"__proto__":{}}'), { type: 'body', metatype: Dto })).toThrow('__proto__: a field may not be named __proto__');
  });
});
