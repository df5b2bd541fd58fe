import { z } from '@hono/zod-openapi';
import { RoleSchema } from './common.schemas.ts';

export const UserAdminViewSchema = z
  .looseObject({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    disabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('UserAccount');

export const UserListSchema = z.object({ items: z.array(UserAdminViewSchema) }).openapi('UserList');

export const CreateUserBodySchema = z
  .object({
    email: z.string().min(3).max(320),
    name: z.string().min(1).max(200),
    role: RoleSchema,
    password: z.string().min(1).max(1000),
  })
  .openapi('CreateUserRequest');

export const UpdateUserBodySchema = z
  .object({
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    name: z.string().max(200).optional(),
    password: z.string().max(1024).optional(),
  })
  .openapi('UpdateUserRequest');
