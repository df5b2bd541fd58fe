// The OpenAPI 3.1 document served at /api/openapi.json: every registered route, the shared components,
// both security schemes, the case-bundle schema, and the problem+json error response on every operation.
import { z } from 'zod';
import { caseBundleSchema } from '../core/bundle/schema.ts';
import { ProblemSchema } from './routes/common.schemas.ts';
import type { ServerApp } from './types.ts';
import { VERSION } from './version.ts';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const ERROR_RESPONSE = {
  description:
    'An error as application/problem+json with a stable `code`: 400/422 invalid, 401 not signed in, ' +
    '403 not allowed or CSRF token missing, 404 not found, 409 conflict, 413 too large, 429 rate limited ' +
    '(with Retry-After).',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(parent: JsonRecord, key: string): JsonRecord {
  const existing = parent[key];
  if (isRecord(existing)) return existing;
  const created: JsonRecord = {};
  parent[key] = created;
  return created;
}

/**
 * The case-bundle schema as JSON Schema, converted by zod itself (core's schema is plain zod, not extended
 * for OpenAPI). The `$schema` key is dropped: OpenAPI 3.1 documents carry their own dialect.
 */
function caseBundleJsonSchema(): unknown {
  const converted: unknown = JSON.parse(
    JSON.stringify(z.toJSONSchema(caseBundleSchema, { io: 'input', unrepresentable: 'any' })),
  );
  if (isRecord(converted)) delete converted.$schema;
  return converted;
}

export function buildOpenApiDocument(app: ServerApp): JsonRecord {
  app.openAPIRegistry.register('Problem', ProblemSchema);
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'gc_session',
    description: 'Browser session. Mutating requests also need the X-CSRF-Token header (from /auth/me).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (gc_…) created by an admin. No CSRF header needed.',
  });
  const generated = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Gatecheck API',
      version: VERSION,
      description:
        'Hiring-integrity API. Errors are application/problem+json with a stable `code`. Authenticate with the ' +
        '`gc_session` cookie plus `X-CSRF-Token` on mutating requests, or with `Authorization: Bearer gc_…`.',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    servers: [{ url: '/' }],
  });
  // Plain JSON from here on: add what the generator cannot express.
  const parsed: unknown = JSON.parse(JSON.stringify(generated));
  const document: JsonRecord = isRecord(parsed) ? parsed : {};
  child(child(document, 'components'), 'schemas').CaseBundle = caseBundleJsonSchema();
  for (const item of Object.values(child(document, 'paths'))) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      child(operation, 'responses').default ??= ERROR_RESPONSE;
    }
  }
  return document;
}
