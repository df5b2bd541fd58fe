import { z } from '@hono/zod-openapi';

export const ScreenBodySchema = z
  .object({
    name: z.string().min(1).max(300).openapi({ example: 'Kim Chol' }),
    dob: z.string().max(10).optional().openapi({ description: 'YYYY, YYYY-MM or YYYY-MM-DD' }),
    country: z.string().max(2).optional().openapi({ description: 'ISO 3166-1 alpha-2, e.g. KP' }),
    kind: z.enum(['individual', 'entity']).optional(),
  })
  .openapi('ScreenQuery');

const CorroborationSchema = z.object({
  field: z.enum(['dateOfBirth', 'nationality', 'document', 'address', 'country']),
  status: z.enum(['agrees', 'conflicts']),
  detail: z.string(),
});

export const ScreeningMatchSchema = z
  .object({
    list: z.string(),
    listTitle: z.string(),
    entryId: z.string(),
    entryVersion: z.string(),
    entryKind: z.string(),
    name: z.string(),
    matchedName: z.string(),
    programs: z.array(z.string()),
    listedOn: z.string().optional(),
    remarks: z.string().optional(),
    score: z.number().int().min(0).max(100),
    severity: z.enum(['medium', 'high', 'critical']),
    corroborated: z.array(CorroborationSchema),
    reasons: z.array(z.string()),
  })
  .openapi('ScreeningMatch');

export const ScreenResultSchema = z
  .object({
    query: z.object({
      name: z.string(),
      kind: z.enum(['individual', 'entity']),
      dob: z.string().optional(),
      country: z.string().optional(),
    }),
    matches: z.array(ScreeningMatchSchema),
  })
  .openapi('ScreenResult');
