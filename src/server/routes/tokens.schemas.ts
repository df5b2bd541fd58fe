import { z } from '@hono/zod-openapi';
import { RoleSchema } from './common.schemas.ts';

export const ApiTokenViewSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const TokenListSchema = z.object({ items: z.array(ApiTokenViewSchema) }).openapi('ApiTokenList');

export const CreateTokenBodySchema = z
  .object({ name: z.string().min(1).max(200), role: RoleSchema })
  .openapi('CreateApiTokenRequest');

export const CreatedTokenSchema = z
  .object({ id: z.string(), token: z.string().openapi({ description: 'Shown once; store it now.' }) })
  .openapi('CreatedApiToken');
