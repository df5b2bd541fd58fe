// The only error type core and services throw. server/error-handler.ts maps codes to HTTP statuses.

export type DomainErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'invalid_transition'
  | 'rate_limited'
  | 'payload_too_large'
  | 'setup_required'
  | 'setup_done'
  /** Something that existed and is now used up or expired for good (a verification link): 410. */
  | 'gone';

export type ProblemDetail = { path: string; message: string };

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly problems: ProblemDetail[] | undefined;
  /** For 'rate_limited': how long the caller should wait before trying again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: DomainErrorCode,
    message: string,
    problems?: ProblemDetail[],
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.problems = problems;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
