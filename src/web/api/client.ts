// The one way the UI talks to the server: same-origin fetch with the session cookie, the CSRF header on
// mutating requests, and application/problem+json turned into an ApiError with title/detail/problems.

import type { components } from './schema.gen.ts';

export const API_BASE = '/api/v1';

/** One problem of a problem+json body (the server's `Problem` schema). */
export type Problem = NonNullable<components['schemas']['Problem']['problems']>[number];

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly code: string;
  readonly problems: Problem[];
  /** Seconds to wait before retrying, from a Retry-After header (rate limiting). */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    title: string;
    detail?: string;
    code?: string;
    problems?: Problem[];
    retryAfter?: number;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail ?? '';
    this.code = init.code ?? '';
    this.problems = init.problems ?? [];
    this.retryAfter = init.retryAfter;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;

/** Remembers the CSRF token handed out by /auth/me and /auth/login. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reads `problems: [{path, message}]` defensively: anything malformed is dropped. */
export function readProblems(value: unknown): Problem[] {
  if (!Array.isArray(value)) return [];
  const out: Problem[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const message = asString(item.message);
    if (message === undefined) continue;
    out.push({ path: asString(item.path) ?? '', message });
  }
  return out;
}

const STATUS_TITLES: Record<number, string> = {
  400: 'The request was not accepted',
  401: 'You are not signed in',
  403: 'Your role does not allow this',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  422: 'Some fields need fixing',
  429: 'Too many attempts',
  500: 'The server had a problem',
  502: 'The server is not reachable',
  503: 'The server is not available',
};

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** Turns a non-OK response into an ApiError, reading a problem+json body when there is one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  let body: unknown = null;
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      body = await res.json();
    } catch {
      body = null;
    }
  }
  const fallback = STATUS_TITLES[res.status] ?? `Request failed (${res.status})`;
  if (isRecord(body)) {
    const init: ConstructorParameters<typeof ApiError>[0] = {
      status: res.status,
      title: asString(body.title) ?? fallback,
      detail: asString(body.detail) ?? asString(body.message) ?? '',
      code: asString(body.code) ?? '',
      problems: readProblems(body.problems),
    };
    if (retryAfter !== undefined) init.retryAfter = retryAfter;
    return new ApiError(init);
  }
  const init: ConstructorParameters<typeof ApiError>[0] = { status: res.status, title: fallback };
  if (retryAfter !== undefined) init.retryAfter = retryAfter;
  return new ApiError(init);
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
};

function buildUrl(path: string, query: RequestOptions['query']): string {
  const url = `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/** Calls the API. Resolves with the parsed JSON body (undefined for 204), rejects with ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    if (options.signal) init.signal = options.signal;
    res = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      title: 'Cannot reach the Gatecheck server',
      detail: 'Check your network connection, or whether the server is running, then try again.',
      code: 'network',
    });
  }
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      status: res.status,
      title: 'The server sent an answer that is not JSON',
      code: 'bad_response',
    });
  }
}

/** Lists may come back as an array or wrapped as `{items}` / `{<key>}`; this accepts each. */
export function listOf<T>(value: unknown, key?: string): T[] {
  if (Array.isArray(value)) return value as T[];
  if (isRecord(value)) {
    if (Array.isArray(value.items)) return value.items as T[];
    if (key && Array.isArray(value[key])) return value[key] as T[];
  }
  return [];
}

/** A short human sentence for any error, for notifications and alerts. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 429) return rateLimitMessage(error);
    return error.detail ? `${error.title}. ${error.detail}` : error.title;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

export function rateLimitMessage(error: ApiError): string {
  if (error.retryAfter !== undefined) {
    const minutes = Math.max(1, Math.ceil(error.retryAfter / 60));
    return `Too many attempts, try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return error.detail
    ? `Too many attempts. ${error.detail}`
    : 'Too many attempts, try again in a few minutes.';
}

export type UploadRawOptions = {
  query?: RequestOptions['query'];
  /** Bytes sent so far and the total, as the browser reports them. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
};

/**
 * POSTs a file as the raw request body (the server reads it as a stream and sniffs its type) with the CSRF
 * header, reporting upload progress; resolves with the parsed JSON answer, rejects with ApiError.
 * XMLHttpRequest because fetch cannot report upload progress.
 */
export function uploadRaw<T>(path: string, file: Blob, options: UploadRawOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () =>
      reject(
        new ApiError({
          status: 0,
          title: 'Cannot reach the Gatecheck server',
          detail: 'The upload stopped. Check your network connection, or whether the server is running.',
          code: 'network',
        }),
      );
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onload = () => {
      const headers = new Headers();
      for (const name of ['Content-Type', 'Retry-After']) {
        const value = xhr.getResponseHeader(name);
        if (value) headers.set(name, value);
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        void errorFromResponse(new Response(xhr.responseText, { status: xhr.status, headers })).then(reject);
        return;
      }
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        reject(new ApiError({ status: xhr.status, title: 'The server sent an answer that is not JSON' }));
      }
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    options.onProgress?.(0, file.size);
    xhr.send(file);
  });
}

/** Same-origin URL of an API path, for `<img src>` and download links (the session cookie goes along). */
export function apiUrl(path: string): string {
  return `${API_BASE}${path}`;
}
