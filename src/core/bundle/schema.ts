// The case-bundle v1 schema (../shared/spec/case-bundle.md). Every field but `format` and
// `subject.id` is optional; unknown fields are kept (loose objects) but ignored by detectors.
import { z } from 'zod';
import {
  isCountryCode,
  isCurrencyCode,
  isIpAddress,
  isIsoDate,
  isIsoDateTimeWithOffset,
  isPartialDate,
  isTimeZone,
  looksLikeDateTimeWithoutOffset,
} from './formats.ts';
import {
  CHANGE_FIELDS,
  CHANNELS,
  DOCUMENT_KINDS,
  HISTORY_SOURCES,
  INCIDENT_KINDS,
  INTERVIEW_MODES,
  INTERVIEW_STATUSES,
  OCCLUSION_RESULTS,
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  RATE_PERIODS,
  REFERENCE_OUTCOMES,
  SUBJECT_KINDS,
} from './vocabulary.ts';

export * from './vocabulary.ts';

export const BUNDLE_FORMAT = 'gatecheck.case-bundle/v1';

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

const text = z.string();
const isoDate = z
  .string()
  .refine(isIsoDate, { error: (i) => `${show(i.input)} is not a calendar date in YYYY-MM-DD form` });
const partialDate = z
  .string()
  .refine(isPartialDate, { error: (i) => `${show(i.input)} is not a valid YYYY-MM (or YYYY-MM-DD) date` });
const dateTime = z.string().refine(isIsoDateTimeWithOffset, {
  error: (i) =>
    typeof i.input === 'string' && looksLikeDateTimeWithoutOffset(i.input)
      ? `${show(i.input)} has no UTC offset; write it as ISO 8601 with an offset, e.g. 2026-01-05T14:03:00-05:00`
      : `${show(i.input)} is not ISO 8601 with an offset, e.g. 2026-01-05T14:03:00-05:00`,
});
const country = z.string().refine(isCountryCode, {
  error: (i) => `${show(i.input)} is not an ISO 3166-1 alpha-2 country code (e.g. CA, US, KP)`,
});
const currency = z.string().refine(isCurrencyCode, {
  error: (i) => `${show(i.input)} is not an ISO 4217 currency code (e.g. CAD, USD)`,
});
const timezone = z
  .string()
  .refine(isTimeZone, { error: (i) => `${show(i.input)} is not an IANA time zone (e.g. America/Toronto)` });
const ip = z
  .string()
  .refine(isIpAddress, { error: (i) => `${show(i.input)} is not an IPv4 or IPv6 address` });
const nonNegative = z
  .number()
  .finite()
  .nonnegative({ error: (i) => `${show(i.input)} is negative; expected zero or more` });

function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (i) =>
      i.code === 'invalid_value'
        ? `${show(i.input)} is not ${what}: one of ${values.join(', ')}`
        : `expected a string, one of ${values.join(', ')}`,
  });
}

const location = z.looseObject({
  city: text.optional(),
  region: text.optional(),
  country: country.optional(),
  timezone: timezone.optional(),
});

const rate = z.looseObject({
  amount: nonNegative,
  currency: currency.optional(),
  per: oneOf(RATE_PERIODS, 'a rate period').optional(),
});

export const addressSchema = z.looseObject({
  line1: text.optional(),
  line2: text.optional(),
  city: text.optional(),
  region: text.optional(),
  postalCode: text.optional(),
  country: country.optional(),
});

export const subjectSchema = z.looseObject({
  id: z
    .string({ error: (i) => (i.input === undefined ? 'missing (required)' : 'expected a string') })
    .min(1, {
      error: 'must not be empty',
    }),
  kind: oneOf(SUBJECT_KINDS, 'a subject kind').optional(),
  name: text.optional(),
  aliases: z.array(text).optional(),
  dateOfBirth: isoDate.optional(),
  email: text.optional(),
  phone: text.optional(),
  claimedLocation: location.optional(),
  role: text.optional(),
  startDate: isoDate.optional(),
  profiles: z
    .array(z.looseObject({ kind: text.optional(), url: text.optional(), createdAt: partialDate.optional() }))
    .optional(),
  photos: z
    .array(z.looseObject({ sha256: text.optional(), phash: text.optional(), source: text.optional() }))
    .optional(),
  household: z
    .array(
      z.looseObject({ name: text.optional(), relationship: text.optional(), subjectId: text.optional() }),
    )
    .optional(),
});

const interviewSchema = z.looseObject({
  at: dateTime.optional(),
  plannedMode: oneOf(INTERVIEW_MODES, 'a valid mode').optional(),
  actualMode: oneOf(INTERVIEW_MODES, 'a valid mode').optional(),
  status: oneOf(INTERVIEW_STATUSES, 'a valid interview status').optional(),
  cameraOn: z.boolean().optional(),
  excuse: text.nullable().optional(),
  observations: z.array(text).optional(),
  interviewer: text.optional(),
  checks: z
    .looseObject({
      handOcclusion: oneOf(OCCLUSION_RESULTS, 'a hand-occlusion result').optional(),
      locationSmallTalk: oneOf(['passed', 'failed', 'not_done'] as const, 'a small-talk result').optional(),
      scriptedAnswers: z.boolean().optional(),
      environment: text.optional(),
    })
    .optional(),
  frames: z
    .array(z.looseObject({ at: dateTime.optional(), faceEmbedding: z.array(z.number().finite()).optional() }))
    .optional(),
});

const documentSchema = z.looseObject({
  kind: oneOf(DOCUMENT_KINDS, 'a document kind').optional(),
  requestedAt: dateTime.optional(),
  dueAt: dateTime.optional(),
  receivedAt: dateTime.nullable().optional(),
  mrz: z.array(text).optional(),
  fields: z
    .looseObject({
      name: text.optional(),
      dateOfBirth: isoDate.optional(),
      number: text.optional(),
      expiry: isoDate.optional(),
      nationality: country.optional(),
      sex: text.optional(),
    })
    .optional(),
  file: text.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const loginSchema = z.looseObject({
  at: dateTime,
  ip: ip.optional(),
  userAgent: text.optional(),
  app: text.optional(),
  outcome: text.optional(),
  device: text.optional(),
  country: country.optional(),
  asn: z.union([z.number().int(), text]).optional(),
  sessionMinutes: nonNegative.optional(),
  inputLatencyMs: nonNegative.optional(),
  // Filled by log importers (src/intel/logins) and IP enrichment; all optional, detectors look up what is missing.
  /** The login name / email the identity provider saw. */
  account: text.optional(),
  /** The identity provider's event id and which importer read it (okta | entra | google | generic | webhook). */
  eventId: text.optional(),
  source: text.optional(),
  eventType: text.optional(),
  sessionId: text.optional(),
  region: text.optional(),
  city: text.optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  accuracyKm: nonNegative.optional(),
  org: text.optional(),
  /** A NetworkKind of core/intel/ip.ts. */
  networkKind: text.optional(),
  provider: text.optional(),
  /** The identity provider itself flagged the address as a proxy/anonymizer (Okta securityContext.isProxy). */
  isProxy: z.boolean().optional(),
  /** The address is on an organisation allow-list (corporate VPN, office): never counts against anyone. */
  allowListed: z.boolean().optional(),
});

export const caseBundleSchema = z.looseObject({
  format: z.literal(BUNDLE_FORMAT, {
    error: (i) =>
      i.input === undefined
        ? 'missing (required)'
        : `${show(i.input)} is not a known format; expected ${BUNDLE_FORMAT}`,
  }),
  subject: subjectSchema,
  resume: z
    .looseObject({
      text: text.optional(),
      file: text.optional(),
      /** Stored (encrypted) original file, when the resume was uploaded. */
      fileId: text.optional(),
      sha256: text.optional(),
      mediaType: text.optional(),
      parsedAt: dateTime.optional(),
      /** Contact details read from the resume (`gatecheck resume`, POST /subjects/{id}/resume). */
      contact: z
        .looseObject({
          name: text.optional(),
          emails: z.array(text).optional(),
          /** E.164 when the number could be read, else as written. */
          phones: z.array(text).optional(),
          links: z.array(z.looseObject({ kind: text.optional(), url: text.optional() })).optional(),
          location: text.optional(),
        })
        .optional(),
    })
    .optional(),
  application: z
    .looseObject({
      submittedAt: dateTime.optional(),
      ip: ip.optional(),
      userAgent: text.optional(),
      answers: z.record(z.string(), z.unknown()).optional(),
      source: z
        .looseObject({
          channel: oneOf(CHANNELS, 'a valid channel').optional(),
          referredBy: text.nullable().optional(),
          vendor: text.nullable().optional(),
        })
        .optional(),
      askedRate: rate.optional(),
      benchmarkRate: rate.optional(),
    })
    .optional(),
  employment: z
    .array(
      z.looseObject({
        employer: text.optional(),
        title: text.optional(),
        start: partialDate.optional(),
        end: partialDate.nullable().optional(),
        location: text.optional(),
        source: oneOf(HISTORY_SOURCES, 'a valid source').optional(),
      }),
    )
    .optional(),
  education: z
    .array(
      z.looseObject({
        institution: text.optional(),
        degree: text.optional(),
        start: partialDate.optional(),
        end: partialDate.nullable().optional(),
        source: oneOf(HISTORY_SOURCES, 'a valid source').optional(),
      }),
    )
    .optional(),
  interviews: z.array(interviewSchema).optional(),
  communications: z
    .array(
      z.looseObject({
        at: dateTime.optional(),
        channel: text.optional(),
        direction: oneOf(['inbound', 'outbound'] as const, 'a direction').optional(),
        from: text.optional(),
        text: text.optional(),
      }),
    )
    .optional(),
  documents: z.array(documentSchema).optional(),
  references: z
    .array(
      z.looseObject({
        name: text.optional(),
        relationship: text.optional(),
        organization: text.optional(),
        email: text.optional(),
        phone: text.optional(),
        outcome: oneOf(REFERENCE_OUTCOMES, 'a reference outcome').optional(),
        notes: text.optional(),
      }),
    )
    .optional(),
  verifications: z
    .array(
      z.looseObject({
        kind: text.optional(),
        at: dateTime.optional(),
        status: text.optional(),
        result: z.unknown(),
      }),
    )
    .optional(),
  logins: z.array(loginSchema).optional(),
  changes: z
    .array(
      z.looseObject({
        at: dateTime,
        field: oneOf(CHANGE_FIELDS, 'a change field'),
        from: z.unknown().optional(),
        to: z.unknown().optional(),
      }),
    )
    .optional(),
  payments: z
    .array(
      z.looseObject({
        at: dateTime.optional(),
        kind: oneOf(PAYMENT_KINDS, 'a payment kind').optional(),
        method: oneOf(PAYMENT_METHODS, 'a payment method').optional(),
        platform: text.optional(),
        asset: text.optional(),
        destination: text.optional(),
        amount: nonNegative.optional(),
        currency: currency.optional(),
        text: text.optional(),
      }),
    )
    .optional(),
  devices: z
    .array(
      z.looseObject({
        at: dateTime.optional(),
        hostname: text.optional(),
        software: z.array(text).optional(),
        peripherals: z.array(text).optional(),
      }),
    )
    .optional(),
  onboarding: z
    .looseObject({
      inPersonVerifiedAt: dateTime.nullable().optional(),
      equipmentShippedAt: dateTime.nullable().optional(),
    })
    .optional(),
  incidents: z
    .array(
      z.looseObject({
        at: dateTime.optional(),
        kind: oneOf(INCIDENT_KINDS, 'an incident kind'),
        text: text.optional(),
      }),
    )
    .optional(),
});

export type CaseBundle = z.infer<typeof caseBundleSchema>;
export type Interview = NonNullable<CaseBundle['interviews']>[number];
export type BundleDocument = NonNullable<CaseBundle['documents']>[number];
export type Login = NonNullable<CaseBundle['logins']>[number];
export type Change = NonNullable<CaseBundle['changes']>[number];
export type Payment = NonNullable<CaseBundle['payments']>[number];
export type Address = z.infer<typeof addressSchema>;
export type BundleResume = NonNullable<CaseBundle['resume']>;
