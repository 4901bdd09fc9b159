// Domain errors of the analytics engine, with codes a caller can map (the CLI to exit status 2, the
// API to 400) without parsing messages.
export enum AnalyticsErrorCode {
  BAD_MONTH = 'BAD_MONTH',
  MONTH_OUTSIDE_CAMPAIGN = 'MONTH_OUTSIDE_CAMPAIGN',
  BAD_SCHEME = 'BAD_SCHEME',
  UNKNOWN_UNIT = 'UNKNOWN_UNIT',
  UNKNOWN_HAZARD = 'UNKNOWN_HAZARD',
}

export class AnalyticsError extends Error {
  constructor(readonly code: AnalyticsErrorCode, message: string) {
    super(message);
    this.name = 'AnalyticsError';
  }
}
