// Links across people: clusters of subjects sharing identifiers (riskiest first) and the graph around one.
import { createRoute } from '@hono/zod-openapi';
import { getSubjectLinks } from '../../services/get-subject-links.ts';
import { listRankedLinkClusters } from '../../services/list-link-clusters.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { IdParamSchema } from './common.schemas.ts';
import { LinkClusterListSchema, LinkClustersQuerySchema, SubjectLinksSchema } from './links.schemas.ts';

const tags = ['Links'];

const clusters = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/links/clusters',
  tags,
  summary:
    'People joined by shared identifiers: addresses shared by several employees first, then by band, score and size',
  request: { query: LinkClustersQuerySchema },
  responses: { 200: jsonResponse(LinkClusterListSchema, 'Clusters, ranked') },
});

const subjectLinks = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/links',
  tags,
  summary: 'The people up to two steps from a subject over shared identifiers, with what each pair shares',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(SubjectLinksSchema, 'The link graph') },
});

export function registerLinkRoutes(api: ServerApp): void {
  api.openapi(clusters, async (c) =>
    c.json(await listRankedLinkClusters(c.var.ctx, actorOf(c), c.req.valid('query')), 200),
  );
  api.openapi(subjectLinks, async (c) =>
    c.json(await getSubjectLinks(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
}
