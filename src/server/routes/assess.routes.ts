// Stateless assessment: bundles in, assessments out (the exact `assess --json` shape), nothing stored.
// The bundles form one population and are scored with the stored policy.
// There is no service for this use case (it touches no table), so the route calls core itself.
import { createRoute } from '@hono/zod-openapi';
import { assessPopulation, toPublicAssessment } from '../../core/assess.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import { type Problem, validateBundle } from '../../core/bundle/validate.ts';
import { DomainError } from '../../core/errors.ts';
import { getPolicy } from '../../services/update-policy.ts';
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

function validateAll(values: readonly unknown[]): CaseBundle[] {
  const bundles: CaseBundle[] = [];
  const problems: Problem[] = [];
  values.forEach((value, index) => {
    const checked = validateBundle(value);
    if (checked.ok) bundles.push(checked.bundle);
    else
      for (const p of checked.problems)
        problems.push({ path: `bundles[${index}].${p.path}`, message: p.message });
  });
  if (problems.length > 0)
    throw new DomainError('validation', 'Some bundles are not valid; nothing was assessed', problems);
  return bundles;
}

export function registerAssessRoutes(api: ServerApp): void {
  api.openapi(assess, async (c) => {
    const { bundles, at } = c.req.valid('json');
    const ctx = c.var.ctx;
    assertBundleSizes(bundles, ctx.config.maxBundleBytes);
    const valid = validateAll(bundles);
    const policy = await getPolicy(ctx, actorOf(c));
    const now = at === undefined ? ctx.clock.now() : new Date(at);
    const results = assessPopulation(valid, { now, policy, intel: ctx.intel });
    return c.json({ assessments: results.map(toPublicAssessment) }, 200);
  });
}
