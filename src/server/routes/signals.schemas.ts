import { z } from '@hono/zod-openapi';
import { SeveritySchema } from './common.schemas.ts';

export const SignalDefinitionSchema = z
  .looseObject({
    id: z.string(),
    family: z.string(),
    title: z.string(),
    firesWhen: z.string(),
    defaultSeverity: SeveritySchema,
    maxSeverity: SeveritySchema,
    explanation: z.string(),
    sources: z.array(z.string()),
    howToVerify: z.string(),
    check: z.string(),
  })
  .openapi('SignalDefinition');

export const CheckSchema = z
  .looseObject({ id: z.string(), title: z.string(), step: z.string(), signals: z.array(z.string()) })
  .openapi('Check');

export const SourceSchema = z
  .looseObject({ title: z.string(), publisher: z.string(), year: z.number() })
  .openapi('Source');

export const SignalCatalogSchema = z
  .object({
    signals: z.array(SignalDefinitionSchema),
    checks: z.array(CheckSchema),
    sources: z.record(z.string(), SourceSchema),
  })
  .openapi('SignalCatalog');
