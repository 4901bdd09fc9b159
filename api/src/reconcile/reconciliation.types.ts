// The shapes of a reconciliation (a hand-filled 调度表 checked against the ledger), apart from the code
// that computes them (reconcile.ts) and the code that stores them (reconciliations.repository.ts), so that
// neither imports the other for a type.

export interface Difference {
  item: string;
  /** the attachment's wording of the item, for a reader of the JSON */
  label: string;
  /** null: the cell was left blank */
  reported: number | null;
  ledger: number;
  /** ledger numbers, credit codes or action ids behind the ledger's figure */
  records: string[];
}

export interface ReconciliationResult {
  id: number;
  unit: string;
  month: string;
  sheet: string;
  reconciledAt: string;
  differences: Difference[];
}

/** The latest check of a unit's table for a month, as the briefing counts it. */
export interface ReconciliationSummary {
  unit: string;
  differences: number;
  /** the items (A1 …) where the table and the ledger disagree */
  items: string[];
}
