import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorCode } from '../core/errors.ts';
import { errorToResponse } from './error-handler.ts';

const CASES: [DomainErrorCode, number][] = [
  ['validation', 422],
  ['not_found', 404],
  ['conflict', 409],
  ['forbidden', 403],
  ['unauthenticated', 401],
  ['invalid_transition', 409],
  ['rate_limited', 429],
  ['payload_too_large', 413],
  ['setup_required', 409],
  ['setup_done', 409],
  ['gone', 410],
];

describe('errorToResponse', () => {
  it.each(CASES)('maps %s to %i as problem+json', async (code, status) => {
    const res = errorToResponse(new DomainError(code, `because ${code}`));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body).toEqual({
      type: `urn:gatecheck:problem:${code}`,
      title: expect.any(String),
      status,
      detail: `because ${code}`,
      code,
    });
  });

  it('keeps the problems list of a validation error', async () => {
    const res = errorToResponse(
      new DomainError('validation', 'bad bundle', [{ path: 'subject.id', message: 'missing (required)' }]),
    );
    expect(await res.json()).toMatchObject({
      problems: [{ path: 'subject.id', message: 'missing (required)' }],
    });
  });

  it('sets Retry-After on rate limiting, from the error when it says so', () => {
    expect(errorToResponse(new DomainError('rate_limited', 'slow down')).headers.get('retry-after')).toBe(
      '60',
    );
    const withDelay = Object.assign(new DomainError('rate_limited', 'slow down'), {
      retryAfterSeconds: 12.2,
    });
    expect(errorToResponse(withDelay).headers.get('retry-after')).toBe('13');
  });

  it('hides unknown errors behind a 500 without leaking the message', async () => {
    const logged: unknown[] = [];
    const res = errorToResponse(new Error('secret database detail'), (e) => logged.push(e));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });

  it('maps framework HTTP exceptions', async () => {
    const res = errorToResponse(new HTTPException(415, { message: 'Unsupported Media Type' }));
    expect(res.status).toBe(415);
    expect((await res.json()).code).toBe('unsupported_media_type');
  });
});
