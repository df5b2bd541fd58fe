import { z } from '@hono/zod-openapi';
import { UserSchema } from './common.schemas.ts';

export const LoginBodySchema = z
  .object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) })
  .openapi('LoginRequest');

export const SessionViewSchema = z.object({ user: UserSchema, csrfToken: z.string() }).openapi('SessionView');

/** For API tokens there is no CSRF token: the field is null. */
export const MeSchema = z.object({ user: UserSchema, csrfToken: z.string().nullable() }).openapi('Me');
