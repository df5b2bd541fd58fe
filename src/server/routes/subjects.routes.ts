// Subjects: list, create, import, read, replace, add evidence, assess, history and timeline.

import { createRoute } from '@hono/zod-openapi';
import { addEvidence } from '../../services/add-evidence.ts';
import { assessStoredSubject, listAssessments } from '../../services/assess-subject.ts';
import { createSubject } from '../../services/create-subject.ts';
import { getSubject } from '../../services/get-subject.ts';
import { getTimeline } from '../../services/get-timeline.ts';
import { importBundles } from '../../services/import-bundles.ts';
import { listSubjects } from '../../services/list-subjects.ts';
import { replaceSubjectBundle } from '../../services/replace-subject-bundle.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { assertBundleSizes } from './bundle-size.ts';
import { CaseBundleBodySchema, DetailedAssessmentSchema, IdParamSchema } from './common.schemas.ts';
import {
  AssessBodySchema,
  AssessmentListSchema,
  CreatedSubjectSchema,
  EvidenceItemSchema,
  EvidenceParamsSchema,
  ImportBodySchema,
  ImportResultSchema,
  SubjectDetailSchema,
  SubjectListSchema,
  SubjectQuerySchema,
  TimelineSchema,
} from './subjects.schemas.ts';

const tags = ['Subjects'];

const list = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects',
  tags,
  summary: 'List subjects, riskiest first',
  request: { query: SubjectQuerySchema },
  responses: { 200: jsonResponse(SubjectListSchema, 'A page of subjects and the total that match') },
});

const create = createRoute({
  ...access('subjects:write', { body: 'bundle' }),
  method: 'post',
  path: '/subjects',
  tags,
  summary: 'Create a subject from a case bundle (409 if the id exists)',
  request: { body: jsonBody(CaseBundleBodySchema) },
  responses: { 201: jsonResponse(CreatedSubjectSchema, 'Stored, its case opened and assessed') },
});

const importMany = createRoute({
  ...access('subjects:write', { body: 'bulk' }),
  method: 'post',
  path: '/subjects/import',
  tags,
  summary: 'Import many bundles; each is stored or rejected on its own',
  request: { body: jsonBody(ImportBodySchema) },
  responses: { 200: jsonResponse(ImportResultSchema, 'One result per bundle, in order') },
});

const read = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}',
  tags,
  summary: 'A subject with its bundle, latest assessment and case',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(SubjectDetailSchema, 'The subject') },
});

const replace = createRoute({
  ...access('subjects:write', { body: 'bundle' }),
  method: 'put',
  path: '/subjects/{id}',
  tags,
  summary: "Replace a subject's bundle (same subject.id) and re-assess",
  request: { params: IdParamSchema, body: jsonBody(CaseBundleBodySchema) },
  responses: { 200: jsonResponse(SubjectDetailSchema, 'The updated subject') },
});

const evidence = createRoute({
  ...access('subjects:write', { body: 'bundle' }),
  method: 'post',
  path: '/subjects/{id}/evidence/{kind}',
  tags,
  summary: 'Append one evidence item to a bundle array and re-assess',
  request: { params: EvidenceParamsSchema, body: jsonBody(EvidenceItemSchema) },
  responses: { 200: jsonResponse(SubjectDetailSchema, 'The updated subject') },
});

const assessments = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/assessments',
  tags,
  summary: 'Assessment history, newest first',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(AssessmentListSchema, 'The assessments') },
});

const assess = createRoute({
  ...access('subjects:write'),
  method: 'post',
  path: '/subjects/{id}/assess',
  tags,
  summary: 'Assess a stored subject now (or at a given moment) and keep the result',
  request: { params: IdParamSchema, body: { ...jsonBody(AssessBodySchema), required: false } },
  responses: { 200: jsonResponse(DetailedAssessmentSchema, 'The new assessment') },
});

const timeline = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/timeline',
  tags,
  summary: 'Evidence, assessments, case events and notes in time order, oldest first',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(TimelineSchema, 'The timeline') },
});

export function registerSubjectRoutes(api: ServerApp): void {
  api.openapi(list, async (c) =>
    c.json(await listSubjects(c.var.ctx, actorOf(c), c.req.valid('query')), 200),
  );

  api.openapi(create, async (c) => {
    const subject = await createSubject(c.var.ctx, actorOf(c), c.req.valid('json'));
    return c.json({ subject }, 201, { location: `/api/v1/subjects/${encodeURIComponent(subject.id)}` });
  });

  api.openapi(importMany, async (c) => {
    const { bundles } = c.req.valid('json');
    assertBundleSizes(bundles, c.var.ctx.config.maxBundleBytes);
    return c.json(await importBundles(c.var.ctx, actorOf(c), bundles), 200);
  });

  api.openapi(read, async (c) =>
    c.json(await getSubject(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(replace, async (c) =>
    c.json(
      await replaceSubjectBundle(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  );

  api.openapi(evidence, async (c) => {
    const { id, kind } = c.req.valid('param');
    return c.json(await addEvidence(c.var.ctx, actorOf(c), id, kind, c.req.valid('json')), 200);
  });

  api.openapi(assessments, async (c) =>
    c.json(await listAssessments(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(assess, async (c) => {
    const { at } = c.req.valid('json');
    return c.json(await assessStoredSubject(c.var.ctx, actorOf(c), c.req.valid('param').id, { at }), 200);
  });

  api.openapi(timeline, async (c) =>
    c.json(await getTimeline(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
}
