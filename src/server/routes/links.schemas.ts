import { z } from '@hono/zod-openapi';
import { LINK_KINDS } from '../../core/links/graph.ts';
import { BandSchema } from './common.schemas.ts';

export const LinkKindSchema = z.enum(LINK_KINDS).openapi('LinkKind', {
  description:
    'What two people share: a postal or shipping address, phone, email, bank account, crypto wallet, internet address (only when asked for: offices and VPNs put strangers behind one), device name, a near-identical resume or the same photo.',
});

const member = {
  id: z.string(),
  name: z.string().nullable(),
  kind: z.enum(['candidate', 'employee']).nullable(),
  band: BandSchema.nullable(),
  score: z.number().nullable(),
};

const SharedValueSchema = z
  .object({
    kind: LinkKindSchema,
    display: z.string().openapi({
      description:
        'The value as shown: bank accounts keep only their last 4 characters, phones their last 2 digits.',
      example: 'IBAN GB ending 5432',
    }),
    label: z.string().openapi({ example: 'same shipping address' }),
    household: z.boolean().openapi({
      description: 'Shared only by declared household members (subject.household): expected, not a farm.',
    }),
  })
  .openapi('SharedValue');

export const LinkClusterListSchema = z
  .object({
    items: z.array(
      z.object({
        members: z.array(z.object(member)),
        links: z.array(SharedValueSchema.extend({ subjects: z.array(z.string()) })),
        employeeAddress: z.boolean().openapi({
          description: 'Two or more employees share a postal or shipping address (the laptop-farm pattern).',
        }),
        band: BandSchema.nullable().openapi({ description: 'The highest band among the members.' }),
        reason: z.string(),
      }),
    ),
    total: z.number().int(),
  })
  .openapi('LinkClusterList');

export const LinkClustersQuerySchema = z.object({
  kind: LinkKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ example: 50 }),
});

export const SubjectLinksSchema = z
  .object({
    centre: z.string(),
    nodes: z.array(
      z.object({ ...member, hops: z.number().int().openapi({ description: 'Steps from the centre.' }) }),
    ),
    edges: z.array(
      z.object({
        source: z.string(),
        target: z.string(),
        shared: z.array(SharedValueSchema),
        household: z
          .boolean()
          .openapi({ description: 'Everything on this edge is between declared household members.' }),
      }),
    ),
    truncated: z.boolean().openapi({ description: 'More people are linked than the 200 shown.' }),
  })
  .openapi('SubjectLinks');
