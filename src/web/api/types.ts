// The HTTP shapes of docs/CONTRACTS.md, as the UI reads them. Response shapes are aliases of the server's
// zod-openapi schemas, generated into schema.gen.ts (npm run gen:api-types); domain types (bundle, assessment,
// catalog entries, enums) come from src/core (types only), which those schemas are built from.
import type { Role } from '../../core/auth/roles.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import type { CaseStatus } from '../../core/case/state-machine.ts';
import type {
  ClaimColumn,
  ClaimRow,
  ClaimStatus,
  ClaimsTable,
  ClaimValue,
} from '../../core/claims/build-claims.ts';
import type { LivenessResult } from '../../core/liveness/types.ts';
import type {
  Band,
  DetailedAssessment,
  Policy,
  Severity,
  SignalDefinition,
  SourceKey,
} from '../../core/types.ts';
import type { components } from './schema.gen.ts';

/**
 * A named schema of the server's OpenAPI document, without the `[key: string]: unknown` of loose (passthrough)
 * objects at the top level, so that reading a field the server does not declare is a type error.
 */
export type Schema<Name extends keyof components['schemas']> = Declared<components['schemas'][Name]>;

type Declared<T> = T extends object ? { [K in keyof T as string extends K ? never : K]: T[K] } : T;

/** Omit that keeps the other keys of loose schemas (`Omit` over an index signature would turn all to unknown). */
type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

export type {
  Band,
  CaseBundle,
  CaseStatus,
  ClaimColumn,
  ClaimRow,
  ClaimStatus,
  ClaimsTable,
  ClaimValue,
  DetailedAssessment,
  LivenessResult,
  Policy,
  Role,
  Severity,
  SignalDefinition,
  SourceKey,
};

/** The signed-in user (/auth/me) and, with `disabled` and `createdAt`, an entry of the users list. */
export type User = Schema<'User'> & Partial<Pick<Schema<'UserAccount'>, 'disabled' | 'createdAt'>>;

export type Me = Without<Schema<'Me'>, 'user'> & { user: User };

export type SubjectSummary = Schema<'SubjectSummary'>;
export type CaseEvent = Schema<'CaseEvent'>;
export type Note = Schema<'Note'>;
export type CaseView = Schema<'CaseView'>;

/**
 * The server declares the bundle and the assessment through their JSON Schemas (loose); the UI reads them as
 * core's precise types, which the server builds them from.
 */
export type SubjectDetail = Without<Schema<'SubjectDetail'>, 'bundle' | 'assessment'> & {
  bundle: CaseBundle;
  assessment: DetailedAssessment | null;
};

export type TimelineItem = Schema<'TimelineItem'>;
export type AuditEntry = Schema<'AuditEntry'>;
export type Check = Schema<'Check'>;
export type SourceInfo = Schema<'Source'>;

/** Signals as core's SignalDefinition (the server's schema is built from it). */
export type Catalog = Without<Schema<'SignalCatalog'>, 'signals'> & { signals: SignalDefinition[] };

export type JobView = Schema<'JobView'>;

/** One entry of POST /subjects/import → `results`. */
export type ImportResult = Schema<'ImportResult'>['results'][number];

export type ApiToken = Schema<'ApiToken'>;

/** GET /hooks: where live sign-in events go, and whether the Okta Event Hook has its secret. */
export type Hooks = Schema<'Hooks'>;

/** GET /subjects/:id/documents/files/:fileId → `analysis.mrz`. */
export type DocumentMrzReading = NonNullable<Schema<'DocumentMrzReading'>>;

/** Where the MRZ is, in pixels of the upright image (after `rotation`). */
export type MrzBox = NonNullable<DocumentMrzReading['box']>;

export type DocumentFinding = Schema<'DocumentFinding'>;
export type DocumentAnalysis = NonNullable<Schema<'DocumentAnalysis'>>;

/** An uploaded document (docs/CONTRACTS.md, documents API). */
export type DocumentFileView = Schema<'DocumentFile'>;

export type DocumentUploaded = Schema<'DocumentUploaded'>;

/** POST /subjects/:id/resume → what was read from the resume. */
export type ResumeImportSummary = Schema<'ResumeImportSummary'>;

export type ResumeImported = Without<Schema<'ResumeImported'>, 'subject'> & { subject: SubjectDetail };

/** Live verification sessions (GET/POST /subjects/:id/verifications). */
export type VerificationStatus = Schema<'Verification'>['status'];

/**
 * A keyframe the candidate's browser sent, as the server checked it (result.keyframes). Kept by hand, as is
 * VerificationResult: the server's Verification schema passes `result` through without declaring it.
 */
export type KeyframeVerdict = {
  index: number;
  t: number;
  stepId: string | null;
  faceFound: boolean;
  agrees: boolean;
  similarity: number | null;
  yaw: number | null;
  detail: string;
};

/** The server's verdict on a session (bundle `verifications[i].result`); keyframes/pulse when present. */
export type VerificationResult = LivenessResult & {
  keyframes?: KeyframeVerdict[];
  pulse?: { bpm: number | null; snrDb: number; usable: boolean; detail: string } | null;
};

export type VerificationView = Schema<'Verification'> & { result?: VerificationResult | null };

export type VerificationCreated = Without<Schema<'VerificationCreated'>, 'verification'> & {
  verification: VerificationView;
};

/** GET /subjects/:id/verifications/:sessionId/trace: the session over time, downsampled. */
export type VerificationTraceSeries = Schema<'VerificationTraceSeries'>;
export type VerificationTracePoint = VerificationTraceSeries['points'][number];
