// A subject's due-diligence checklist: read it grouped by stage (with the response playbook when it
// applies), and mark a step done, not applicable (with a reason) or open again.
import { createRoute } from '@hono/zod-openapi';
import { getChecklist, setChecklistItem } from '../../services/work-checklist.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import {
  ChecklistChangeBodySchema,
  ChecklistItemParamsSchema,
  SubjectChecklistSchema,
} from './checklists.schemas.ts';
import { IdParamSchema } from './common.schemas.ts';

const tags = ['Checklist'];

const read = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/checklist',
  tags,
  summary:
    'The due-diligence checklist: steps per stage with who did them and when, and the response playbook for high and critical cases',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(SubjectChecklistSchema, 'The checklist') },
});

const change = createRoute({
  ...access('cases:note'),
  method: 'put',
  path: '/subjects/{id}/checklist/{itemId}',
  tags,
  summary:
    'Mark a step done, not applicable (reason required) or open again; response-playbook steps need an investigator (404 unknown step, 422 bad state)',
  request: { params: ChecklistItemParamsSchema, body: jsonBody(ChecklistChangeBodySchema) },
  responses: { 200: jsonResponse(SubjectChecklistSchema, 'The checklist after the change') },
});

export function registerChecklistRoutes(api: ServerApp): void {
  api.openapi(read, async (c) =>
    c.json(await getChecklist(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
  api.openapi(change, async (c) => {
    const { id, itemId } = c.req.valid('param');
    return c.json(await setChecklistItem(c.var.ctx, actorOf(c), id, itemId, c.req.valid('json')), 200);
  });
}
