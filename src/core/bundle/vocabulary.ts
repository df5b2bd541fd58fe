// The closed vocabularies of case-bundle v1, shared by the schema, detectors and the web UI.
// Plain constants (no zod) so the browser bundle can import them cheaply.

export const SUBJECT_KINDS = ['candidate', 'employee'] as const;
export const INTERVIEW_MODES = ['video', 'phone', 'chat', 'email', 'in_person'] as const;
export const INTERVIEW_STATUSES = ['held', 'cancelled_by_candidate', 'no_show', 'rescheduled'] as const;
export const OCCLUSION_RESULTS = ['passed', 'artifact', 'refused', 'not_done'] as const;
export const HISTORY_SOURCES = ['resume', 'application', 'interview', 'reference', 'document'] as const;
export const CHANNELS = ['direct', 'job_board', 'referral', 'vendor', 'freelance_platform'] as const;
export const DOCUMENT_KINDS = [
  'passport',
  'national_id',
  'drivers_license',
  'work_permit',
  'diploma',
  'other',
] as const;
export const REFERENCE_OUTCOMES = ['verified', 'unverifiable', 'contradicts', 'pending'] as const;
export const CHANGE_FIELDS = [
  'shipping_address',
  'home_address',
  'bank_account',
  'phone',
  'email',
  'legal_name',
] as const;
export const PAYMENT_KINDS = ['payroll', 'request', 'transfer'] as const;
export const PAYMENT_METHODS = ['bank', 'crypto', 'payment_platform'] as const;
export const RATE_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;
export const INCIDENT_KINDS = [
  'byod_request',
  'prepayment_request',
  'identity_owner_dispute',
  'exfiltration',
  'identity_switch',
  'extortion',
  'other',
] as const;
