// The due-diligence checklist as data: one list of steps per hiring stage, and the response playbook
// for high and critical cases. Each step says why (with the advisory that recommends it) and what to do.
// Item ids are stable API: stored states, the policy's `checklist.disabledItems` and reports refer to them.
import type { SourceKey } from '../types.ts';

export type ChecklistStage = 'application' | 'interview' | 'verification' | 'onboarding' | 'employment';
export const CHECKLIST_STAGES: readonly ChecklistStage[] = [
  'application',
  'interview',
  'verification',
  'onboarding',
  'employment',
];

export type PlaybookPhase = 'contain' | 'preserve' | 'review' | 'report';
export const PLAYBOOK_PHASES: readonly PlaybookPhase[] = ['contain', 'preserve', 'review', 'report'];

export const STAGE_TITLES: Readonly<Record<ChecklistStage, string>> = {
  application: 'Application',
  interview: 'Interviews',
  verification: 'Identity verification',
  onboarding: 'Onboarding',
  employment: 'After hire',
};

export const PHASE_TITLES: Readonly<Record<PlaybookPhase, string>> = {
  contain: 'Contain — stop the harm without tipping the person off',
  preserve: 'Preserve — keep the evidence',
  review: 'Review — find what else is affected',
  report: 'Report — tell the authorities',
};

type Common = {
  /** Stable id, e.g. `interview.camera-on` or `response.contain.hold-payments`. */
  id: string;
  title: string;
  /** Why the step matters, in plain language, naming the advisory it comes from. */
  why: string;
  /** What to do. `{inPersonWindowDays}` is filled from the organisation's policy. */
  whatToDo: string;
  /** Advisories that recommend the step (keys of core/catalog/sources.ts). */
  sources: SourceKey[];
  /** The not-evaluated check (core/catalog/checks.ts) whose data this step collects, if any. */
  check?: string;
  /** Signals the step looks for or confirms (core/catalog/signals.ts). */
  signals?: string[];
};

/** A step of one hiring stage. */
export type StageItemDefinition = Common & { kind: 'stage'; stage: ChecklistStage };
/** A step of the response playbook. */
export type PlaybookItemDefinition = Common & { kind: 'playbook'; phase: PlaybookPhase };
export type ChecklistItemDefinition = StageItemDefinition | PlaybookItemDefinition;

type Text = Omit<Common, 'id'>;

function stage(name: ChecklistStage, items: Record<string, Text>): StageItemDefinition[] {
  return Object.entries(items).map(([slug, t]) => ({
    id: `${name}.${slug}`,
    kind: 'stage',
    stage: name,
    ...t,
  }));
}

function phase(name: PlaybookPhase, items: Record<string, Text>): PlaybookItemDefinition[] {
  return Object.entries(items).map(([slug, t]) => ({
    id: `response.${name}.${slug}`,
    kind: 'playbook',
    phase: name,
    ...t,
  }));
}

export const STAGE_ITEMS: readonly StageItemDefinition[] = [
  ...stage('application', {
    'source-recorded': {
      title: 'Record how the candidate arrived',
      why: 'The Canadian advisory (RCMP, Public Safety Canada, 2025) and the US guidance (2022) say these workers often come through freelance platforms, staffing vendors or referrals from other workers, and that a vendor’s word is not an identity check.',
      whatToDo:
        'Write down where the application came from (job board, referral and by whom, staffing vendor). If a vendor sent the candidate, plan to verify identity yourself.',
      sources: ['ca-2025', 'us-2022'],
      check: 'application.source',
      signals: ['application.vendor-only-vetting', 'links.referral-chain'],
    },
    'profiles-checked': {
      title: 'Check the email, phone and online profiles',
      why: 'The US–South Korea advisory (2023) and incident research describe newly made GitHub or LinkedIn profiles, internet phone numbers and throw-away email addresses.',
      whatToDo:
        'Look at the age and activity of the profiles the candidate lists, and whether the phone number is a real mobile or landline in the claimed country.',
      sources: ['us-2023', 'research'],
      check: 'contact',
      signals: ['contact.new-profile', 'contact.voip-phone', 'contact.disposable-email'],
    },
    'resume-consistency': {
      title: 'Compare the resume with the application',
      why: 'The US guidance (2022) and incident research report resumes copied between personas and work histories that do not add up (dates, employers, technologies).',
      whatToDo:
        'Compare name, dates, employers, education and location across the resume, the application form and the profiles. Note anything that does not match.',
      sources: ['us-2022', 'research'],
      check: 'consistency',
      signals: ['consistency.employment', 'consistency.education', 'consistency.anachronism'],
    },
    'sanctions-screened': {
      title: 'Screen the name against sanctions lists',
      why: 'The UK OFSI advisory (2024) and the US guidance (2022) warn that paying a North Korean IT worker can breach sanctions, even without knowing it.',
      whatToDo:
        'Run the sanctions screening in Gatecheck (or your provider) on the name, and later on payees and wallet addresses. A hit on a common name needs a second identifier before it counts.',
      sources: ['uk-2024', 'us-2022'],
      check: 'sanctions',
      signals: ['sanctions.name-match'],
    },
  }),
  ...stage('interview', {
    'camera-on': {
      title: 'Hold at least one interview with the camera on',
      why: 'Every advisory (Canada 2025, US 2022, FBI 2025) names refusing to turn the camera on, or moving calls to chat, as a warning sign.',
      whatToDo:
        'Hold a video interview with the camera on. Record the mode, whether the camera stayed on, and any excuse given.',
      sources: ['seed', 'ca-2025', 'us-2022', 'fbi-2025'],
      check: 'interviews',
      signals: ['interview.camera-refusal', 'interview.repeated-excuse', 'interview.text-only-preference'],
    },
    'face-cover-test': {
      title: 'Ask for a hand in front of the face',
      why: 'The FBI (2025) and Okta’s security chief (HR News Canada, 2025) describe real-time face-swap filters ("deepfakes") that glitch when something passes in front of the face or the head turns.',
      whatToDo:
        'During the video call, ask the candidate to pass a hand slowly in front of the face and to turn the head to each side. Record whether the image stayed natural.',
      sources: ['seed', 'fbi-2025', 'research'],
      check: 'interview.occlusion',
      signals: ['interview.occlusion-artifact'],
    },
    'location-questions': {
      title: 'Ask about the claimed city and past employers',
      why: 'The Canadian advisory (2025) and incident research note that these workers often cannot talk naturally about the place they claim to live or the employers they list.',
      whatToDo:
        'Ask a few friendly, specific questions about the claimed city (neighbourhood, commute, local news) and past workplaces. Record the answers.',
      sources: ['ca-2025', 'research'],
      check: 'interviews',
      signals: ['interview.location-knowledge', 'interview.scripted-answers'],
    },
    'same-person': {
      title: 'Make sure the same person attends every meeting',
      why: 'Incident research documents a different person attending later interviews or the first day of work.',
      whatToDo:
        'Capture a face frame in each video interview so Gatecheck can compare the faces across meetings.',
      sources: ['research'],
      check: 'interview.faces',
      signals: ['interview.person-changed'],
    },
    'references-called': {
      title: 'Call references on numbers you find yourself',
      why: 'The US guidance (2022) and the Canadian advisory (2025) warn that references can be accomplices; contact details the candidate provides can lead back to the same network.',
      whatToDo:
        'Call each reference through the organisation’s main switchboard or website, not only the number or email the candidate gave. Record who confirmed what.',
      sources: ['us-2022', 'ca-2025'],
      check: 'references',
      signals: ['references.unverifiable', 'references.contradicts', 'references.shared-contact'],
    },
  }),
  ...stage('verification', {
    'identity-document': {
      title: 'Check the identity document',
      why: 'The US guidance (2022) and the Canadian advisory (2025) report stolen, borrowed and altered identity documents.',
      whatToDo:
        'Get the original document file (not a screenshot). Check the passport’s machine-readable lines, the expiry date, and that the name and date of birth match the application.',
      sources: ['us-2022', 'ca-2025'],
      check: 'documents.mrz',
      signals: ['documents.mrz-invalid', 'documents.mrz-mismatch', 'documents.edited', 'documents.expired'],
    },
    'live-verification': {
      title: 'Verify the person live against the document',
      why: 'The FBI (2025) recommends confirming identity live, because photos and video can be faked; Okta’s security chief (2025) describes challenge-based checks.',
      whatToDo:
        'Send a Gatecheck verification session (document and live face challenges), or check the document against the person in a live video call.',
      sources: ['fbi-2025', 'seed'],
      check: 'liveness',
      signals: ['liveness.face-mismatch', 'liveness.challenge-failed', 'liveness.virtual-camera'],
    },
    'in-person-meeting': {
      title: 'Meet in person where you can',
      why: 'The Canadian advisory (2025) and the FBI (2025) recommend at least one in-person meeting; these workers agree to meet and then cancel.',
      whatToDo:
        'Invite the candidate to an office visit or to meet a partner or notary near where they live. Record whether it happened, or was cancelled and why.',
      sources: ['ca-2025', 'fbi-2025'],
      check: 'interview.in-person',
      signals: ['interview.in-person-avoidance'],
    },
    'background-check': {
      title: 'Run a background and employment check',
      why: 'The US guidance (2022) recommends background checks and verifying past employment directly; a check in a borrowed identity can reveal that the real owner lives a different life.',
      whatToDo:
        'Run a background check with the candidate’s consent and confirm past employers and education directly (HR departments, registrars). Note any mismatch.',
      sources: ['us-2022'],
      check: 'consistency',
      signals: ['consistency.identity', 'employment.identity-owner-dispute'],
    },
  }),
  ...stage('onboarding', {
    'in-person-identity': {
      title: 'Check identity in person after the start',
      why: 'The Canadian advisory (2025) recommends an in-person identity check soon after hire; your policy gives {inPersonWindowDays} days from the start date.',
      whatToDo:
        'Within {inPersonWindowDays} days of the start date, have the new hire show their ID in person (office, partner site or notary). Record the date.',
      sources: ['ca-2025', 'seed'],
      check: 'onboarding.in-person',
      signals: ['onboarding.in-person-overdue'],
    },
    'verified-shipping': {
      title: 'Ship equipment only to the verified home address',
      why: 'The FBI (2025) and incident research describe "laptop farms": company laptops shipped to a helper’s address and controlled from abroad; last-minute address changes are a warning sign.',
      whatToDo:
        'Ship the laptop to the verified home address. Treat a last-minute change of shipping address as a reason to verify again before shipping.',
      sources: ['fbi-2025', 'us-2022', 'research'],
      check: 'logistics',
      signals: ['logistics.shipping-change', 'logistics.address-mismatch', 'logistics.shared-address'],
    },
    'company-device': {
      title: 'Require the company device',
      why: 'The FBI (2025) warns against personal laptops and virtual desktops for new hires, and against remote-control tools that let someone elsewhere use the laptop.',
      whatToDo:
        'Require work on the company laptop. Refuse requests for a personal computer or a virtual desktop, and check that no remote-control software (AnyDesk, TeamViewer, …) is installed.',
      sources: ['fbi-2025', 'research'],
      check: 'onboarding.device',
      signals: ['onboarding.byod-request', 'network.remote-access'],
    },
    'payroll-account': {
      title: 'Check the payroll account',
      why: 'The US guidance (2022) and the UK OFSI advisory (2024) describe pay sent to accounts abroad, to payment platforms or to cryptocurrency wallets.',
      whatToDo:
        'Check that the pay account is a bank account in the person’s own name in the country where they say they live. Refuse pay in cryptocurrency.',
      sources: ['us-2022', 'uk-2024'],
      check: 'payments.destination',
      signals: ['payments.foreign-account', 'payments.crypto-request', 'payments.platform-transfers'],
    },
    'least-privilege': {
      title: 'Start with the access the job needs',
      why: 'The FBI (2025) recommends least-privilege access ("only what the job needs") so that a fraudulent hire cannot copy everything.',
      whatToDo:
        'Grant only the systems and repositories needed for the first weeks; widen access once identity has been verified in person.',
      sources: ['fbi-2025'],
    },
  }),
  ...stage('employment', {
    'sign-in-review': {
      title: 'Review where the person signs in from',
      why: 'The FBI (2025) and the Canadian advisory (2025) point to sign-ins through VPNs, from several countries, or from places the person does not live.',
      whatToDo:
        'Import sign-in logs from your identity provider into Gatecheck regularly and look at countries, VPNs and impossible travel.',
      sources: ['fbi-2025', 'ca-2025'],
      check: 'network',
      signals: ['network.multi-country', 'network.anonymizer', 'network.location-mismatch'],
    },
    'bank-changes': {
      title: 'Confirm every payroll bank change',
      why: 'The US guidance (2022) and the UK OFSI advisory (2024) describe pay redirected soon after the start, to accounts abroad or used by several workers.',
      whatToDo:
        'Confirm each bank-detail change with the employee on a phone number or video call you already know, before it takes effect.',
      sources: ['us-2022', 'uk-2024'],
      check: 'payments',
      signals: ['payments.bank-change'],
    },
    'data-movement': {
      title: 'Watch for code or data copied out',
      why: 'The FBI (2025) reports workers copying code and data to personal accounts and later threatening to leak it (extortion).',
      whatToDo:
        'Review pushes to personal repositories, large downloads and uploads to personal cloud storage; record any incident in Gatecheck.',
      sources: ['fbi-2025'],
      check: 'employment',
      signals: ['employment.exfiltration', 'employment.extortion'],
    },
    'camera-check-ins': {
      title: 'Keep regular camera-on meetings',
      why: 'Incident research and the Canadian advisory (2025) describe a different person doing the work after hire, or camera refusal returning after onboarding.',
      whatToDo:
        'Hold regular video meetings with the camera on and capture a face frame now and then, so a change of person is noticed.',
      sources: ['ca-2025', 'research'],
      check: 'interview.faces',
      signals: ['interview.person-changed', 'employment.identity-switch'],
    },
  }),
];

export const PLAYBOOK_ITEMS: readonly PlaybookItemDefinition[] = [
  ...phase('contain', {
    'hold-payments': {
      title: 'Stop payments and hold payroll changes',
      why: 'The UK OFSI advisory (2024) and the US guidance (2022) warn that paying a North Korean IT worker can breach sanctions; money already sent is rarely recovered.',
      whatToDo:
        'Ask payroll to pause the next payment and to freeze bank-detail changes for this person, without telling them why. Keep a record of what was held.',
      sources: ['uk-2024', 'us-2022'],
      signals: ['payments.bank-change', 'payments.crypto-request'],
    },
    'revoke-access': {
      title: 'Remove access quietly, all at once',
      why: 'The FBI (2025) reports workers stealing data or threatening to leak it as soon as they notice they have been discovered ("tipping off").',
      whatToDo:
        'Plan with IT to remove every account, token and VPN access at the same moment, without warning the person first. Do not confront them before access is gone.',
      sources: ['fbi-2025'],
    },
  }),
  ...phase('preserve', {
    'snapshot-evidence': {
      title: 'Save a snapshot of the evidence',
      why: 'The FBI (2025) asks companies to keep evidence for investigators; a dated, unchanged copy is worth more than a later recollection.',
      whatToDo:
        'Export the Gatecheck report for this case and keep it with the original documents, recordings and messages.',
      sources: ['fbi-2025'],
    },
    'keep-logs': {
      title: 'Keep the logs',
      why: 'The FBI (2025) recommends keeping sign-in, device and code-repository logs; they are often deleted automatically after a few weeks.',
      whatToDo:
        'Ask IT to export and keep sign-in logs, device records, repository history and email for this person beyond the normal retention period.',
      sources: ['fbi-2025'],
      check: 'network',
    },
    'legal-hold': {
      title: 'Put the records on legal hold',
      why: 'Records about this person may be needed by counsel or the authorities; a legal hold stops automatic deletion.',
      whatToDo:
        'Ask counsel whether to place a legal hold, and stop automatic deletion of this person’s records in Gatecheck and other systems until it is lifted.',
      sources: ['fbi-2025', 'uk-2024'],
    },
  }),
  ...phase('review', {
    referrals: {
      title: 'Review referrals',
      why: 'The US–South Korea advisory (2023) and incident research show workers referring other workers into the same company.',
      whatToDo: 'Find who referred this person and whom they referred, and review those people’s cases.',
      sources: ['us-2023', 'research'],
      check: 'links',
      signals: ['links.referral-chain'],
    },
    'accounts-access': {
      title: 'Review accounts and what they touched',
      why: 'The FBI (2025) recommends checking what the person could reach and what they copied, because data theft and extortion often follow.',
      whatToDo:
        'List every account and permission the person had, and review recent activity: repositories cloned, files downloaded, secrets or keys they could see. Rotate shared secrets.',
      sources: ['fbi-2025'],
      check: 'employment',
      signals: ['employment.exfiltration'],
    },
    devices: {
      title: 'Recover and check the devices',
      why: 'The FBI (2025) and incident research describe company laptops kept at a helper’s address and controlled remotely with software or small hardware boxes (IP-KVM).',
      whatToDo:
        'Get the company laptop back, note where it was, and check it for remote-control software or hardware. Review the shipping history.',
      sources: ['fbi-2025', 'research'],
      check: 'logistics.addresses',
      signals: ['network.remote-access', 'logistics.shared-address'],
    },
    'shared-identifiers': {
      title: 'Look for the same details on other people',
      why: 'Incident research finds one operator running several personas that share a phone, email, bank account, address or internet address.',
      whatToDo:
        'In Gatecheck, look at this person’s links to other candidates and employees (shared identifiers) and open a case for each real match.',
      sources: ['research', 'us-2022'],
      check: 'links',
      signals: ['links.shared-identifier', 'network.shared-egress'],
    },
  }),
  ...phase('report', {
    canada: {
      title: 'Canada: report to the RCMP and the Cyber Centre',
      why: 'The Canadian advisory (2025) asks organisations to report suspected North Korean IT workers to the RCMP and the Canadian Centre for Cyber Security.',
      whatToDo:
        'Report to your local police or the RCMP, and to the Canadian Centre for Cyber Security (cyber.gc.ca). Mark not applicable if you have no Canadian presence.',
      sources: ['ca-2025'],
    },
    fintrac: {
      title: 'Canada: FINTRAC report if you are a reporting entity',
      why: 'The Canadian advisory (2025) reminds reporting entities (banks, money services, accountants, …) of their duty to report suspicious transactions to FINTRAC.',
      whatToDo:
        'If your organisation is a FINTRAC reporting entity, file a suspicious transaction report. Otherwise mark not applicable with that reason.',
      sources: ['ca-2025'],
    },
    'fbi-ic3': {
      title: 'United States: report to the FBI',
      why: 'The FBI (2025) and the US guidance (2022) ask companies to report to the FBI’s Internet Crime Complaint Center (IC3) or a local FBI field office.',
      whatToDo:
        'File a report at ic3.gov or contact your FBI field office. Mark not applicable if the case has no US connection.',
      sources: ['fbi-2025', 'us-2022'],
    },
    'ofsi-nca': {
      title: 'United Kingdom: report to OFSI and the NCA',
      why: 'The UK OFSI advisory (2024) asks anyone who may have paid a North Korean IT worker to report a suspected sanctions breach to OFSI; fraud and crime go to the National Crime Agency.',
      whatToDo:
        'Report the suspected breach to OFSI (HM Treasury) and, where money laundering or fraud is suspected, to the NCA. Mark not applicable if the case has no UK connection.',
      sources: ['uk-2024'],
    },
  }),
];

export const CHECKLIST_ITEMS: readonly ChecklistItemDefinition[] = [...STAGE_ITEMS, ...PLAYBOOK_ITEMS];

const BY_ID = new Map<string, ChecklistItemDefinition>(CHECKLIST_ITEMS.map((i) => [i.id, i]));

export function getChecklistItem(id: string): ChecklistItemDefinition | undefined {
  return BY_ID.get(id);
}
