// The claims table of a subject (src/core/claims): what each source says, side by side, and whether they agree.
import { z } from '@hono/zod-openapi';
import { CLAIM_COLUMNS, CLAIM_FIELDS } from '../../core/claims/build-claims.ts';
import { SeveritySchema } from './common.schemas.ts';

const ColumnSchema = z.enum(CLAIM_COLUMNS).openapi('ClaimColumn');
const VerdictSchema = z.enum(['agree', 'explained', 'differ', 'unclear']).openapi('ClaimVerdict', {
  description:
    'agree: the same (spelling, order, rounding aside); explained: a legitimate difference (declared alias, transliteration, middle name); differ: a contradiction; unclear: for a person to compare',
});
const StatusSchema = z.enum(['agree', 'explained', 'differ', 'unclear', 'single']).openapi('ClaimStatus', {
  description: 'The strongest verdict a value or row took part in; single: nothing to compare with',
});

const ClaimValueSchema = z
  .object({
    id: z.string(),
    column: ColumnSchema,
    text: z.string(),
    path: z.string().openapi({ description: 'Evidence path into the bundle', example: 'employment[2]' }),
    from: z.string().nullable().openapi({ example: 'passport · machine-readable zone' }),
    detail: z.string().nullable(),
    status: StatusSchema,
    notes: z.array(
      z.object({
        verdict: z.enum(['explained', 'differ', 'unclear']),
        other: z.string().openapi({ example: 'the application' }),
        reason: z.string(),
      }),
    ),
  })
  .openapi('ClaimValue');

const ClaimRowSchema = z
  .object({
    id: z.string().openapi({ example: 'employer:shopwise' }),
    field: z.enum(CLAIM_FIELDS),
    label: z.string(),
    status: StatusSchema,
    summary: z.string(),
    values: z.array(ClaimValueSchema),
    comparisons: z.array(
      z.object({ a: z.string(), b: z.string(), verdict: VerdictSchema, reason: z.string() }),
    ),
    signals: z.array(z.object({ id: z.string(), severity: SeveritySchema, explanation: z.string() })),
  })
  .openapi('ClaimRow');

export const ClaimsTableSchema = z
  .object({
    columns: z.array(z.object({ id: ColumnSchema, label: z.string() })),
    rows: z.array(ClaimRowSchema),
    counts: z.object({
      agree: z.number().int(),
      explained: z.number().int(),
      differ: z.number().int(),
      unclear: z.number().int(),
      single: z.number().int(),
    }),
  })
  .openapi('ClaimsTable');
