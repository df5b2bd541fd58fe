// Ad-hoc sanctions screening of one name (viewer and up); nothing is stored.
import { createRoute } from '@hono/zod-openapi';
import { screenNames } from '../../services/screen-names.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { ScreenBodySchema, ScreenResultSchema } from './screen.schemas.ts';

const screen = createRoute({
  ...access('subjects:read'),
  method: 'post',
  path: '/screen',
  tags: ['Sanctions'],
  summary: 'Screen a name against the active sanctions lists',
  request: { body: jsonBody(ScreenBodySchema) },
  responses: { 200: jsonResponse(ScreenResultSchema, 'The query and the matches worth a look, best first') },
});

export function registerScreenRoutes(api: ServerApp): void {
  api.openapi(screen, async (c) =>
    c.json(await screenNames(c.var.ctx, actorOf(c), c.req.valid('json')), 200),
  );
}
