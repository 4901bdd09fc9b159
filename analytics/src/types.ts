import {
  DuckDBTypeId,
  dateValue,
  type DuckDBDateValue,
  type DuckDBDecimalValue,
  type DuckDBListType,
  type DuckDBListValue,
  type DuckDBResultReader,
  type DuckDBStructType,
  type DuckDBStructValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

// The one mapping from DuckDB values to JSON values (STYLE.md, after Evidence). Every figure leaves the
// engine through here, so JSON.stringify never meets a bigint and a date is never shifted by a time zone.
//   BOOLEAN → boolean; TINYINT…INTEGER, FLOAT, DOUBLE → number
//   BIGINT, HUGEINT (and unsigned) → number, refused beyond 2^53 rather than silently rounded
//   DECIMAL → number parsed from its exact decimal text (12.50 → 12.5, the nearest double)
//   DATE → 'YYYY-MM-DD'; VARCHAR → string; LIST → array; STRUCT → object; NULL → null
// Any other type is an error: a query that needs one must cast it, so the mapping stays explicit.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonRow = Record<string, JsonValue>;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' calendar day (no time zone involved). */
export function daysOf(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(isoDate)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** 'YYYY-MM-DD' of a day count since 1970-01-01. */
export function isoOfDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** A DATE parameter for a prepared statement. */
export function dateParam(isoDate: string): DuckDBDateValue {
  return dateValue(daysOf(isoDate));
}

function safeNumber(v: bigint, type: DuckDBType): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`${type.toString()} value ${v} does not fit a JSON number exactly`);
  return n;
}

type Converter = (value: DuckDBValue) => JsonValue;

// Calendar days repeat across rows: format each once.
const isoCache = new Map<number, string>();
function isoOfDaysCached(days: number): string {
  let iso = isoCache.get(days);
  if (iso === undefined) {
    iso = isoOfDays(days);
    if (isoCache.size < 100_000) isoCache.set(days, iso);
  }
  return iso;
}

/** The conversion of one DuckDB type, chosen once per column rather than once per value. */
export function converterFor(type: DuckDBType): Converter {
  switch (type.typeId) {
    case DuckDBTypeId.SQLNULL:
      return () => null;
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return (v) => v as boolean | string | number | null;
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return (v) => (v === null ? null : safeNumber(v as bigint, type));
    case DuckDBTypeId.DECIMAL:
      return (v) => (v === null ? null : Number((v as DuckDBDecimalValue).toString()));
    case DuckDBTypeId.DATE:
      return (v) => (v === null ? null : isoOfDaysCached((v as DuckDBDateValue).days));
    case DuckDBTypeId.LIST: {
      const item = converterFor((type as DuckDBListType).valueType);
      return (v) => (v === null ? null : (v as DuckDBListValue).items.map(item));
    }
    case DuckDBTypeId.STRUCT: {
      const t = type as DuckDBStructType;
      const entries = t.entryNames.map((name, i) => [name, converterFor(t.entryTypes[i])] as const);
      return (v) => {
        if (v === null) return null;
        const values = (v as DuckDBStructValue).entries;
        return Object.fromEntries(entries.map(([name, convert]) => [name, convert(values[name])]));
      };
    }
    default:
      throw new Error(`no JSON mapping for DuckDB type ${type.toString()}: cast it in the query (see analytics/src/types.ts)`);
  }
}

export function toJson(value: DuckDBValue, type: DuckDBType): JsonValue {
  return converterFor(type)(value);
}

/** Every row of a result as a JSON object keyed by column name. */
export function jsonRows(reader: DuckDBResultReader): JsonRow[] {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  // column by column: reading columns is several times faster than reading rows in node-api
  const columns = reader.getColumns().map((values, i) => values.map(converterFor(types[i])));
  const rows: JsonRow[] = new Array(reader.currentRowCount);
  for (let r = 0; r < rows.length; r++) {
    const row: JsonRow = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][r];
    rows[r] = row;
  }
  return rows;
}
