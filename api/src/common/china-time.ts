// Dates and times of China, for the API, the jobs and the dashboard alike (pure, no Node or DOM imports, so
// the dashboard's bundle can take it too).
//
// China keeps one zone, UTC+8, with no daylight saving since 1991: a fixed offset is exact for every date the
// campaign touches and spares the browser and the server a time-zone database. Callers pass the instant
// (from the injected clock on the server) so that jobs and tests can run on any date.

/** China Standard Time's offset from UTC in milliseconds (UTC+8). */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** An instant: a Date, or milliseconds since the epoch. */
export type Instant = Date | number;

const shifted = (at: Instant): string => new Date((typeof at === 'number' ? at : at.getTime()) + CHINA_OFFSET_MS).toISOString();

/** The calendar day in China of an instant: 2023-08-31T17:00:00Z → 2023-09-01. */
export function chinaDay(at: Instant): string {
  return shifted(at).slice(0, 10);
}

/** The month in China of an instant: 2023-08-31T17:00:00Z → 2023-09. */
export function chinaMonth(at: Instant): string {
  return shifted(at).slice(0, 7);
}

/** The wall-clock minute in China of an instant: 2023-09-01T00:30:00Z → 2023-09-01 08:30. */
export function chinaDateTime(at: Instant): string {
  return shifted(at).slice(0, 16).replace('T', ' ');
}

/** The instant a China calendar day begins: 2023-09-01 → 2023-08-31T16:00:00.000Z. */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** The last day of a month: 2023-02 → 2023-02-28. */
export function endOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
