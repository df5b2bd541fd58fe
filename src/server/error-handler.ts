// The only place that knows HTTP status codes for errors. Everything that goes wrong in a request
// ends here and leaves as application/problem+json (RFC 9457): {type, title, status, detail, code, problems?}.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { formatPath } from '../core/bundle/validate.ts';
import { type DomainErrorCode, isDomainError, type ProblemDetail } from '../core/errors.ts';

/** Codes a problem can carry: every domain code plus the few the HTTP layer adds itself. */
export type ProblemCode = DomainErrorCode | 'unsupported_media_type' | 'internal';

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  problems?: ProblemDetail[];
};

/**
 * Domain codes → HTTP statuses. `validation` from a service means the request was well-formed but its
 * content is not acceptable (a bundle that fails the schema): 422. A request that does not match the
 * route's own schema (wrong types, malformed JSON) is a 400 with the same code.
 */
const STATUS: Readonly<Record<DomainErrorCode, number>> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  invalid_transition: 409,
  rate_limited: 429,
  payload_too_large: 413,
  setup_required: 409,
  setup_done: 409,
  gone: 410,
};

const TITLES: Readonly<Record<ProblemCode, string>> = {
  validation: 'The request is not valid',
  not_found: 'Not found',
  conflict: 'Conflict',
  forbidden: 'Forbidden',
  unauthenticated: 'Authentication required',
  invalid_transition: 'Transition not allowed',
  rate_limited: 'Too many requests',
  payload_too_large: 'Request body too large',
  setup_required: 'Setup required',
  setup_done: 'Setup already done',
  gone: 'No longer available',
  unsupported_media_type: 'Unsupported media type',
  internal: 'Internal error',
};

const DEFAULT_RETRY_AFTER_SECONDS = 60;
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemTypeUri(code: ProblemCode): string {
  return `urn:gatecheck:problem:${code}`;
}

export function statusForCode(code: DomainErrorCode): number {
  return STATUS[code];
}

export function buildProblem(
  code: ProblemCode,
  status: number,
  detail: string,
  problems?: ProblemDetail[],
): ProblemBody {
  const body: ProblemBody = { type: problemTypeUri(code), title: TITLES[code], status, detail, code };
  if (problems && problems.length > 0) body.problems = problems;
  return body;
}

export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

/** Seconds a rate-limited client should wait, when the error says so (`retryAfterSeconds`). */
function retryAfterOf(error: object): number {
  if (
    'retryAfterSeconds' in error &&
    typeof error.retryAfterSeconds === 'number' &&
    error.retryAfterSeconds > 0
  ) {
    return Math.ceil(error.retryAfterSeconds);
  }
  return DEFAULT_RETRY_AFTER_SECONDS;
}

function httpExceptionCode(status: number): ProblemCode {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 410) return 'gone';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  return 'internal';
}

/** Maps any thrown value to a problem response. Unknown errors are logged and hidden from the client. */
export function errorToResponse(error: unknown, log: (error: unknown) => void = defaultLog): Response {
  if (isDomainError(error)) {
    const status = STATUS[error.code];
    const headers: Record<string, string> = {};
    if (error.code === 'rate_limited') headers['retry-after'] = String(retryAfterOf(error));
    return problemResponse(buildProblem(error.code, status, error.message, error.problems), headers);
  }
  if (error instanceof HTTPException) {
    const code = httpExceptionCode(error.status);
    if (code === 'internal') log(error);
    const detail =
      code === 'internal' ? 'The server could not complete the request.' : error.message || TITLES[code];
    return problemResponse(buildProblem(code, error.status, detail));
  }
  log(error);
  return problemResponse(buildProblem('internal', 500, 'The server could not complete the request.'));
}

function defaultLog(error: unknown): void {
  console.error('[gatecheck] unhandled error', error);
}

/** Re-issues a response through the context, so headers set earlier in the request (cookies) are kept. */
export function throughContext(c: Context, res: Response): Response {
  return c.newResponse(res.body, res);
}

/** Hono `onError` handler. */
export function onError(error: Error, c: Context): Response {
  return throughContext(c, errorToResponse(error));
}

/** A request that did not match the route's zod schema (body, query or path): 400 with every problem. */
export function requestValidationResponse(error: ZodError, target: string): Response {
  const where = target === 'json' || target === 'form' ? 'body' : target;
  const problems = error.issues.slice(0, 200).map((issue) => ({
    path: where === 'body' ? formatPath(issue.path) : formatPath([where, ...issue.path]),
    message: issue.message,
  }));
  return problemResponse(buildProblem('validation', 400, `The request ${where} is not valid.`, problems));
}

/** Unknown paths under /api. */
export function notFoundResponse(method: string, path: string): Response {
  return problemResponse(buildProblem('not_found', 404, `No API route for ${method} ${path}.`));
}
