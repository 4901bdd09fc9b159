// The page sizes of the lists that answer Arrow, apart from arrow.ts so that the dashboard's main bundle can
// read them without loading apache-arrow.

/** A JSON page of a list holds at most this many rows (one JSON array is built and parsed whole). */
export const JSON_PAGE_SIZE_MAX = 500;

/**
 * An Arrow page of the ledger lists (hazards, inspections, actions) may hold this many: the stream goes out
 * in record batches, so an analyst or the dashboard gets a whole county's ledger in one or a few requests.
 */
export const ARROW_PAGE_SIZE_MAX = 100_000;
