// The vocabulary of "not evaluated": each check groups the signals that need the same data, and
// says in plain language which due-diligence step would fill the gap when that data is missing.
import { SIGNALS } from './signals.ts';

export type CheckDefinition = {
  id: string;
  title: string;
  /** The due-diligence step that fills the gap, for a recruiter or an investigator. */
  step: string;
  /** Signal ids this check covers (derived from the catalog's `check` field). */
  signals: string[];
};

const CHECK_TEXT: [id: string, title: string, step: string][] = [
  [
    'interviews',
    'Interview behaviour',
    'Hold a video interview with the camera on and record how it went (mode, camera, any excuse, what the interviewer noticed).',
  ],
  [
    'interview.occlusion',
    'Face-covering test in a video call',
    'Hold a video interview with the camera on and ask the candidate to pass a hand slowly in front of the face; record whether the image stayed natural.',
  ],
  [
    'interview.faces',
    'Same face across meetings',
    'Capture a face frame in each video interview or meeting so the faces can be compared across meetings.',
  ],
  [
    'interview.in-person',
    'In-person meeting',
    'Invite the candidate to an in-person meeting or office visit and record whether it happens.',
  ],
  [
    'availability',
    'Message times',
    "Keep the candidate's emails and messages with their sent times, and record the claimed time zone, so reply hours can be compared with it.",
  ],
  [
    'documents.requests',
    'Requested documents',
    'Request an identity document with a due date and record when it arrives and its expiry date.',
  ],
  [
    'documents.mrz',
    'Passport machine-readable lines',
    'Record the two machine-readable lines at the bottom of the passport photo page so their check digits and fields can be verified.',
  ],
  [
    'documents.forensics',
    'Document file forensics',
    'Keep the original document files (not screenshots) with their metadata so signs of editing can be checked.',
  ],
  [
    'consistency',
    'Consistency across sources',
    'Compare the name, date of birth, work history, education and location given in the resume, application, interviews and documents.',
  ],
  [
    'contact',
    'Email, phone and online profiles',
    "Check the candidate's phone number type, email domain and the age of the online profiles they list.",
  ],
  [
    'contact.changes',
    'Contact changes during hiring',
    'Keep the history of email and phone changes from the applicant-tracking or HR system.',
  ],
  [
    'application.rate',
    'Asked pay versus the role',
    "Record the candidate's asked rate and the benchmark for the role, in the same currency.",
  ],
  [
    'application.source',
    'How the candidate arrived',
    'Record how the candidate arrived (job board, referral, vendor); if through a vendor, verify identity yourself.',
  ],
  [
    'references',
    'References',
    'Call references using contact details you find yourself (the organisation’s switchboard), not only those the candidate gave.',
  ],
  [
    'network',
    'Where the person connects from',
    'Import sign-in logs from the identity provider and the device inventory for the work laptop.',
  ],
  [
    'links',
    'Links to other people',
    'Assess this person together with the other candidates and employees so shared identifiers can be found.',
  ],
  [
    'sanctions',
    'Sanctions screening',
    'Screen the person’s name, payees and wallet addresses against the sanctions lists.',
  ],
  [
    'liveness',
    'Live identity verification',
    'Send the candidate a liveness and identity verification session, or verify the identity document in person.',
  ],
  [
    'payments',
    'Pay requests and bank changes',
    'Keep payroll records, pay requests and the history of bank-detail changes.',
  ],
  [
    'payments.destination',
    'Where pay goes',
    'Check where pay is sent: bank country, account holder and any payment platform.',
  ],
  [
    'logistics',
    'Equipment shipping',
    'Record the equipment shipping date and the history of shipping-address changes.',
  ],
  [
    'logistics.addresses',
    'Home and shipping addresses',
    'Compare the home and shipping addresses with the claimed location and with other employees’ addresses.',
  ],
  [
    'onboarding.in-person',
    'In-person identity check after start',
    'Record the start date and the date of the in-person identity check (office, partner site or notary).',
  ],
  [
    'onboarding.device',
    'Company device',
    'Keep onboarding messages and IT tickets so requests to use a personal computer or a virtual desktop are visible.',
  ],
  [
    'employment',
    'After-hire incidents',
    'Record security and HR incidents after hire (identity disputes, data copied out, persona changes, threats).',
  ],
];

export const CHECKS: CheckDefinition[] = CHECK_TEXT.map(([id, title, step]) => ({
  id,
  title,
  step,
  signals: SIGNALS.filter((s) => s.check === id).map((s) => s.id),
}));

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

export function getCheck(id: string): CheckDefinition | undefined {
  return BY_ID.get(id);
}
