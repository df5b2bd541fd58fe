import { z } from '@hono/zod-openapi';

const json = z.unknown().openapi({ type: 'object' });

export const SnapshotViewSchema = z
  .object({
    id: z.string(),
    createdAt: z.string().nullable(),
    createdBy: z.string().nullable(),
    source: z.enum(['default', 'import']),
    status: z.enum(['active', 'superseded', 'failed']),
    loaded: z.boolean(),
    lists: json,
    diff: json.nullable(),
    error: z.string().nullable(),
  })
  .openapi('SanctionsSnapshot');

export const SnapshotListSchema = z
  .object({
    snapshots: z.array(SnapshotViewSchema),
    loaded: z
      .object({
        version: z.string(),
        entries: z.number(),
        names: z.number(),
        wallets: z.number(),
        loadMs: z.number(),
        buildMs: z.number(),
      })
      .nullable(),
  })
  .openapi('SanctionsSnapshots');

export const ImportFilesBodySchema = z
  .object({
    files: z
      .array(
        z.object({
          name: z.string().min(1).max(255),
          content: z.string().optional().openapi({ description: 'The file as UTF-8 text' }),
          contentBase64: z.string().optional().openapi({ description: 'The file as base64' }),
        }),
      )
      .min(1)
      .max(40),
  })
  .openapi('SanctionsImport', {
    description:
      'List files as JSON (text or base64); multipart/form-data with one or more `files` parts is also accepted.',
  });

export const DismissalBodySchema = z
  .object({
    signal: z.string().max(100),
    list: z.string().max(200),
    entryId: z.string().max(200),
    entryVersion: z.string().max(200),
    reason: z.string().max(2000),
    matchedName: z.string().max(300).optional(),
  })
  .openapi('MatchDismissalInput');

export const DismissalSchema = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    signal: z.string(),
    list: z.string(),
    entryId: z.string(),
    entryVersion: z.string(),
    matchedName: z.string().nullable(),
    reason: z.string(),
    dismissedBy: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() }),
    dismissedAt: z.string(),
  })
  .openapi('MatchDismissal');

export const DismissalListSchema = z.object({ items: z.array(DismissalSchema) }).openapi('MatchDismissals');
