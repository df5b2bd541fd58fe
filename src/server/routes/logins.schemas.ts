import { z } from '@hono/zod-openapi';
import { IMPORT_FORMATS } from '../../services/import-logins.ts';

const counts = z.object({
  read: z.number().int().openapi({ description: 'Records read: sign-in events + skipped + malformed.' }),
  imported: z.number().int(),
  duplicates: z.number().int(),
  malformed: z.number().int().openapi({ description: 'Records that could not be read (see problems).' }),
  skipped: z.number().int().openapi({
    description:
      "Well-formed records that are not a person's sign-in (other Okta event types, Entra service principals, Google account warnings); see skippedReasons.",
  }),
  matched: z.number().int(),
  unmatched: z.number().int(),
});

export const LoginImportSchema = z
  .looseObject({
    id: z.string(),
    fileName: z.string(),
    format: z.string().openapi({ example: 'auto' }),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    createdAt: z.string(),
    createdBy: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    jobId: z.string().nullable(),
    progress: z.object({ bytesRead: z.number(), totalBytes: z.number() }),
    counts,
    problems: z.array(z.object({ line: z.number().int(), message: z.string() })).openapi({
      description: 'The first 100 records that could not be read (counts.malformed has them all).',
    }),
    skippedReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })).openapi({
      description:
        'Why records were skipped as not sign-ins, most frequent first (at most 20; counts.skipped has them all).',
      example: [{ reason: 'Okta event type user.account.update_profile is not a sign-in', count: 1204 }],
    }),
    unmatchedAccounts: z.array(
      z.object({ account: z.string(), events: z.number().int(), firstAt: z.string(), lastAt: z.string() }),
    ),
    error: z.string().nullable(),
  })
  .openapi('LoginImport');

export const LoginImportListSchema = z.object({ items: z.array(LoginImportSchema) }).openapi('LoginImports');

export const ImportQueuedSchema = z
  .object({ importId: z.string(), jobId: z.string() })
  .openapi('LoginImportQueued');

export const ImportQuerySchema = z.object({
  format: z.enum(IMPORT_FORMATS).optional().openapi({ example: 'auto' }),
  fileName: z.string().max(1000).optional().openapi({ example: 'okta-2026-03.ndjson' }),
  mapping: z.string().max(10_000).optional().openapi({
    description:
      'Generic CSV/NDJSON: a JSON ColumnMapping, e.g. {"at":"Timestamp","account":"User","ip":"IP"}',
  }),
});

export const LimitQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(5000).optional().openapi({ example: 500 }),
});

export const UnmatchedAccountsSchema = z
  .object({
    items: z.array(
      z.object({
        account: z.string(),
        events: z.number().int(),
        firstAt: z.string(),
        lastAt: z.string(),
        sources: z.array(z.string()),
      }),
    ),
  })
  .openapi('UnmatchedAccounts');

export const LinkAccountBodySchema = z
  .object({ account: z.string().min(1).max(320), subjectId: z.string().min(1).max(200) })
  .openapi('LinkAccount');

export const LinkedAccountSchema = z
  .object({ account: z.string(), subjectId: z.string(), events: z.number().int() })
  .openapi('LinkedAccount');

const allowListed = z.object({ list: z.string(), label: z.string() }).nullable();

export const SubjectLoginSchema = z
  .looseObject({
    id: z.string(),
    at: z.string(),
    account: z.string(),
    ip: z.string().nullable(),
    outcome: z.string(),
    eventType: z.string().nullable(),
    app: z.string().nullable(),
    source: z.string(),
    eventId: z.string(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    city: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    accuracyKm: z.number().nullable(),
    asn: z.number().nullable(),
    org: z.string().nullable(),
    networkKind: z.string().nullable(),
    provider: z.string().nullable(),
    allowListed,
    isProxy: z.boolean().nullable(),
    sessionId: z.string().nullable(),
    sessionMinutes: z.number().nullable(),
    userAgent: z.string().nullable(),
    device: z.string().nullable(),
  })
  .openapi('SubjectLogin');

export const LoginPlaceSchema = z
  .object({
    lat: z.number(),
    lon: z.number(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    country: z.string().nullable(),
    accuracyKm: z.number().nullable(),
    count: z.number().int(),
    kinds: z.record(z.string(), z.number()),
    ips: z.array(z.string()),
    firstAt: z.string(),
    lastAt: z.string(),
  })
  .openapi('LoginPlace');

export const SubjectLoginsSchema = z
  .object({
    items: z.array(SubjectLoginSchema),
    total: z.number().int(),
    truncated: z.boolean(),
    places: z.array(LoginPlaceSchema),
  })
  .openapi('SubjectLogins');

export const NetworkOverviewSchema = z
  .object({
    sharedEgress: z.array(
      z.object({
        ip: z.string(),
        country: z.string().nullable(),
        city: z.string().nullable(),
        kind: z.string().nullable(),
        provider: z.string().nullable(),
        org: z.string().nullable(),
        events: z.number().int(),
        firstAt: z.string(),
        lastAt: z.string(),
        subjects: z.array(z.object({ id: z.string(), name: z.string().nullable(), household: z.boolean() })),
      }),
    ),
    sharedEgressDisabled: z.boolean().openapi({
      description:
        "The organisation's policy turns network.shared-egress off: no address is listed as shared",
    }),
    anomalies: z.array(
      z.object({
        subjectId: z.string(),
        name: z.string().nullable(),
        band: z.string(),
        score: z.number(),
        signals: z.array(z.object({ id: z.string(), severity: z.string(), explanation: z.string() })),
      }),
    ),
    counts: z.object({
      events: z.number().int(),
      subjects: z.number().int(),
      unmatchedAccounts: z.number().int(),
    }),
  })
  .openapi('NetworkOverview');

export const IngestResultSchema = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    problems: z.array(z.object({ index: z.number().int(), message: z.string() })),
    rejected: z.number().int(),
    skipped: z.number().int().openapi({
      description: 'Well-formed records that are not sign-ins (e.g. other Okta event types), left out',
    }),
    jobId: z.string().nullable(),
  })
  .openapi('LoginIngestResult');

export const OktaVerificationSchema = z.object({ verification: z.string() }).openapi('OktaVerification');

export const HooksSchema = z
  .object({
    okta: z.object({
      url: z.string(),
      secretSet: z.boolean(),
      secretSetAt: z.string().nullable(),
      header: z.string(),
    }),
    logins: z.object({ url: z.string(), auth: z.string() }),
  })
  .openapi('Hooks');

export const HookSecretSchema = z.object({ secret: z.string() }).openapi('HookSecret');
