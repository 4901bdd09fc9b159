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

export function toJson(value: DuckDBValue, type: DuckDBType): JsonValue {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.SQLNULL:
      return null;
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.VARCHAR:
      return value as boolean | string;
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return value as number;
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return safeNumber(value as bigint, type);
    case DuckDBTypeId.DECIMAL:
      return Number((value as DuckDBDecimalValue).toString());
    case DuckDBTypeId.DATE:
      return isoOfDays((value as DuckDBDateValue).days);
    case DuckDBTypeId.LIST: {
      const itemType = (type as DuckDBListType).valueType;
      return (value as DuckDBListValue).items.map((item) => toJson(item, itemType));
    }
    case DuckDBTypeId.STRUCT: {
      const t = type as DuckDBStructType;
      const entries = (value as DuckDBStructValue).entries;
      return Object.fromEntries(t.entryNames.map((name, i) => [name, toJson(entries[name], t.entryTypes[i])]));
    }
    default:
      throw new Error(`no JSON mapping for DuckDB type ${type.toString()}: cast it in the query (see analytics/src/types.ts)`);
  }
}

/** Every row of a result as a JSON object keyed by column name. */
export function jsonRows(reader: DuckDBResultReader): JsonRow[] {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  return reader.getRows().map((row) => {
    const out: JsonRow = {};
    row.forEach((v, i) => { out[names[i]] = toJson(v, types[i]); });
    return out;
  });
}
