// Request body limits. Bundle routes accept config.maxBundleBytes; bulk routes (import, stateless assess)
// up to MAX_BULK_BYTES; everything else is small JSON. Too large → DomainError → 413 problem+json.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../core/errors.ts';
import type { ServerEnv } from '../types.ts';

export const MAX_BULK_BYTES = 50 * 1024 * 1024;
export const MAX_SMALL_BYTES = 1024 * 1024;

export type BodySize = 'small' | 'bundle' | 'bulk';

function tooLarge(limit: number): never {
  throw new DomainError('payload_too_large', `The request body is larger than the limit of ${limit} bytes.`);
}

/** The largest body a request may carry, checked before anything reads it. */
export function limitBody(size: BodySize): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
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
  return bodyLimit({ maxSize: MAX_BULK_BYTES, onError: () => tooLarge(MAX_BULK_BYTES) });
}
