// What a date is, for the API's fields and the bundle's cells alike: 'YYYY-MM-DD' naming a day that
// exists by the Gregorian rule (2023-02-30 does not). Year 0000 is refused: JavaScript's calendar has
// it, PostgreSQL's does not (a drill dated 0000-01-01 was answered 500; dto-hostile, seed 1728067963).
// Arithmetic rather than a Date per value: a Date per cell was a twentieth of a large import's checks.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS[month - 1];
}

/** Why `s` is not a date: not written YYYY-MM-DD, or a day that does not exist; undefined when it is one. */
export function calendarDateProblem(s: string): 'format' | 'nonexistent' | undefined {
  const m = DATE.exec(s);
  if (!m) return 'format';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) ? 'nonexistent' : undefined;
}

export function isCalendarDate(v: unknown): v is string {
  return typeof v === 'string' && calendarDateProblem(v) === undefined;
}
