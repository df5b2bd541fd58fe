// Request body limits. Bundle routes accept config.maxBundleBytes; bulk routes (import, stateless assess)
// up to MAX_BULK_BYTES; everything else is small JSON. Too large → DomainError → 413 problem+json.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../core/errors.ts';
import type { ServerEnv } from '../types.ts';

export const MAX_BULK_BYTES = 50 * 1024 * 1024;
export const MAX_SMALL_BYTES = 1024 * 1024;

/** `stream`: the route streams its body to disk and enforces its own limit (config.maxUploadBytes). */
export type BodySize = 'small' | 'bundle' | 'bulk' | 'stream';

/**
 * `METHOD /path` patterns of the routes that read their body as a stream and stop at their own limit
 * (sign-in logs: GATECHECK_MAX_UPLOAD_BYTES; documents: GATECHECK_MAX_DOCUMENT_BYTES), which the overall /api
 * cap leaves to them.
 */
export const STREAMED_BODY_ROUTES: readonly RegExp[] = [
  /^POST \/api\/v1\/logins\/imports$/,
  /^POST \/api\/v1\/subjects\/[^/]+\/documents\/files$/,
  /^POST \/api\/v1\/subjects\/[^/]+\/(?:interviews\/[^/]+\/recording|recordings)$/,
  // The candidate's ID photo (document limit) and challenge keyframes (512 KiB).
  /^POST \/api\/v1\/verify\/[^/]+\/(?:document|keyframes)$/,
];

export function isStreamedBodyRoute(method: string, path: string): boolean {
  const key = `${method} ${path}`;
  return STREAMED_BODY_ROUTES.some((pattern) => pattern.test(key));
}

function tooLarge(limit: number): never {
  throw new DomainError('payload_too_large', `The request body is larger than the limit of ${limit} bytes.`);
}

/** The largest body a request may carry, checked before anything reads it. */
export function limitBody(size: BodySize): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    if (size === 'stream') return next();
    const limit =
      size === 'bulk'
        ? Math.max(MAX_BULK_BYTES, c.var.ctx.config.maxBundleBytes)
        : size === 'bundle'
          ? c.var.ctx.config.maxBundleBytes
          : MAX_SMALL_BYTES;
    return bodyLimit({ maxSize: limit, onError: () => tooLarge(limit) })(c, next);
  };
}

/** The overall cap for anything under /api, whatever the route. */
export function limitAnyBody(): MiddlewareHandler<ServerEnv> {
  const cap = bodyLimit({ maxSize: MAX_BULK_BYTES, onError: () => tooLarge(MAX_BULK_BYTES) });
  return async (c, next) => {
    if (isStreamedBodyRoute(c.req.method, c.req.path)) return next();
    return cap(c, next);
  };
}
