// First start: whoever holds the setup token printed by the server creates the first admin. Once only.

import { createRoute } from '@hono/zod-openapi';
import { completeSetup, getSetupState } from '../../services/setup-instance.ts';
import { setSessionCookie } from '../middleware/auth.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import type { ServerApp } from '../types.ts';
import { SetupBodySchema, SetupResultSchema, SetupStatusSchema } from './setup.schemas.ts';

const tags = ['Setup and sign-in'];

const status = createRoute({
  ...access('public'),
  method: 'get',
  path: '/setup',
  tags,
  summary: 'Whether the first admin still has to be created',
  responses: { 200: jsonResponse(SetupStatusSchema, 'Setup state') },
});

const complete = createRoute({
  ...access('public'),
  method: 'post',
  path: '/setup',
  tags,
  summary: 'Create the first admin with the one-time setup token (409 once done)',
  request: { body: jsonBody(SetupBodySchema) },
  responses: { 201: jsonResponse(SetupResultSchema, 'The admin, signed in (session cookie set)') },
});

export function registerSetupRoutes(api: ServerApp): void {
  api.openapi(status, async (c) => c.json(await getSetupState(c.var.ctx), 200));

  api.openapi(complete, async (c) => {
    const { user, session } = await completeSetup(c.var.ctx, { ...c.req.valid('json'), ip: c.var.clientIp });
    setSessionCookie(c, session);
    return c.json({ user, csrfToken: session.csrfToken }, 201);
  });
}
