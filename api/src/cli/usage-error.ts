// Exit statuses of the command-line contract (spec/bundle.md).
export const EXIT = { done: 0, refused: 1, usage: 2, dataDirInUse: 3 } as const;

/** Bad usage: an unknown option, a missing value, a month outside the campaign. Exit status 2. */
export class UsageError extends Error {}

/** A request the data cannot answer (no published ranking, unknown scheme, unknown unit). Exit status 1. */
export class RefusedError extends Error {}
