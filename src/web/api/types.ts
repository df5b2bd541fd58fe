// The HTTP shapes of docs/CONTRACTS.md, as the UI reads them. Domain types come from src/core (types only).
import type { Role } from '../../core/auth/roles.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import type { CaseStatus } from '../../core/case/state-machine.ts';
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
  DetailedAssessment,
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
