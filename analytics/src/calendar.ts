import type { CalendarDue, CalendarJson } from './contracts.js';
import { calendarParams, windowParams, type MonthWindow } from './month-window.js';
import type { QueryFile } from './query-file.js';
import { dateParam } from './types.js';

/** The month's due dates of every county-level unit, their states as of the CST day `asOf`. */
export async function monthCalendar(query: QueryFile, w: MonthWindow, asOf: string): Promise<CalendarJson> {
  const rows = await query('calendar/month-dues.sql', {
    ...windowParams(w), ...calendarParams(w),
    month_start: dateParam(`${w.month}-01`), as_of: dateParam(asOf),
  });
  return { month: w.month, asOf, dues: rows as unknown as CalendarDue[] };
}
