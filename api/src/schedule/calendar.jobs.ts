import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DATABASE, type Clock } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';

// Placeholder until the calendar jobs land (issue 3, item 7).
@Injectable()
export class CalendarJobs {
  constructor(@Inject(DATABASE) readonly db: Database, @Inject(CLOCK) readonly clock: Clock) {}
}
