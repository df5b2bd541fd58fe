// Domain records the store returns: rows mapped at the repository boundary (camelCase, parsed JSON, booleans).
import type { Role } from '../../core/auth/roles.ts';
import type { CaseStatus } from '../../core/case/state-machine.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type ActorKind = 'user' | 'token' | 'system' | 'cli' | 'anonymous';
/** Who did something, as recorded in audit entries, case events, notes and jobs. */
export type AuditActor = { kind: ActorKind; id: string | null; name: string };

export type UserRecord = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
};

export type SessionRecord = {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
};

export type ApiTokenRecord = {
  id: string;
  name: string;
  role: Role;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type CaseRecord = {
  subjectId: string;
  status: CaseStatus;
  assigneeId: string | null;
  openedAt: string;
  updatedAt: string;
};

export type CaseEventKind = 'opened' | 'transitioned' | 'assigned';

export type CaseEvent = {
  id: string;
  at: string;
  actor: AuditActor;
  kind: CaseEventKind;
  from: string | null;
  to: string | null;
  data: JsonObject | null;
};

export type Note = { id: string; at: string; author: AuditActor; text: string };

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export type JobView = {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  total: number | null;
  message: string | null;
  result?: JsonValue;
  error?: string;
  createdBy: AuditActor;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type AuditEntry = {
  seq: number;
  at: string;
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string | null;
  data: JsonObject;
  prevHash: string;
  hash: string;
};
