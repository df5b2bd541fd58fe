import { z } from '@hono/zod-openapi';
import { AssessmentSchema } from './common.schemas.ts';

export const StatelessAssessBodySchema = z
  .object({
    bundles: z.array(z.unknown()).min(1).max(10_000),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .openapi('AssessRequest');

export const StatelessAssessResultSchema = z
  .object({ assessments: z.array(AssessmentSchema) })
  .openapi('AssessResult');
