// The Kysely view of the schema. Timestamps are ISO 8601 UTC text and JSON is text in both dialects,
// so SQLite and PostgreSQL behave the same; booleans are 0/1 integers.

export type UsersTable = {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
};

export type SessionsTable = {
  /** sha256 (hex) of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
};

export type ApiTokensTable = {
  id: string;
  name: string;
  role: string;
  /** sha256 (hex) of the token. */
  token_hash: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export type SettingsTable = {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
};

export type LoginFailuresTable = {
  id: string;
  email: string;
  ip: string;
  at: string;
};

export type SubjectsTable = {
  /** The bundle's subject.id. */
  id: string;
  kind: string | null;
  name: string | null;
  role: string | null;
  claimed_country: string | null;
  /** Lower-cased id, name, aliases and email, for `q` searches. */
  search: string;
  /** The case bundle, JSON text. */
  bundle: string;
  band: string | null;
  score: number | null;
  signal_count: number | null;
  created_at: string;
  updated_at: string;
};

export type AssessmentsTable = {
  id: string;
  subject_id: string;
  /** The moment assessed for (the assessment clock). */
  assessed_at: string;
  /** When the row was written. */
  created_at: string;
  score: number;
  band: string;
  /** DetailedAssessment, JSON text. */
  result: string;
  trigger: string;
};

export type CasesTable = {
  subject_id: string;
  status: string;
  assignee_id: string | null;
  opened_at: string;
  updated_at: string;
};

export type CaseEventsTable = {
  id: string;
  subject_id: string;
  at: string;
  /** AuditActor, JSON text. */
  actor: string;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  /** JSON text or null. */
  data: string | null;
};

export type CaseNotesTable = {
  id: string;
  subject_id: string;
  at: string;
  /** AuditActor, JSON text. */
  author: string;
  text: string;
};

/** Due-diligence checklist state: one row per subject and item that was changed (no row = open). */
export type CaseChecklistItemsTable = {
  subject_id: string;
  item_id: string;
  /** open | done | not_applicable */
  status: string;
  note: string | null;
  /** AuditActor, JSON text: who last changed the item. */
  actor: string;
  at: string;
};

export type AuditLogTable = {
  seq: number;
  at: string;
  /** AuditActor, JSON text. */
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  /** JSON text. */
  data: string;
  prev_hash: string;
  hash: string;
};

export type JobsTable = {
  id: string;
  kind: string;
  status: string;
  progress: number;
  total: number | null;
  message: string | null;
  /** JSON text. */
  payload: string;
  /** JSON text or null. */
  result: string | null;
  error: string | null;
  /** AuditActor, JSON text. */
  created_by: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  attempts: number;
};

export type SanctionsSnapshotsTable = {
  id: string;
  created_at: string;
  /** AuditActor, JSON text. */
  created_by: string;
  /** 'default' | 'import' */
  source: string;
  /** 'active' | 'superseded' | 'failed' */
  status: string;
  /** Manifest of the lists (files, sha256, dates, counts), JSON text. */
  lists: string;
  /** Diff from the previous active snapshot, JSON text or null. */
  diff: string | null;
  error: string | null;
};

export type MatchDismissalsTable = {
  id: string;
  subject_id: string;
  signal: string;
  list: string;
  entry_id: string;
  entry_version: string;
  matched_name: string | null;
  reason: string;
  /** AuditActor, JSON text. */
  dismissed_by: string;
  dismissed_at: string;
};

export type LoginImportsTable = {
  id: string;
  /** The client's file name, for display only (the upload is stored under a generated name). */
  file_name: string;
  /** LoginFormat or 'auto'. */
  format: string;
  /** ColumnMapping, JSON text or null. */
  mapping: string | null;
  /** 'queued' | 'running' | 'done' | 'failed' */
  status: string;
  job_id: string | null;
  /** The stored upload's file name under <dataDir>/uploads/ (null once deleted). */
  upload: string | null;
  created_at: string;
  /** AuditActor, JSON text. */
  created_by: string;
  started_at: string | null;
  finished_at: string | null;
  /** bigint: PostgreSQL returns it as text. */
  bytes_read: number | string;
  total_bytes: number | string;
  read_count: number;
  imported: number;
  duplicates: number;
  malformed: number;
  matched: number;
  unmatched: number;
  /** [{line, message}] (first 100), JSON text. */
  problems: string;
  /** [{account, events, firstAt, lastAt}], JSON text. */
  unmatched_accounts: string;
  /** Records skipped as not a person's sign-in (migration 20261130). */
  skipped: number;
  /** [{reason, count}] (the most frequent reasons first), JSON text. */
  skipped_reasons: string;
  error: string | null;
};

export type LoginEventsTable = {
  id: string;
  /** okta | entra | google | generic */
  source: string;
  /** The provider's event id; unique per source (re-imports add nothing). */
  event_id: string;
  /** Lower-cased login name or email; '' when the record had none. */
  account: string;
  account_name: string | null;
  subject_id: string | null;
  /** ISO 8601 UTC, sortable as text. */
  at: string;
  ip: string | null;
  outcome: string;
  event_type: string | null;
  app: string | null;
  user_agent: string | null;
  device: string | null;
  session_id: string | null;
  session_minutes: number | null;
  input_latency_ms: number | null;
  country: string | null;
  region: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  accuracy_km: number | null;
  /** bigint: PostgreSQL returns it as text. */
  asn: number | string | null;
  org: string | null;
  network_kind: string | null;
  provider: string | null;
  /** The allow-list the address was on when stored (never counts against anyone). */
  allow_list: string | null;
  allow_label: string | null;
  /** 0/1, null when the provider did not say. */
  is_proxy: number | null;
  /** The provider's own risk words (Entra riskLevelDuringSignIn, Google is_suspicious). */
  risk: string | null;
  /** The login import that stored it, or `hook:<name>` for live ingestion. */
  import_id: string | null;
  received_at: string;
};

export type SubjectAccountsTable = {
  /** Lower-cased login name or email. */
  account: string;
  subject_id: string;
  /** AuditActor, JSON text. */
  linked_by: string;
  linked_at: string;
};

/** A subject whose live-ingested sign-ins still need re-assessing (see ingest-login-events.ts). */
export type LoginReassessPendingTable = {
  subject_id: string;
  /** New on every record: a job deletes only the records it read. */
  token: string;
  recorded_at: string;
};

export type IpListsTable = {
  /** Unique; a re-import under the same name replaces the list. */
  name: string;
  /** 'tor' | 'vpn' | 'proxy' | 'relay' | 'hosting' | 'allow' */
  kind: string;
  provider: string | null;
  label: string | null;
  /** Number of distinct entries. */
  entries: number;
  imported_at: string;
  /** AuditActor, JSON text. */
  imported_by: string;
  /** The entries in normal form, one per line. */
  content: string;
};

/** An uploaded document (migration 20261201); the file is encrypted in the file store under `storage_key`. */
export type DocumentFilesTable = {
  id: string;
  subject_id: string;
  /** The client's file name, cleaned, for display only (the file is stored under a generated key). */
  name: string;
  /** A DOCUMENT_KINDS value. */
  kind: string;
  /** Sniffed from the content (the declared type is ignored). */
  media_type: string;
  /** bigint: PostgreSQL returns it as text. */
  bytes: number | string;
  sha256: string;
  width: number | null;
  height: number | null;
  pages: number | null;
  /** File-store key of the encrypted file; null once deleted. */
  storage_key: string | null;
  /** File-store key of the encrypted error-level-analysis PNG; null when none or deleted. */
  ela_key: string | null;
  uploaded_at: string;
  /** AuditActor, JSON text. */
  uploaded_by: string;
  /** When retention deletes the file (ISO 8601 UTC). */
  retain_until: string;
  /** 'analyzing' | 'analyzed' | 'failed' | 'deleted' */
  status: string;
  job_id: string | null;
  error: string | null;
  /** The analysis (MRZ, forensics without the image, reuse), JSON text or null. */
  analysis: string | null;
  /** 16 hex characters (64-bit perceptual hash), for reuse across subjects. */
  perceptual_hash: string | null;
  deleted_at: string | null;
  /** 'retention' | 'manual' */
  deleted_reason: string | null;
  /** Index of the item in the subject's bundle.documents written for this upload. */
  document_index: number | null;
};

export type VerificationSessionsTable = {
  id: string;
  subject_id: string;
  /** 'liveness' */
  kind: string;
  /** sha256 (hex) of the link's token; the token itself is never stored. */
  token_sha256: string;
  /** A VERIFICATION_STATUSES value. */
  status: string;
  created_at: string;
  /** AuditActor, JSON text. */
  created_by: string;
  expires_at: string;
  opened_at: string | null;
  /** {at, ip, userAgent, textVersion}, JSON text. */
  consent: string | null;
  /** The ChallengePlan issued, JSON text. */
  plan: string | null;
  challenged_at: string | null;
  /** File-store key of the compressed, encrypted trace; null when none or deleted. */
  trace_key: string | null;
  /** bigint: PostgreSQL returns it as text. */
  trace_bytes: number | string | null;
  finished_at: string | null;
  ip: string | null;
  user_agent: string | null;
  retain_until: string | null;
};

/** An uploaded interview recording (migration 20261204); the video is encrypted in the file store. */
export type InterviewRecordingsTable = {
  id: string;
  subject_id: string;
  /** Index of the item in the subject's bundle.interviews the recording belongs to. */
  interview_index: number;
  /** The client's file name, cleaned, for display only. */
  name: string;
  /** Sniffed from the content: video/mp4, video/webm or video/quicktime. */
  media_type: string;
  /** bigint: PostgreSQL returns it as text. */
  bytes: number | string;
  sha256: string;
  /** File-store key of the encrypted video; null once deleted. */
  storage_key: string | null;
  uploaded_at: string;
  /** AuditActor, JSON text. */
  uploaded_by: string;
  retain_until: string;
  /** 'analyzing' | 'analyzed' | 'failed' | 'deleted' */
  status: string;
  job_id: string | null;
  error: string | null;
  /** The analysis summary (per-sample presence, occlusion events, drift, ID match), JSON text or null. */
  analysis: string | null;
  deleted_at: string | null;
  /** 'retention' | 'manual' */
  deleted_reason: string | null;
};

export type VerificationKeyframesTable = {
  id: string;
  session_id: string;
  /** 0-based order of arrival within the session. */
  idx: number;
  /** Milliseconds since the trace started, as the browser said. */
  t_ms: number;
  step_id: string | null;
  /** File-store key of the encrypted JPEG; null once deleted. */
  storage_key: string | null;
  bytes: number;
  sha256: string;
  width: number;
  height: number;
  created_at: string;
  retain_until: string;
  deleted_at: string | null;
};

/** An alert: a subject's band rose or a new critical signal appeared (migration 20261207). */
export type AlertsTable = {
  id: string;
  subject_id: string;
  assessment_id: string;
  created_at: string;
  previous_band: string | null;
  band: string;
  previous_score: number | null;
  score: number;
  /** 'band-rise' | 'critical-signal' */
  kind: string;
  /** Signal ids of the new assessment, JSON text. */
  signals: string;
  /** Critical signals that were not in the previous assessment, JSON text. */
  new_critical: string;
  /** The assessment's reasons, JSON text. */
  reasons: string;
  /** sha256 of subject, band and signal set: one alert per key within the dedupe window. */
  dedupe_key: string;
  read_at: string | null;
  read_by: string | null;
};

/** One alert (or one day's digest) sent to one destination, with its retry state. */
export type AlertDeliveriesTable = {
  id: string;
  alert_id: string | null;
  /** YYYY-MM-DD for a daily digest; null for an alert. */
  digest_day: string | null;
  destination_id: string;
  /** 'slack' | 'webhook' | 'email' */
  destination_kind: string;
  /** The digest content, JSON text (alerts are rendered from their row). */
  payload: string | null;
  /** 'pending' | 'retrying' | 'delivered' | 'failed' */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
};

export type ChangeEventKeysTable = {
  /** The Idempotency-Key header of a change-event delivery. */
  key: string;
  /** sha256 of the canonical JSON body it came with. */
  body_sha256: string;
  /** The answer given (JSON text); null while the first delivery is still being recorded. */
  response: string | null;
  actor_id: string;
  created_at: string;
};

export type DB = {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  settings: SettingsTable;
  login_failures: LoginFailuresTable;
  subjects: SubjectsTable;
  assessments: AssessmentsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_notes: CaseNotesTable;
  case_checklist_items: CaseChecklistItemsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  sanctions_snapshots: SanctionsSnapshotsTable;
  match_dismissals: MatchDismissalsTable;
  ip_lists: IpListsTable;
  login_imports: LoginImportsTable;
  login_events: LoginEventsTable;
  subject_accounts: SubjectAccountsTable;
  login_reassess_pending: LoginReassessPendingTable;
  document_files: DocumentFilesTable;
  verification_sessions: VerificationSessionsTable;
  verification_keyframes: VerificationKeyframesTable;
  interview_recordings: InterviewRecordingsTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  indicator_imports: IndicatorImportsTable;
  threat_indicators: ThreatIndicatorsTable;
  change_event_keys: ChangeEventKeysTable;
  case_snapshots: CaseSnapshotsTable;
  legal_holds: LegalHoldsTable;
  subject_access_log: SubjectAccessLogTable;
  file_deletions: FileDeletionsTable;
};

/** One import of shared threat indicators (migration 20261205); sha256 unique (a re-import changes nothing). */
export type IndicatorImportsTable = {
  id: string;
  /** The file name or the name given at import, for display. */
  name: string;
  /** 'stix' | 'csv' */
  format: string;
  sha256: string;
  bytes: number;
  indicators: number;
  problems: number;
  expired: number;
  imported_at: string;
  /** AuditActor, JSON text. */
  imported_by: string;
};

/** One threat indicator in normal form (see core/intel/indicators.ts). */
export type ThreatIndicatorsTable = {
  id: string;
  import_id: string;
  /** An IndicatorKind: email | phone | wallet | domain | github | ip | url. */
  kind: string;
  value: string;
  source: string;
  /** JSON text: string[]. */
  labels: string;
  description: string | null;
  valid_from: string | null;
  valid_until: string | null;
  stix_id: string | null;
  imported_at: string;
};

/** A subject's legal hold (migration 20261210): while active, retention and deletion leave the subject alone. */
export type LegalHoldsTable = {
  subject_id: string;
  /** 0/1 */
  active: number;
  reason: string;
  /** AuditActor, JSON text. */
  set_by: string;
  set_at: string;
};

/** Who viewed which subject's sensitive data (ids and an action word only). */
export type SubjectAccessLogTable = {
  id: string;
  subject_id: string;
  at: string;
  /** AuditActor, JSON text. */
  actor: string;
  actor_id: string;
  /** An ACCESS_ACTIONS value (services/internal/privacy.ts): subject.viewed, document.viewed, case.exported, … */
  action: string;
  /** The document, session, keyframe or snapshot looked at (the report's snapshot), when one. */
  item_id: string | null;
};

/** A stored file whose row is gone: removed after the commit, retried by the retention sweep. */
export type FileDeletionsTable = {
  storage_key: string;
  queued_at: string;
};

/** A frozen copy of one subject's case with its SHA-256 manifest (migration 20261209); never updated. */
export type CaseSnapshotsTable = {
  id: string;
  subject_id: string;
  created_at: string;
  /** AuditActor, JSON text. */
  created_by: string;
  reason: string;
  /** SnapshotManifest, JSON text. */
  manifest: string;
  manifest_hash: string;
  /** The parts, JSON text each (see services/internal/snapshots.ts). */
  bundle: string;
  assessment: string;
  screenings: string;
  case_state: string;
  timeline: string;
  files: string;
};
