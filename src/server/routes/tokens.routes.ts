// API tokens (admin). The token is shown once, at creation.

import { createRoute } from '@hono/zod-openapi';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/manage-api-tokens.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { IdParamSchema } from './common.schemas.ts';
import { CreatedTokenSchema, CreateTokenBodySchema, TokenListSchema } from './tokens.schemas.ts';

const tags = ['Users and tokens'];

const list = createRoute({
  ...access('tokens:manage'),
  method: 'get',
  path: '/tokens',
  tags,
  summary: 'All API tokens (never the secret)',
  responses: { 200: jsonResponse(TokenListSchema, 'The tokens') },
});

const create = createRoute({
  ...access('tokens:manage'),
  method: 'post',
  path: '/tokens',
  tags,
  summary: 'Create an API token with a role',
  request: { body: jsonBody(CreateTokenBodySchema) },
  responses: { 201: jsonResponse(CreatedTokenSchema, 'The token, shown this once') },
});

const revoke = createRoute({
  ...access('tokens:manage'),
  method: 'delete',
  path: '/tokens/{id}',
  tags,
  summary: 'Revoke an API token',
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Revoked' } },
});

export function registerTokenRoutes(api: ServerApp): void {
  api.openapi(list, async (c) => c.json(await listApiTokens(c.var.ctx, actorOf(c)), 200));
  api.openapi(create, async (c) =>
    c.json(await createApiToken(c.var.ctx, actorOf(c), c.req.valid('json')), 201),
  );
  api.openapi(revoke, async (c) => {
    await revokeApiToken(c.var.ctx, actorOf(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
}
