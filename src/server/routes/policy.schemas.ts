import { z } from '@hono/zod-openapi';
import { JobViewSchema } from './common.schemas.ts';

/** The policy is validated by the service (core parsePolicy → 422); documented here. */
export const PolicySchema = z
  .looseObject({
    bands: z.object({ elevated: z.number(), high: z.number(), critical: z.number() }),
    overrides: z.record(
      z.string(),
      z.object({
        severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
        disabled: z.boolean().optional(),
      }),
    ),
    inPersonWindowDays: z.number(),
    lowRateRatio: z.number(),
    bankChangeWindowDays: z.number(),
    shippingChangeWindowDays: z.number(),
    documentOverdueGraceDays: z.number(),
    checklist: z.object({
      playbookFromBand: z.enum(['high', 'critical']),
      hiringStagesForEmployees: z.boolean(),
      disabledItems: z.array(z.string()),
    }),
  })
  .openapi('Policy');

export const PolicyBodySchema = z
  .record(z.string(), z.unknown())
  .openapi({ description: 'A policy', allOf: [{ $ref: '#/components/schemas/Policy' }] });

export const PolicyUpdateSchema = z
  .object({ policy: PolicySchema, job: JobViewSchema })
  .openapi('PolicyUpdate');
