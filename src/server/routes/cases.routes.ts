// A subject's case: workflow transitions, assignment and notes.

import { createRoute } from '@hono/zod-openapi';
import { addCaseNote, assignCase, transitionCase } from '../../services/work-case.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { AssignBodySchema, NoteBodySchema, TransitionBodySchema } from './cases.schemas.ts';
import { CaseViewSchema, IdParamSchema } from './common.schemas.ts';

const tags = ['Cases'];

const transition = createRoute({
  ...access('cases:work'),
  method: 'post',
  path: '/subjects/{id}/case/transition',
  tags,
  summary: 'Move the case to another status (409 if the workflow does not allow it)',
  request: { params: IdParamSchema, body: jsonBody(TransitionBodySchema) },
  responses: { 200: jsonResponse(CaseViewSchema, 'The case') },
});

const assign = createRoute({
  ...access('cases:work'),
  method: 'post',
  path: '/subjects/{id}/case/assign',
  tags,
  summary: 'Assign the case to a user, or unassign it with null',
  request: { params: IdParamSchema, body: jsonBody(AssignBodySchema) },
  responses: { 200: jsonResponse(CaseViewSchema, 'The case') },
});

const note = createRoute({
  ...access('cases:note'),
  method: 'post',
  path: '/subjects/{id}/case/notes',
  tags,
  summary: 'Add a note to the case',
  request: { params: IdParamSchema, body: jsonBody(NoteBodySchema) },
  responses: { 200: jsonResponse(CaseViewSchema, 'The case') },
});

export function registerCaseRoutes(api: ServerApp): void {
  api.openapi(transition, async (c) =>
    c.json(await transitionCase(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  api.openapi(assign, async (c) =>
    c.json(await assignCase(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  api.openapi(note, async (c) =>
    c.json(await addCaseNote(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
