// The claims table: the subject's bundle laid out by source, compared as the consistency detectors compare.
import { createRoute } from '@hono/zod-openapi';
import { buildClaims } from '../../core/claims/build-claims.ts';
import { getSubject } from '../../services/get-subject.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { ClaimsTableSchema } from './claims.schemas.ts';
import { IdParamSchema } from './common.schemas.ts';

const claims = createRoute({
  ...access('subjects:read', {
    description:
      'One row per name, date of birth, citizenship, location, email, phone, employer and school; each value with its evidence path and whether it agrees with the others, and the signals of the latest assessment that concern the row.',
  }),
  method: 'get',
  path: '/subjects/{id}/claims',
  tags: ['Subjects'],
  summary:
    'What the resume, application, interviews, documents, references and the record say about the person, side by side',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(ClaimsTableSchema, 'The claims table') },
});

export function registerClaimRoutes(api: ServerApp): void {
  api.openapi(claims, async (c) => {
    const detail = await getSubject(c.var.ctx, actorOf(c), c.req.valid('param').id);
    const table = buildClaims(detail.bundle, {
      now: c.var.ctx.clock.now(),
      signals: detail.assessment?.signals ?? [],
    });
    return c.json(table, 200);
  });
}
