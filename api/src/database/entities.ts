import * as ledger from '../ledger/ledger.entities.js';
import * as governance from '../ledger/governance.entities.js';
import { DocumentNumber } from '../exports/document-number.entity.js';

// Every TypeORM entity of the ledger and of the office's records, listed once for the DataSource.
export const ENTITIES: Function[] = [...Object.values(ledger), ...Object.values(governance), DocumentNumber];
