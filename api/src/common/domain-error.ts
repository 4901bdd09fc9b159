// Domain exceptions carry a code a client can act on; the HTTP filter and the CLI map them in one place each.
export type DomainErrorCode =
  | 'UNKNOWN_SCHEME'
  | 'NOT_PUBLISHED'
  | 'ALREADY_PUBLISHED'
  | 'UNKNOWN_UNIT'
  | 'UNKNOWN_HAZARD'
  | 'BAD_MONTH'
  | 'OUT_OF_SCOPE'
  | 'ILLEGAL_TRANSITION'
  | 'CONFLICT'
  | 'BAD_PARAMETER';

const STATUS: Record<DomainErrorCode, number> = {
  UNKNOWN_SCHEME: 404,
  NOT_PUBLISHED: 404,
  ALREADY_PUBLISHED: 409,
  UNKNOWN_UNIT: 404,
  UNKNOWN_HAZARD: 404,
  BAD_MONTH: 400,
  OUT_OF_SCOPE: 403,
  ILLEGAL_TRANSITION: 409,
  CONFLICT: 409,
  BAD_PARAMETER: 400,
};

export class DomainError extends Error {
  constructor(readonly code: DomainErrorCode, message: string) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}
