// A JSON schema (the OpenAPI 3.0 dialect) tied to the TypeScript type it describes. `object<T>()` wants
// a schema for every property of T and no other, each of that property's exact type (the type parameter
// is invariant: a `string | null` field described as a plain string does not compile), so a contract
// and its schema cannot drift: change one and `tsc` names the other. The contracts stay plain
// interfaces (analytics/ knows nothing of Nest); the API turns these into its OpenAPI answers.

export interface JsonSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  format?: string;
  pattern?: string;
  enum?: readonly (string | number)[];
  nullable?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  allOf?: JsonSchema[];
  description?: string;
  minimum?: number;
  maximum?: number;
  $ref?: string;
}

declare const TYPE: unique symbol;

/** A schema of values of type T; `components` holds the named schemas it refers to. */
export interface Schema<T> {
  readonly json: JsonSchema;
  readonly components: Readonly<Record<string, JsonSchema>>;
  readonly optional?: true;
  /** never set: makes Schema<T> invariant in T */
  readonly [TYPE]?: (t: T) => T;
}

type Notes = Pick<JsonSchema, 'description' | 'format' | 'pattern' | 'minimum' | 'maximum'>;

const leaf = <T>(json: JsonSchema): Schema<T> => ({ json, components: {} });
const merged = (...parts: { components: Readonly<Record<string, JsonSchema>> }[]) => Object.assign({}, ...parts.map((p) => p.components)) as Record<string, JsonSchema>;

export const MONTH = { pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' } as const;
export const DAY = { format: 'date' } as const;

export const s = {
  string: (n: Notes = {}): Schema<string> => leaf({ type: 'string', ...n }),
  number: (n: Notes = {}): Schema<number> => leaf({ type: 'number', ...n }),
  integer: (n: Notes = {}): Schema<number> => leaf({ type: 'integer', ...n }),
  boolean: (n: Notes = {}): Schema<boolean> => leaf({ type: 'boolean', ...n }),
  enum: <const E extends readonly string[]>(values: E, n: Notes = {}): Schema<E[number]> => leaf({ type: 'string', enum: values, ...n }),
  /** a value that is exactly one string (a discriminant) */
  literal: <const L extends string>(value: L, n: Notes = {}): Schema<L> => leaf({ type: 'string', enum: [value], ...n }),

  nullable<T>(x: Schema<T>): Schema<T | null> {
    // in OpenAPI 3.0 a $ref ignores its siblings: wrap it to say null is allowed
    const json = x.json.$ref ? { allOf: [x.json], nullable: true } : { ...x.json, nullable: true };
    return { json, components: x.components };
  },

  /** any JSON value (a payload kept as it was given, such as a published ranking) */
  unknown: (description: string): Schema<unknown> => leaf({ description }),

  /** a property that may be absent */
  optional<T>(x: Schema<T>): Schema<T | undefined> {
    return { json: x.json, components: x.components, optional: true };
  },

  array<T>(x: Schema<T>, n: Notes = {}): Schema<T[]> {
    return { json: { type: 'array', items: x.json, ...n }, components: x.components };
  },

  object<T>(props: { [K in keyof T]-?: Schema<T[K]> }, n: Notes = {}): Schema<T> {
    const entries = Object.entries(props) as [string, Schema<unknown>][];
    return {
      json: {
        type: 'object',
        properties: Object.fromEntries(entries.map(([k, v]) => [k, v.json])),
        required: entries.filter(([, v]) => !v.optional).map(([k]) => k),
        ...n,
      },
      components: merged(...entries.map(([, v]) => v)),
    };
  },

  /** a map from any key to values of one schema */
  record<V>(values: Schema<V>, n: Notes = {}): Schema<Record<string, V>> {
    return { json: { type: 'object', additionalProperties: values.json, ...n }, components: values.components };
  },

  /** the same schema for each of a fixed list of keys (the dispatch columns) */
  keys<const K extends string, V>(keys: readonly K[], value: Schema<V>): { [P in K]: Schema<V> } {
    return Object.fromEntries(keys.map((k) => [k, value])) as { [P in K]: Schema<V> };
  },

  /** a schema under a name in the document's components, referred to by $ref where it is used */
  named<T>(name: string, x: Schema<T>): Schema<T> {
    return { json: { $ref: `#/components/schemas/${name}` }, components: { ...x.components, [name]: x.json } };
  },
};
