// Colours and words for bands, severities, statuses and bundle enums, in one place.
import type { Band, Severity } from '../api/types.ts';

export const BAND_COLORS: Record<Band, string> = {
  low: 'green',
  elevated: 'yellow',
  high: 'orange',
  critical: 'red',
};

export const BAND_LABELS: Record<Band, string> = {
  low: 'Low',
  elevated: 'Elevated',
  high: 'High',
  critical: 'Critical',
};

export const BAND_HELP: Record<Band, string> = {
  low: 'Nothing notable found in the data so far.',
  elevated: 'A few warning signs: a person should follow up before deciding.',
  high: 'Several strong warning signs: verify identity before going further.',
  critical: 'Strong evidence of a fraudulent hire: stop and escalate.',
};

export const SEVERITY_COLORS: Record<Severity, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export const FAMILY_LABELS: Record<string, string> = {
  interview: 'Interviews',
  documents: 'Documents',
  consistency: 'Consistency',
  application: 'Application',
  contact: 'Email, phone and profiles',
  references: 'References',
  network: 'Network and logins',
  payments: 'Pay and money',
  logistics: 'Equipment shipping',
  links: 'Links to other people',
  sanctions: 'Sanctions lists',
  liveness: 'Live identity checks',
  onboarding: 'Onboarding',
  employment: 'After hire',
};

export const SOURCE_FALLBACK: Record<string, string> = {
  seed: 'HR News Canada / Okta interview (2025)',
  'ca-2025': 'Canadian multi-agency advisory on North Korean IT workers (2025)',
  'us-2022': 'US State, Treasury and FBI guidance on DPRK IT workers (2022)',
  'us-2023': 'ROK–US advisory on DPRK IT workers (2023)',
  'fbi-2025': 'FBI public service announcements on DPRK IT workers (2025)',
  'uk-2024': 'UK OFSI advisory on DPRK IT workers (2024)',
  research: 'Published incident research',
};

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Admin',
  investigator: 'Investigator',
  recruiter: 'Recruiter',
  viewer: 'Viewer',
};

export const ROLE_HELP: Record<string, string> = {
  admin: 'Everything, including users, API tokens and policy',
  investigator: 'Works cases: status, assignment, audit and exports',
  recruiter: 'Adds candidates, imports and logs evidence, writes notes',
  viewer: 'Reads only',
};

/** Verbs for the transition buttons, keyed by target status. */
export const TRANSITION_VERBS: Record<string, string> = {
  in_review: 'Start review',
  escalated: 'Escalate',
  cleared: 'Clear',
  reported: 'Mark reported',
  closed: 'Close',
  open: 'Reopen',
};

export const TRANSITION_HELP: Record<string, string> = {
  in_review: 'Someone is now looking at this person.',
  escalated: 'Serious concerns: hand to security, legal or leadership.',
  cleared: 'Checked and no fraud found.',
  reported: 'Reported to the authorities (e.g. police or FBI).',
  closed: 'Nothing more to do.',
  open: 'Open the case again.',
};

export const STATUS_COLORS: Record<string, string> = {
  open: 'gray',
  in_review: 'blue',
  escalated: 'red',
  cleared: 'green',
  reported: 'grape',
  closed: 'dark',
};

export {
  CHANGE_FIELDS,
  DOCUMENT_KINDS,
  INCIDENT_KINDS,
  INTERVIEW_MODES,
  INTERVIEW_STATUSES,
  OCCLUSION_RESULTS,
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  RATE_PERIODS,
  REFERENCE_OUTCOMES,
} from '../../core/bundle/vocabulary.ts';

export const ENUM_LABELS: Record<string, string> = {
  video: 'Video call',
  phone: 'Phone call',
  chat: 'Chat / text',
  email: 'Email',
  in_person: 'In person',
  held: 'Held',
  cancelled_by_candidate: 'Cancelled by candidate',
  no_show: 'No-show',
  rescheduled: 'Rescheduled',
  passed: 'Passed',
  artifact: 'Artifact seen (smear, freeze, hand behind face)',
  refused: 'Refused',
  not_done: 'Not done',
  failed: 'Failed',
  passport: 'Passport',
  national_id: 'National ID card',
  drivers_license: "Driver's licence",
  work_permit: 'Work permit',
  diploma: 'Diploma',
  other: 'Other',
  verified: 'Verified',
  unverifiable: 'Could not verify',
  contradicts: 'Contradicts the candidate',
  pending: 'Pending',
  shipping_address: 'Equipment shipping address',
  home_address: 'Home address',
  bank_account: 'Payroll bank account',
  legal_name: 'Legal name',
  payroll: 'Payroll',
  request: 'Request from the person',
  transfer: 'Transfer',
  bank: 'Bank',
  crypto: 'Cryptocurrency',
  payment_platform: 'Payment platform (Wise, Payoneer…)',
  byod_request: 'Asked to use a personal device',
  prepayment_request: 'Asked for an advance',
  identity_owner_dispute: 'Real identity owner disputes the job',
  exfiltration: 'Data copied out',
  identity_switch: 'Account or persona switched',
  extortion: 'Threat to leak data',
  candidate: 'Candidate',
  employee: 'Employee',
  inbound: 'From the person',
  outbound: 'To the person',
  home_office: 'A normal home room',
  office: 'An office',
  virtual_background: 'Virtual background',
  stock_background: 'Stock-photo background',
  blurred_background: 'Blurred background',
  call_centre_noise: 'Call-centre noise, other voices',
  refused_room: 'Refused to show the room',
  refused_window: 'Refused to point the camera out of a window',
  hour: 'per hour',
  day: 'per day',
  week: 'per week',
  month: 'per month',
  year: 'per year',
};

export function enumLabel(value: string | null | undefined): string {
  if (!value) return '';
  return ENUM_LABELS[value] ?? value;
}

export function enumOptions(values: readonly string[]): { value: string; label: string }[] {
  return values.map((value) => ({ value, label: enumLabel(value) }));
}
