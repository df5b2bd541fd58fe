// Route definitions: the access rule and body limit every route declares, and small helpers for createRoute.
// The access rule is also written into the OpenAPI document (`x-gatecheck-access`), which is how the
// route × role test finds every registered route.
import type { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { type Access, requireAccess } from './middleware/access.ts';
import { type BodySize, limitBody } from './middleware/body-limit.ts';
import type { ServerEnv } from './types.ts';

export const ACCESS_EXTENSION = 'x-gatecheck-access';

type SecurityRequirement = Record<string, string[]>;
const NO_SECURITY: SecurityRequirement[] = [];
const SESSION_OR_BEARER: SecurityRequirement[] = [{ session: [] }, { bearer: [] }];

const ACCESS_TEXT: Record<string, string> = {
  public: 'Public.',
  authenticated: 'Any signed-in user or API token.',
};

function describeAccess(access: Access): string {
  return ACCESS_TEXT[access] ?? `Requires the \`${access}\` permission.`;
}

/**
 * The parts every route definition starts with: `createRoute({ ...access('subjects:read'), method, path, … })`.
 * Access check first (cheap, before any body is read), then the body limit, then zod validation.
 */
export function access(rule: Access, options: { body?: BodySize; description?: string } = {}) {
  const middleware: MiddlewareHandler<ServerEnv>[] = [
    requireAccess(rule),
    limitBody(options.body ?? 'small'),
  ];
  return {
    description: [options.description, describeAccess(rule)].filter(Boolean).join('\n\n'),
    security: rule === 'public' ? NO_SECURITY : SESSION_OR_BEARER,
    [ACCESS_EXTENSION]: rule,
    middleware,
  };
}

/** A JSON response entry for `responses`. */
export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body. */
export function jsonBody<S extends z.ZodType>(schema: S, description?: string) {
  return {
    content: { 'application/json': { schema } },
    required: true,
    ...(description ? { description } : {}),
  };
}
