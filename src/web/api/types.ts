// The HTTP shapes of docs/CONTRACTS.md, as the UI reads them. Domain types come from src/core (types only).
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

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled?: boolean;
  createdAt?: string;
};

export type Me = { user: User; csrfToken: string };

export type SubjectSummary = {
  id: string;
  name: string | null;
  kind: 'candidate' | 'employee' | null;
  role: string | null;
  claimedCountry: string | null;
  band: Band | null;
  score: number | null;
  caseStatus: CaseStatus;
  assignee: { id: string; name: string } | string | null;
  signalCount: number | null;
  updatedAt: string;
};

export type CaseEvent = {
  id?: string;
  at: string;
  actor?: string | { id?: string; name?: string } | null;
  kind?: string;
  type?: string;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
};

export type Note = {
  id: string;
  at: string;
  author?: string | { id?: string; name?: string } | null;
  text: string;
};

export type CaseView = {
  status: CaseStatus;
  assignee: { id: string; name: string } | null;
  allowedTransitions: CaseStatus[];
  events: CaseEvent[];
  notes: Note[];
};

export type SubjectDetail = {
  id: string;
  bundle: CaseBundle;
  assessment: DetailedAssessment | null;
  case: CaseView;
  createdAt: string;
  updatedAt: string;
};

export type TimelineItem = {
  at: string;
  kind: string;
  title: string;
  detail?: string;
  path?: string;
  severity?: Severity;
};

export type AuditEntry = {
  seq: number;
  at: string;
  actor: string | { id?: string; name?: string; kind?: string } | null;
  action: string;
  targetType: string;
  targetId: string;
  data: unknown;
  hash: string;
  prevHash: string;
};

export type Check = { id: string; title: string; step: string; signals: string[] };
export type SourceInfo = { title: string; publisher: string; year: number | string };

export type Catalog = {
  signals: SignalDefinition[];
  checks: Check[];
  sources: Partial<Record<SourceKey, SourceInfo>>;
};

export type JobView = {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'completed' | 'done' | string;
  progress: number;
  total: number | null;
  message: string | null;
  result?: unknown;
  error?: string | null;
};

export type ImportResult = {
  index: number;
  ok: boolean;
  subjectId?: string;
  action?: 'created' | 'updated';
  problems?: { path: string; message: string }[];
  warnings?: { path: string; message: string }[];
};

export type ApiToken = {
  id: string;
  name: string;
  role: Role;
  createdAt?: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  prefix?: string;
};

/** GET /hooks: where live sign-in events go, and whether the Okta Event Hook has its secret. */
export type Hooks = {
  okta: { url: string; secretSet: boolean; secretSetAt: string | null; header: string };
  logins: { url: string; auth: string };
};

/** Where the MRZ is, in pixels of the upright image (after `rotation`). */
export type MrzBox = { left: number; top: number; width: number; height: number };

export type DocumentFinding = { kind: string; strength: 'strong' | 'weak'; detail: string };

/** GET /subjects/:id/documents/files/:fileId → `analysis.mrz`. */
export type DocumentMrzReading = {
  source: 'ocr' | 'text';
  found: boolean;
  lines: string[];
  format: string | null;
  confidence: number;
  /** Quarter turns clockwise applied to make the image upright. */
  rotation: number;
  skewDegrees: number;
  box: MrzBox | null;
  /** Size of the original image. */
  width: number | null;
  height: number | null;
  valid: boolean;
  problems: string[];
  fields: Record<string, string>;
};

export type DocumentAnalysis = {
  analyzedAt: string;
  ms: number;
  mrz: DocumentMrzReading | null;
  forensics: {
    metadata: Record<string, string | number | boolean>;
    findings: DocumentFinding[];
    perceptualHash: string | null;
    ela: { meanDiff: number; maxDiff: number; suspicious: boolean } | null;
  };
  reuse: { subjectId: string; subjectName: string | null; fileId: string | null; distance: number }[];
  notes?: string[];
};

/** An uploaded document (docs/CONTRACTS.md, documents API). */
export type DocumentFileView = {
  id: string;
  subjectId: string;
  name: string;
  kind: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  pages: number | null;
  documentIndex: number | null;
  uploadedAt: string;
  uploadedBy: string;
  retainUntil: string;
  deletedAt: string | null;
  deletedReason: 'retention' | 'manual' | null;
  status: 'analyzing' | 'analyzed' | 'failed' | 'deleted';
  jobId: string | null;
  error: string | null;
  hasEla?: boolean;
  analysis: DocumentAnalysis | null;
};

export type DocumentUploaded = {
  file: DocumentFileView;
  documentIndex: number;
  jobId: string | null;
  existing?: boolean;
};

/** POST /subjects/:id/resume → what was read from the resume. */
export type ResumeImportSummary = {
  file: string;
  format: 'pdf' | 'docx' | 'text';
  mediaType: string;
  bytes: number;
  sha256: string;
  pages: number | null;
  characters: number;
  textTruncated: boolean;
  name: string | null;
  location: string | null;
  emails: number;
  phones: number;
  links: number;
  employment: number;
  education: number;
  technologies: number;
  replaced: { employment: number; education: number };
  profilesAdded: string[];
  changed: boolean;
  fileId: string | null;
};

export type ResumeImported = { subject: SubjectDetail; summary: ResumeImportSummary };

/** Live verification sessions (GET/POST /subjects/:id/verifications). */
export type VerificationStatus =
  | 'sent'
  | 'opened'
  | 'consented'
  | 'challenged'
  | 'completed'
  | 'declined'
  | 'expired';

/** A keyframe the candidate's browser sent, as the server checked it (result.keyframes). */
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

export type VerificationView = {
  id: string;
  subjectId: string;
  kind: string;
  status: VerificationStatus;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  openedAt: string | null;
  consentedAt: string | null;
  challengedAt: string | null;
  finishedAt: string | null;
  ip: string | null;
  userAgent: string | null;
  hasTrace: boolean;
  retainUntil: string | null;
  result?: VerificationResult | null;
};

export type VerificationCreated = { verification: VerificationView; link: string; token: string };

/** GET /subjects/:id/verifications/:sessionId/trace: the session over time, downsampled. */
export type VerificationTracePoint = {
  t: number;
  yaw: number | null;
  pitch: number | null;
  faceScore: number | null;
  hands: number;
};

export type VerificationTraceSeries = {
  sessionId: string;
  durationMs: number;
  frames: number;
  points: VerificationTracePoint[];
  steps: { id: string; kind: string; startMs: number; endMs: number }[];
};
