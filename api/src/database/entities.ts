// Every TypeORM entity of the ledger and of the office's records, listed once for the DataSource.
export const ENTITIES: Function[] = [];
