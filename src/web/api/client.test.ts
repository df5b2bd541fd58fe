import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, errorMessage, setCsrfToken } from './client.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function problemResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

describe('api client', () => {
  it('turns problem+json into an ApiError with every problem', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        problemResponse(422, {
          type: 'about:blank',
          title: 'The case bundle is not valid',
          status: 422,
          detail: '2 problems',
          code: 'validation',
          problems: [
            { path: 'subject.id', message: 'missing (required)' },
            { path: 'changes', message: 'expected an array' },
          ],
        }),
      ),
    );
    const error = await api('/subjects', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation');
    expect(e.problems.map((p) => p.path)).toEqual(['subject.id', 'changes']);
  });

  it('says how long to wait when rate limited', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        problemResponse(
          429,
          { title: 'Too many attempts', status: 429, detail: '', code: 'rate_limited' },
          {
            'Retry-After': '600',
          },
        ),
      ),
    );
    const error = await api('/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(errorMessage(error)).toBe('Too many attempts, try again in 10 minutes.');
  });

  it('sends the CSRF token on mutating requests only, with the session cookie', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok-1');
    await api('/subjects');
    await api('/subjects/x/case/notes', { method: 'POST', body: { text: 'hi' } });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [getCall, postCall] = fetchMock.mock.calls;
    if (!getCall || !postCall) throw new Error('fetch was not called twice');
    expect((getCall[1].headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect((postCall[1].headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1');
    expect(postCall[1].credentials).toBe('same-origin');
    expect(postCall[0]).toBe('/api/v1/subjects/x/case/notes');
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    const error = await api('/subjects').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetwork).toBe(true);
  });
});
