// Arrow IPC streams of the JSON answers (Accept: application/vnd.apache.arrow.stream), and their reading back.
// One explicit mapping from the answer's JSON values to Arrow types, declared once per route next to its
// JSON contract (an ArrowContract): dates as Date32 (days since 1970-01-01), exact decimals as Decimal128
// with the column's scale, codes as dictionaries of strings. The Arrow answer carries the same rows, in
// the same order, as the JSON answer; the reader (rowsOfTable) turns a stream back into those JSON rows.
import {
  Bool, type Data, DateDay, Decimal, Dictionary, Field, Float64, Int32, List, makeData, RecordBatch, RecordBatchStreamWriter,
  Schema, Struct, Table, tableFromIPC, Utf8, vectorFromArray, DataType, DateUnit, Vector,
} from 'apache-arrow';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

export { ARROW_PAGE_SIZE_MAX, JSON_PAGE_SIZE_MAX } from './arrow-limits.js';

/**
 * A column of an Arrow answer. `name` is the JSON key, or a dotted path into a nested object (`parts.found`):
 * - utf8: free text; code: a code or enum, dictionary-encoded; date: 'YYYY-MM-DD' as Date32;
 * - decimal: an exact decimal number with `scale` digits after the point (Decimal128, precision 38);
 * - int: a whole number (Int32); float: a computed share with no exact decimal form (Float64);
 * - bool; codes: a list of strings (the signers of an inspection, its findings); records: a list of records.
 */
export type ArrowColumnType =
  | 'utf8' | 'code' | 'date' | 'int' | 'float' | 'bool' | 'codes'
  | { decimal: number }
  /** a list of records (the inspections of a missed hazard): a List of Structs; no `code` columns inside */
  | { records: readonly ArrowColumn[] };
export interface ArrowColumn {
  name: string;
  type: ArrowColumnType;
}

/** One table of an answer: where its rows are in the JSON answer, and its columns. */
export interface ArrowTableContract<J> {
  rows: (json: J) => readonly object[];
  columns: readonly ArrowColumn[];
}

/**
 * A route's Arrow answer. Most routes have one table; GET /api/trace has three (missed, overdue, lookBack),
 * chosen with the media type's `table` parameter (`application/vnd.apache.arrow.stream; table=overdue`).
 * `meta` (month, asOf, total …) goes into the schema's metadata as strings.
 */
export interface ArrowContract<J> {
  tables: Record<string, ArrowTableContract<J>>;
  meta?: (json: J) => Record<string, string | number | null>;
}

/** A paged list's answer, `{items, total, page, pageSize}`: the items are the rows, the paging is metadata. */
export function pagedContract<T extends object>(columns: readonly ArrowColumn[]): ArrowContract<{ items: T[]; total: number; page: number; pageSize: number }> {
  return {
    tables: { items: { rows: (p) => p.items, columns } },
    meta: (p) => ({ total: p.total, page: p.page, pageSize: p.pageSize }),
  };
}

/** the decimal columns' precision: 38 digits, what Decimal128 holds */
const PRECISION = 38;
const DAY_MS = 86_400_000;

function arrowType(t: ArrowColumnType, id: number): DataType {
  if (typeof t === 'object') {
    if ('records' in t) return new List(new Field('item', new Struct(t.records.map((c) => new Field(c.name, arrowType(c.type, -1), true))), false));
    return new Decimal(t.decimal, PRECISION, 128);
  }
  switch (t) {
    case 'utf8': return new Utf8();
    case 'code': return new Dictionary(new Utf8(), new Int32(), id);
    case 'date': return new DateDay();
    case 'int': return new Int32();
    case 'float': return new Float64();
    case 'bool': return new Bool();
    case 'codes': return new List(new Field('item', new Utf8(), false));
  }
}

/** the Arrow schema of a table contract (dictionary ids numbered by column) */
export function arrowSchema(columns: readonly ArrowColumn[], meta: Map<string, string> = new Map()): Schema {
  return new Schema(columns.map((c, i) => new Field(c.name, arrowType(c.type, i), true)), meta);
}

function valueAt(row: object, path: string): unknown {
  // most columns are plain keys: no split for them (this runs once a cell)
  if (!path.includes('.')) return (row as Record<string, unknown>)[path];
  let v: unknown = row;
  for (const k of path.split('.')) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k];
  return v;
}

/** a column's value of a row, its path split once */
function getter(path: string): (row: object) => unknown {
  const keys = path.split('.');
  if (keys.length === 1) return (row) => (row as Record<string, unknown>)[path];
  if (keys.length === 2) {
    const [a, b] = keys;
    return (row) => ((row as Record<string, Record<string, unknown> | null | undefined>)[a] ?? undefined)?.[b];
  }
  return (row) => valueAt(row, path);
}

/** 'YYYY-MM-DD' (or a Date at UTC midnight) as days since 1970-01-01 */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

export function epochDay(v: unknown): number {
  const m = typeof v === 'string' ? ISO_DAY.exec(v) : null;
  // Date.UTC rolls 2023-02-30 over to March: the round trip below refuses such a day
  const ms = v instanceof Date ? v.getTime() : m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (m && new Date(ms).toISOString().slice(0, 10) !== m[0]) throw new Error(`arrow: not a date: ${String(v)}`);
  if (!Number.isFinite(ms)) throw new Error(`arrow: not a date: ${String(v)}`);
  return Math.round(ms / DAY_MS);
}

/**
 * A decimal as its unscaled integer: 12.35 at scale 2 is 1235n. Read from the number's shortest decimal
 * text (what JSON.stringify writes), so the Arrow value is exactly the JSON value; a value with more digits
 * than the scale is refused rather than rounded.
 */
export function unscaled(v: number | string, scale: number): bigint {
  const text = typeof v === 'number' ? numberText(v) : v.trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`arrow: not a decimal: ${text}`);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > scale) throw new Error(`arrow: ${text} has more than ${scale} decimal places`);
  const n = BigInt(m[2] + frac.padEnd(scale, '0'));
  return m[1] ? -n : n;
}

function numberText(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`arrow: not a finite number: ${v}`);
  const s = String(v);
  if (!/e/i.test(s)) return s;
  // 1e-7 and the like: toFixed(20) is exact enough for the scales used (≤ 6) after trailing zeros go
  return v.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

function validity(values: readonly unknown[]): { nullBitmap: Uint8Array; nullCount: number } {
  const bits = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nullCount++;
    else bits[i >> 3] |= 1 << (i & 7);
  });
  return { nullBitmap: bits, nullCount };
}

/** a column's values as Arrow Data; `dictionary` is the column's one dictionary, shared by every batch */
function columnData(type: DataType, t: ArrowColumnType, values: readonly unknown[], dictionary?: DictionaryOf): Data {
  const length = values.length;
  const { nullBitmap, nullCount } = validity(values);
  if (typeof t === 'object' && 'records' in t) {
    // offsets into one Struct child that holds every row's records, one after another
    const offsets = new Int32Array(length + 1);
    const items: object[] = [];
    values.forEach((v, i) => {
      if (Array.isArray(v)) items.push(...(v as object[]));
      offsets[i + 1] = items.length;
    });
    const struct = (type as List).children[0].type as Struct;
    const children = t.records.map((c, k) => columnData(struct.children[k].type, c.type, items.map((r) => valueAt(r, c.name))));
    const child = makeData({ type: struct, length: items.length, nullCount: 0, children });
    return makeData({ type: type as List, length, nullCount, nullBitmap, valueOffsets: offsets, child });
  }
  if (typeof t === 'object') {
    // Decimal128: four little-endian 32-bit words of the two's-complement unscaled value
    const words = new Uint32Array(length * 4);
    const scale = (t as { decimal: number }).decimal;
    const factor = 10 ** scale;
    values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      // fast path: a non-negative number whose scaled value is a safe integer that gives back the same double
      // (so the same shortest decimal text) is exact without BigInt
      if (typeof v === 'number') {
        const q = Math.round(v * factor);
        if (q >= 0 && Number.isSafeInteger(q) && q / factor === v) {
          words[i * 4] = q % 0x100000000;
          words[i * 4 + 1] = Math.floor(q / 0x100000000);
          return;
        }
      }
      let n = BigInt.asUintN(128, unscaled(v as number | string, scale));
      for (let w = 0; w < 4; w++, n >>= 32n) words[i * 4 + w] = Number(n & 0xffffffffn);
    });
    return makeData({ type: type as Decimal, length, nullCount, nullBitmap, data: words });
  }
  switch (t) {
    case 'date': {
      // a ledger has a few thousand distinct days over millions of rows: each parsed once
      const days = new Map<unknown, number>();
      const day = (v: unknown) => {
        let d = days.get(v);
        if (d === undefined) days.set(v, (d = epochDay(v)));
        return d;
      };
      return makeData({ type: type as DateDay, length, nullCount, nullBitmap, data: Int32Array.from(values, (v) => (v === null || v === undefined ? 0 : day(v))) });
    }
    case 'int':
      return makeData({ type: type as Int32, length, nullCount, nullBitmap, data: Int32Array.from(values, (v) => Number(v ?? 0)) });
    case 'code': {
      const d = dictionary!;
      const indices = Int32Array.from(values, (v) => (v === null || v === undefined ? 0 : d.index.get(String(v))!));
      return makeData({ type: type as Dictionary<Utf8, Int32>, length, nullCount, nullBitmap, data: indices, dictionary: d.vector });
    }
    case 'utf8':
      return utf8Data(type as Utf8, values, nullBitmap, nullCount);
    case 'bool': {
      const bits = new Uint8Array(Math.ceil(length / 8));
      values.forEach((v, i) => { if (v === true) bits[i >> 3] |= 1 << (i & 7); });
      return makeData({ type: type as Bool, length, nullCount, nullBitmap, data: bits });
    }
    default:
      return vectorFromArray(values.map((v) => v ?? null) as unknown[], type).data[0];
  }
}

const encoder = new TextEncoder();

/** Utf8 built directly (offsets and one byte buffer, encodeInto): several times faster than the generic builder */
function utf8Data(type: Utf8, values: readonly unknown[], nullBitmap: Uint8Array, nullCount: number): Data {
  const offsets = new Int32Array(values.length + 1);
  let capacity = 0;
  for (const v of values) if (v !== null && v !== undefined) capacity += String(v).length * 3;
  const bytes = new Uint8Array(capacity);
  let at = 0;
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) at += encoder.encodeInto(String(v), bytes.subarray(at)).written;
    offsets[i + 1] = at;
  });
  return makeData({ type, length: values.length, nullCount, nullBitmap, valueOffsets: offsets, data: bytes.subarray(0, at) });
}

interface DictionaryOf {
  vector: Vector<Utf8>;
  index: Map<string, number>;
}

function dictionaryOf(values: Iterable<unknown>): DictionaryOf {
  const index = new Map<string, number>();
  for (const v of values) if (v !== null && v !== undefined && !index.has(String(v))) index.set(String(v), index.size);
  return { vector: vectorFromArray([...index.keys()], new Utf8()), index };
}

function metadata(meta: Record<string, string | number | null> | undefined): Map<string, string> {
  return new Map(Object.entries(meta ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** the rows of batch after batch; 64 k rows a batch keeps a reader's first rows early and the framing small */
export const BATCH_ROWS = 65_536;

/**
 * The record batches of one table of an answer, built one batch at a time (a large answer never becomes one
 * buffer). Each code column's dictionary is built once over all rows, so every batch shares it and the
 * stream carries it once.
 */
export function* arrowBatches<J>(contract: ArrowContract<J>, json: J, table?: string, batchRows = BATCH_ROWS): Generator<RecordBatch, Schema> {
  const name = tableName(contract, table);
  const t = contract.tables[name];
  const rows = t.rows(json);
  const schema = arrowSchema(t.columns, metadata({ table: name, rows: rows.length, ...contract.meta?.(json) }));
  const getters = t.columns.map((c) => getter(c.name));
  const dictionaries = t.columns.map((c, i) => (c.type === 'code' ? dictionaryOf(rows.map(getters[i])) : undefined));
  for (let start = 0; start < rows.length || start === 0; start += batchRows) {
    const slice = rows.slice(start, start + batchRows);
    const children = t.columns.map((c, i) => columnData(schema.fields[i].type, c.type, slice.map(getters[i]), dictionaries[i]));
    const data = makeData({ type: new Struct(schema.fields), length: slice.length, nullCount: 0, children });
    yield new RecordBatch(schema, data);
    if (rows.length === 0) break;
  }
  return schema;
}

/** the table a request asked for, the contract's first when none */
export function tableName<J>(contract: ArrowContract<J>, asked?: string): string {
  const names = Object.keys(contract.tables);
  if (asked === undefined || asked === '') return names[0];
  if (!names.includes(asked)) throw new RangeError(`no Arrow table "${asked}" here; tables: ${names.join(', ')}`);
  return asked;
}

/** the whole stream as one buffer (the CLI, tests) */
export function arrowBytes<J>(contract: ArrowContract<J>, json: J, table?: string): Uint8Array {
  const writer = new RecordBatchStreamWriter();
  for (const batch of arrowBatches(contract, json, table)) writer.write(batch);
  return writer.finish().toUint8Array(true);
}

// ── reading back ─────────────────────────────────────────────────────────────────────────────────────

/** an exact decimal's text, '12.35', from its unscaled words */
export function decimalText(words: Uint32Array, scale: number): string {
  let n = 0n;
  for (let w = words.length - 1; w >= 0; w--) n = (n << 32n) | BigInt(words[w]);
  n = BigInt.asIntN(words.length * 32, n);
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return neg ? `-${text}` : text;
}

function cellOf(vector: Vector, i: number): unknown {
  if (!vector.isValid(i)) return null;
  const type = vector.type as DataType;
  const v = vector.get(i) as unknown;
  // DateDay reads as epoch milliseconds
  if (DataType.isDate(type)) return new Date(v as number).toISOString().slice(0, 10);
  // the JSON answers write decimals as numbers; the text is exact, Number() of it is the JSON number
  if (DataType.isDecimal(type)) return Number(decimalText(v as Uint32Array, type.scale));
  if (DataType.isList(type)) {
    const items = v as Vector;
    if (!DataType.isStruct(items.type)) return [...items] as unknown[];
    const fields = (items.type as Struct).children;
    const out: Record<string, unknown>[] = [];
    for (let j = 0; j < items.length; j++) {
      const o: Record<string, unknown> = {};
      fields.forEach((f, k) => setPath(o, f.name, cellOf(items.getChildAt(k)!, j)));
      out.push(o);
    }
    return out;
  }
  return v;
}

function setPath(row: Record<string, unknown>, path: string, v: unknown): void {
  const keys = path.split('.');
  let o = row;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]] = v;
}

/**
 * A column's cells as JSON values, chunk by chunk: dates, dictionaries, ints and floats straight from their
 * buffers (each distinct day and dictionary entry converted once), the rest cell by cell through cellOf.
 */
function columnValues(vector: Vector): unknown[] {
  const out: unknown[] = new Array(vector.length);
  let at = 0;
  for (const chunk of vector.data) {
    const type = chunk.type as DataType;
    const valid = (i: number) => chunk.nullCount === 0 || chunk.getValid(i);
    if (DataType.isDate(type) && type.unit === DateUnit.DAY) {
      const days = new Map<number, string>();
      const values = chunk.values as Int32Array;
      for (let i = 0; i < chunk.length; i++) {
        if (!valid(i)) { out[at++] = null; continue; }
        let d = days.get(values[i]);
        if (d === undefined) days.set(values[i], (d = new Date(values[i] * DAY_MS).toISOString().slice(0, 10)));
        out[at++] = d;
      }
    } else if (DataType.isDictionary(type) && chunk.dictionary) {
      const words = [...chunk.dictionary] as unknown[];
      const indices = chunk.values as Int32Array;
      for (let i = 0; i < chunk.length; i++) out[at++] = valid(i) ? words[indices[i]] : null;
    } else if ((DataType.isInt(type) && type.bitWidth <= 32) || DataType.isFloat(type)) {
      const values = chunk.values as Int32Array | Float64Array;
      for (let i = 0; i < chunk.length; i++) out[at++] = valid(i) ? values[i] : null;
    } else {
      const one = new Vector([chunk]);
      for (let i = 0; i < chunk.length; i++) out[at++] = cellOf(one, i);
    }
  }
  return out;
}

/** A table read back as the JSON answer's rows: dates as 'YYYY-MM-DD', decimals and ints as numbers, dotted names nested. */
export function rowsOfTable(table: Table): Record<string, unknown>[] {
  const columns = table.schema.fields.map((f, i) => ({ name: f.name, nested: f.name.includes('.'), values: columnValues(table.getChildAt(i)!) }));
  const out: Record<string, unknown>[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (const c of columns) {
      if (c.nested) setPath(row, c.name, c.values[i]);
      else row[c.name] = c.values[i];
    }
    out[i] = row;
  }
  return out;
}

/** an Arrow stream's rows and its metadata */
export function readArrow(bytes: Uint8Array): { rows: Record<string, unknown>[]; meta: Record<string, string>; table: Table } {
  const table = tableFromIPC(bytes);
  return { rows: rowsOfTable(table), meta: Object.fromEntries(table.schema.metadata), table };
}

/**
 * A JSON row as its Arrow row reads back: only the declared columns (nested paths nested), a missing value
 * as null. Tests and scripts/arrow-check compare `rowsOfTable` with the JSON rows through this.
 */
export function projectRow(row: object, columns: readonly ArrowColumn[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = valueAt(row, c.name);
    const records = typeof c.type === 'object' && 'records' in c.type ? c.type.records : undefined;
    setPath(out, c.name, v === undefined || v === null ? null : records ? (v as object[]).map((r) => projectRow(r, records)) : v);
  }
  return out;
}
