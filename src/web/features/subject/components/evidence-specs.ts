// What each "log evidence" form asks, declared as data. EvidenceForm renders these and builds the bundle item.

import { browserTimeZone } from '../../../ui/countries.ts';
import {
  CHANGE_FIELDS,
  DOCUMENT_KINDS,
  INCIDENT_KINDS,
  INTERVIEW_MODES,
  INTERVIEW_STATUSES,
  OCCLUSION_RESULTS,
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  REFERENCE_OUTCOMES,
} from '../../../ui/labels.ts';
import type { EvidenceKind } from '../queries.ts';

export type FieldType =
  | 'text'
  | 'textarea'
  | 'lines'
  | 'list'
  | 'datetime'
  | 'date'
  | 'date-end'
  | 'select'
  | 'radio'
  | 'tristate'
  | 'number'
  | 'country'
  | 'currency';

export type Values = Record<string, string>;

export type FieldSpec = {
  /** Dotted path inside the item, e.g. `checks.handOcclusion`. */
  key: string;
  label: string;
  type: FieldType;
  options?: readonly string[];
  /** Labels for options when the generic enum labels do not fit. */
  optionLabels?: Record<string, string>;
  description?: string;
  placeholder?: string;
  required?: boolean;
  /** `now` fills the current local time. */
  initial?: string;
  wide?: boolean;
  showIf?: (values: Values) => boolean;
};

export type EvidenceSpec = {
  kind: EvidenceKind;
  title: string;
  noun: string;
  intro: string;
  fields: FieldSpec[];
};

const ADDRESS_FIELDS = ['shipping_address', 'home_address'];
const isAddress = (v: Values) => ADDRESS_FIELDS.includes(v.field ?? '');
const isBank = (v: Values) => v.field === 'bank_account';
const isSimpleChange = (v: Values) => !isAddress(v) && !isBank(v) && (v.field ?? '') !== '';

export const EVIDENCE_SPECS: EvidenceSpec[] = [
  {
    kind: 'interviews',
    title: 'Interviews',
    noun: 'interview',
    intro: 'How each conversation went. Record what you saw, even if it seemed minor.',
    fields: [
      {
        key: 'at',
        label: 'When',
        type: 'datetime',
        initial: 'now',
        required: true,
        description: `Your local time (${browserTimeZone()})`,
      },
      { key: 'interviewer', label: 'Interviewer', type: 'text', placeholder: 'Name or email' },
      { key: 'plannedMode', label: 'Planned as', type: 'select', options: INTERVIEW_MODES, initial: 'video' },
      {
        key: 'actualMode',
        label: 'Actually happened as',
        type: 'select',
        options: INTERVIEW_MODES,
        initial: 'video',
      },
      { key: 'status', label: 'Status', type: 'select', options: INTERVIEW_STATUSES, initial: 'held' },
      {
        key: 'cameraOn',
        label: 'Camera',
        type: 'tristate',
        optionLabels: { yes: 'On', no: 'Off', '': 'Not noted' },
      },
      {
        key: 'excuse',
        label: 'Excuse given (if any)',
        type: 'text',
        placeholder: 'e.g. camera broken, bad connection',
        wide: true,
      },
      {
        key: 'checks.handOcclusion',
        label: 'Hand-in-front-of-face check',
        type: 'radio',
        options: OCCLUSION_RESULTS,
        initial: 'not_done',
        description:
          'Ask the person to pass a hand in front of their face; real-time deepfakes smear or freeze, or the hand passes behind the face.',
        wide: true,
      },
      {
        key: 'checks.locationSmallTalk',
        label: 'Small talk about where they live',
        type: 'radio',
        options: ['passed', 'failed', 'not_done'],
        optionLabels: {
          passed: 'Knew the area',
          failed: 'Could not talk about it',
          not_done: 'Not done',
        },
        initial: 'not_done',
        description:
          'Ask about their neighbourhood, local transit or weather. People who really live there answer easily.',
        wide: true,
      },
      {
        key: 'checks.scriptedAnswers',
        label: 'Answers seemed scripted or read out',
        type: 'tristate',
        optionLabels: { yes: 'Yes', no: 'No', '': 'Not noted' },
        description: 'Long pauses, eyes reading, or plausible but wrong answers (possible live AI help).',
        wide: true,
      },
      {
        key: 'checks.environment',
        label: 'Background / surroundings',
        type: 'select',
        options: [
          '',
          'home_office',
          'office',
          'virtual_background',
          'stock_background',
          'blurred_background',
          'call_centre_noise',
          'refused_room',
          'refused_window',
        ],
        optionLabels: { '': 'Not noted' },
      },
      {
        key: 'observations',
        label: 'Observations',
        type: 'lines',
        description: 'One per line',
        wide: true,
      },
    ],
  },
  {
    kind: 'documents',
    title: 'Documents',
    noun: 'document request',
    intro: 'Identity and credential documents you asked for. Late or edited documents are warning signs.',
    fields: [
      {
        key: 'kind',
        label: 'Document',
        type: 'select',
        options: DOCUMENT_KINDS,
        initial: 'passport',
        required: true,
      },
      { key: 'requestedAt', label: 'Requested on', type: 'date', initial: 'today' },
      { key: 'dueAt', label: 'Due by', type: 'date-end' },
      {
        key: 'receivedAt',
        label: 'Received on',
        type: 'date',
        description: 'Leave empty if not received yet',
      },
    ],
  },
  {
    kind: 'changes',
    title: 'Address and bank changes',
    noun: 'change',
    intro: 'Changes to where equipment ships, home address, payroll bank account or contact details.',
    fields: [
      {
        key: 'field',
        label: 'What changed',
        type: 'select',
        options: CHANGE_FIELDS,
        initial: 'shipping_address',
        required: true,
      },
      { key: 'at', label: 'When', type: 'datetime', initial: 'now', required: true },
      { key: 'to.line1', label: 'Street address', type: 'text', wide: true, showIf: isAddress },
      { key: 'to.city', label: 'City', type: 'text', showIf: isAddress },
      { key: 'to.region', label: 'Region / state', type: 'text', showIf: isAddress },
      { key: 'to.postalCode', label: 'Postal code', type: 'text', showIf: isAddress },
      { key: 'to.country', label: 'Country', type: 'country', showIf: isAddress },
      {
        key: 'to.bank',
        label: 'Bank or platform',
        type: 'text',
        placeholder: 'e.g. ATB Financial, Wise',
        showIf: isBank,
      },
      { key: 'to.accountLast4', label: 'Account (last 4 digits)', type: 'text', showIf: isBank },
      { key: 'to.holder', label: 'Account holder', type: 'text', showIf: isBank },
      { key: 'to.country', label: 'Account country', type: 'country', showIf: isBank },
      { key: 'to', label: 'New value', type: 'text', wide: true, showIf: isSimpleChange },
    ],
  },
  {
    kind: 'payments',
    title: 'Payments and pay requests',
    noun: 'payment',
    intro: 'Payroll runs, and any request about how or where to be paid.',
    fields: [
      { key: 'at', label: 'When', type: 'datetime', initial: 'now' },
      { key: 'kind', label: 'Type', type: 'select', options: PAYMENT_KINDS, initial: 'request' },
      { key: 'method', label: 'Method', type: 'select', options: PAYMENT_METHODS, initial: 'bank' },
      {
        key: 'platform',
        label: 'Platform',
        type: 'text',
        placeholder: 'e.g. Payoneer, Wise',
        showIf: (v) => v.method === 'payment_platform',
      },
      {
        key: 'asset',
        label: 'Crypto asset',
        type: 'text',
        placeholder: 'e.g. USDT',
        showIf: (v) => v.method === 'crypto',
      },
      {
        key: 'destination',
        label: 'Destination',
        type: 'text',
        placeholder: 'Account, wallet address…',
        wide: true,
      },
      { key: 'amount', label: 'Amount', type: 'number' },
      { key: 'currency', label: 'Currency', type: 'currency' },
      { key: 'text', label: 'What they wrote', type: 'textarea', wide: true },
    ],
  },
  {
    kind: 'communications',
    title: 'Messages',
    noun: 'message',
    intro: 'Emails and chats. Send times help spot someone working from a far-away time zone.',
    fields: [
      { key: 'at', label: 'When', type: 'datetime', initial: 'now', required: true },
      {
        key: 'channel',
        label: 'Channel',
        type: 'text',
        placeholder: 'email, Slack, Telegram…',
        initial: 'email',
      },
      {
        key: 'direction',
        label: 'Direction',
        type: 'select',
        options: ['inbound', 'outbound'],
        initial: 'inbound',
      },
      { key: 'from', label: 'From', type: 'text' },
      { key: 'text', label: 'Text', type: 'textarea', wide: true },
    ],
  },
  {
    kind: 'references',
    title: 'References',
    noun: 'reference',
    intro: 'People you contacted to confirm past jobs. Call them on a number you found yourself.',
    fields: [
      { key: 'name', label: 'Name', type: 'text', required: true },
      { key: 'relationship', label: 'Relationship', type: 'text', placeholder: 'e.g. former manager' },
      { key: 'organization', label: 'Organisation', type: 'text' },
      { key: 'email', label: 'Email', type: 'text' },
      { key: 'phone', label: 'Phone', type: 'text' },
      { key: 'outcome', label: 'Outcome', type: 'select', options: REFERENCE_OUTCOMES, initial: 'pending' },
      { key: 'notes', label: 'Notes', type: 'textarea', wide: true },
    ],
  },
  {
    kind: 'devices',
    title: 'Devices',
    noun: 'device check',
    intro: 'What is installed or plugged in on the work laptop (from your IT or device-management tool).',
    fields: [
      { key: 'at', label: 'Checked on', type: 'datetime', initial: 'now' },
      { key: 'hostname', label: 'Device name', type: 'text' },
      {
        key: 'software',
        label: 'Software',
        type: 'list',
        description: 'One per line, e.g. AnyDesk 9.0 (remote-control tools are a warning sign)',
        wide: true,
      },
      {
        key: 'peripherals',
        label: 'Plugged-in hardware',
        type: 'list',
        description: 'One per line, e.g. PiKVM (a box that lets someone control the laptop from afar)',
        wide: true,
      },
    ],
  },
  {
    kind: 'incidents',
    title: 'Incidents',
    noun: 'incident',
    intro: 'Anything else that happened: requests, disputes, threats.',
    fields: [
      {
        key: 'kind',
        label: 'What happened',
        type: 'select',
        options: INCIDENT_KINDS,
        initial: 'other',
        required: true,
      },
      { key: 'at', label: 'When', type: 'datetime', initial: 'now' },
      { key: 'text', label: 'Details', type: 'textarea', wide: true },
    ],
  },
];
