// Sign-in, sign-out and "who am I". Failed sign-ins are throttled per email and address by the service.

import { createRoute } from '@hono/zod-openapi';
import { login, logout } from '../../services/login-user.ts';
import { clearSessionCookie, setSessionCookie } from '../middleware/auth.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import type { ServerApp } from '../types.ts';
import { LoginBodySchema, MeSchema, SessionViewSchema } from './auth.schemas.ts';

const tags = ['Setup and sign-in'];

const signIn = createRoute({
  ...access('public'),
  method: 'post',
  path: '/auth/login',
  tags,
  summary: 'Sign in with email and password (429 after repeated failures)',
  request: { body: jsonBody(LoginBodySchema) },
  responses: { 200: jsonResponse(SessionViewSchema, 'Signed in; the session cookie is set') },
});

const signOut = createRoute({
  ...access('authenticated'),
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'Sign out (ends the session)',
  responses: { 204: { description: 'Signed out' } },
});

const me = createRoute({
  ...access('authenticated'),
  method: 'get',
  path: '/auth/me',
  tags,
  summary: 'The caller and the CSRF token for mutating requests',
  responses: { 200: jsonResponse(MeSchema, 'The caller (csrfToken is null for API tokens)') },
});

export function registerAuthRoutes(api: ServerApp): void {
  api.openapi(signIn, async (c) => {
    const { user, session } = await login(c.var.ctx, { ...c.req.valid('json'), ip: c.var.clientIp });
    setSessionCookie(c, session);
    return c.json({ user, csrfToken: session.csrfToken }, 200);
  });

  api.openapi(signOut, async (c) => {
    const auth = c.var.auth;
    if (auth?.sessionToken) {
      await logout(c.var.ctx, auth.actor, auth.sessionToken);
      clearSessionCookie(c);
    }
    return c.body(null, 204);
  });

  api.openapi(me, (c) => {
    const auth = c.var.auth;
    if (auth === null) throw new Error('unreachable: /auth/me requires authentication');
    // An API token is not a user: it is shown with its own id and name and no email.
    const user = auth.user ?? { id: auth.actor.id, email: '', name: auth.actor.name, role: auth.actor.role };
    return c.json({ user, csrfToken: auth.csrfToken }, 200);
  });
}
