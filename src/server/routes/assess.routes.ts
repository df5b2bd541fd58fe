// Stateless assessment: bundles in, assessments out (the exact `assess --json` shape), nothing stored.
// The bundles form one population and are scored with the stored policy.
import { createRoute } from '@hono/zod-openapi';
import { assessBundles } from '../../services/assess-bundles.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { StatelessAssessBodySchema, StatelessAssessResultSchema } from './assess.schemas.ts';
import { assertBundleSizes } from './bundle-size.ts';

const assess = createRoute({
  ...access('subjects:read', { body: 'bulk' }),
  method: 'post',
  path: '/assess',
  tags: ['Assess'],
  summary: 'Assess bundles without storing anything (all bundles form one population)',
  request: { body: jsonBody(StatelessAssessBodySchema) },
  responses: { 200: jsonResponse(StatelessAssessResultSchema, 'One assessment per bundle, in order') },
});

export function registerAssessRoutes(api: ServerApp): void {
  api.openapi(assess, async (c) => {
    const { bundles, at } = c.req.valid('json');
    const ctx = c.var.ctx;
    assertBundleSizes(bundles, ctx.config.maxBundleBytes);
    return c.json(await assessBundles(ctx, actorOf(c), { bundles, at }), 200);
  });
}
