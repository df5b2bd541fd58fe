import { z } from '@hono/zod-openapi';
import { UserSchema } from './common.schemas.ts';

export const SetupStatusSchema = z.object({ needsSetup: z.boolean() }).openapi('SetupStatus');

export const SetupBodySchema = z
  .object({
    token: z
      .string()
      .min(1)
      .max(500)
      .openapi({ description: 'The one-time setup token printed at first start.' }),
    email: z.string().min(3).max(320),
    name: z.string().min(1).max(200),
    password: z.string().min(1).max(1000),
  })
  .openapi('SetupRequest');

export const SetupResultSchema = z.object({ user: UserSchema, csrfToken: z.string() }).openapi('SetupResult');
