/** An answer other than 2xx: the server's `{statusCode, code, message, field?}`, or what the network said. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}
