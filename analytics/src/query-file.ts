import type { DuckDBValue } from '@duckdb/node-api';
import type { JsonRow } from './types.js';

/** Runs one query file of analytics/sql with named parameters ($name) and returns JSON rows. */
export type QueryFile = (file: string, params: Record<string, DuckDBValue>) => Promise<JsonRow[]>;
