// Injection tokens for the values built before Nest starts (the opened database, the checked environment).
export const DATABASE = Symbol('DATABASE');
export const ENV = Symbol('ENV');
export const CLOCK = Symbol('CLOCK');

/** The clock is a dependency so that scheduled jobs can be tested on any date. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
