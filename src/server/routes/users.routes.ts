// User accounts (admin).

import { createRoute } from '@hono/zod-openapi';
import { createUser, listUsers, updateUser } from '../../services/manage-users.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { IdParamSchema } from './common.schemas.ts';
import {
  CreateUserBodySchema,
  UpdateUserBodySchema,
  UserAdminViewSchema,
  UserListSchema,
} from './users.schemas.ts';

const tags = ['Users and tokens'];

const list = createRoute({
  ...access('users:manage'),
  method: 'get',
  path: '/users',
  tags,
  summary: 'All user accounts',
  responses: { 200: jsonResponse(UserListSchema, 'The users') },
});

const create = createRoute({
  ...access('users:manage'),
  method: 'post',
  path: '/users',
  tags,
  summary: 'Create a user (409 if the email is taken)',
  request: { body: jsonBody(CreateUserBodySchema) },
  responses: { 201: jsonResponse(UserAdminViewSchema, 'The new user') },
});

const update = createRoute({
  ...access('users:manage'),
  method: 'patch',
  path: '/users/{id}',
  tags,
  summary: 'Change role, disable or enable, rename or reset the password of a user',
  request: { params: IdParamSchema, body: jsonBody(UpdateUserBodySchema) },
  responses: { 200: jsonResponse(UserAdminViewSchema, 'The user') },
});

export function registerUserRoutes(api: ServerApp): void {
  api.openapi(list, async (c) => c.json(await listUsers(c.var.ctx, actorOf(c)), 200));
  api.openapi(create, async (c) => c.json(await createUser(c.var.ctx, actorOf(c), c.req.valid('json')), 201));
  api.openapi(update, async (c) =>
    c.json(await updateUser(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
