// What the authorities' report forms ask for, in Canada, the US and the UK, with the values this case already
// holds filled in and the rest marked "not known — fill in". Field lists follow the authorities' published
// guidance on what to include (paraphrased); the forms themselves are filled in on the authorities' sites.
import type { CaseBundle } from '../bundle/schema.ts';
import type { ReportIdentifier, ReportModel } from './report-model.ts';

export const NOT_KNOWN = 'not known — fill in';

export type FormField = {
  label: string;
  /** Null when the case does not hold it: the PDF prints NOT_KNOWN. */
  value: string | null;
  /** Where the value came from, in plain words. */
  from?: string;
};

export type AuthorityForm = {
  authority: string;
  form: string;
  /** Who should use it. */
  when: string;
  where: string;
  fields: FormField[];
};

export type JurisdictionSection = { country: 'CA' | 'US' | 'UK'; title: string; forms: AuthorityForm[] };

type Input = Omit<ReportModel, 'jurisdictions'> & { bundle: CaseBundle };

const join = (values: readonly string[]) => (values.length > 0 ? [...new Set(values)].join('; ') : null);

function values(identifiers: readonly ReportIdentifier[], kind: ReportIdentifier['kind'], own = true) {
  return identifiers
    .filter((i) => i.kind === kind && (!own || !i.note?.includes('reference')))
    .map((i) => i.value);
}

type Money = { paid: string | null; requested: string | null; dates: string | null; methods: string | null };

function moneyOf(bundle: CaseBundle): Money {
  const paid = new Map<string, number>();
  const requested: string[] = [];
  const dates: string[] = [];
  const methods: string[] = [];
  for (const p of bundle.payments ?? []) {
    if (p.at) dates.push(p.at.slice(0, 10));
    const via = [p.method, p.platform, p.asset].filter(Boolean).join(' ');
    if (via) methods.push(via);
    if (p.amount === undefined) continue;
    const currency = p.currency ?? '(currency not recorded)';
    if (p.kind === 'request')
      requested.push(`${p.amount} ${currency}${p.at ? ` on ${p.at.slice(0, 10)}` : ''}`);
    else paid.set(currency, (paid.get(currency) ?? 0) + p.amount);
  }
  return {
    paid: paid.size > 0 ? [...paid].map(([c, n]) => `${Math.round(n * 100) / 100} ${c}`).join('; ') : null,
    requested: join(requested),
    dates: dates.length > 0 ? `${[...dates].sort()[0]} to ${[...dates].sort().at(-1)}` : null,
    methods: join(methods),
  };
}

function narrative(input: Input): string {
  const s = input.summary;
  const who = input.subject.name ?? input.subject.id;
  const head = s.band
    ? `${who} (${input.subject.role ?? 'remote hire'}) was assessed ${s.band} (score ${s.score}/100) by Gatecheck.`
    : `${who} has not been assessed.`;
  const top = input.signals
    .slice(0, 5)
    .map((sig) => `${sig.title}: ${sig.explanation}`)
    .join(' ');
  return `${head} ${top} Evidence preserved in snapshot ${input.snapshot.id} (manifest SHA-256 ${input.snapshot.manifestHash}).`.trim();
}

export function buildJurisdictions(input: Input): JurisdictionSection[] {
  const b = input.bundle;
  const ids = input.identifiers;
  const s = input.subject;
  const name = s.name;
  const aliases = join(s.aliases);
  const emails = join(values(ids, 'email'));
  const phones = join(values(ids, 'phone'));
  const addresses = join(values(ids, 'address'));
  const ips = join(values(ids, 'ip'));
  const wallets = join(values(ids, 'wallet'));
  const banks = join(values(ids, 'bank'));
  const accounts = join(values(ids, 'account'));
  const money = moneyOf(b);
  const documents = (b.documents ?? [])
    .filter((d) => d.fields?.number)
    .map(
      (d) =>
        `${d.kind ?? 'document'} ${d.fields?.number}${d.fields?.nationality ? ` (${d.fields.nationality})` : ''}`,
    );
  const idDocs = join(documents);
  const firstSeen = input.timeline[0]?.at.slice(0, 10) ?? null;
  const story = narrative(input);
  const reasons = input.summary.reasons.length > 0 ? input.summary.reasons.join(' ') : null;
  const topMatches = input.screenings.parties
    .flatMap((p) => p.matches.map((m) => `${m.name} (${m.listTitle}, entry ${m.entryId}, score ${m.score})`))
    .slice(0, 5);
  const walletHits = input.screenings.wallets
    .filter((w) => w.hits.length > 0)
    .map((w) => `${w.address} (${w.hits.map((h) => h.source).join(', ')})`);
  const designated = join([...topMatches, ...walletHits]);
  const programs = join(
    input.screenings.parties.flatMap((p) => p.matches.flatMap((m) => m.programs)).slice(0, 6),
  );
  const evidence = `Gatecheck snapshot ${input.snapshot.id}, manifest SHA-256 ${input.snapshot.manifestHash}; ${input.files.length} stored file(s) with their hashes`;
  const employer = b.employment?.[0]?.employer;
  const fromEvidence = 'from the evidence';
  const field = (label: string, value: string | null, from = fromEvidence): FormField =>
    value === null ? { label, value: null } : { label, value, from };
  const yours = (label: string): FormField => ({ label, value: null });

  const subjectFields = (prefix: string): FormField[] => [
    field(`${prefix} name`, name),
    field(`${prefix} other names used`, aliases),
    field(`${prefix} date of birth`, s.dateOfBirth),
    field(`${prefix} addresses`, addresses),
    field(`${prefix} phone numbers`, phones),
    field(`${prefix} email addresses`, emails),
  ];

  return [
    {
      country: 'CA',
      title: 'Canada',
      forms: [
        {
          authority: 'RCMP and Canadian Anti-Fraud Centre',
          form: 'National Cybercrime and Fraud Reporting System (report cybercrime and fraud online)',
          when: 'Any organisation that was defrauded or targeted; also tell your local police.',
          where: 'https://reportcyberandfraud.canada.ca',
          fields: [
            yours('Your organisation, contact person, phone and email'),
            field('What happened (description)', story, 'from the assessment'),
            field('When it started', firstSeen, 'first event in the timeline'),
            field(
              'When it was discovered',
              input.summary.assessedAt?.slice(0, 10) ?? null,
              'assessment date',
            ),
            ...subjectFields('Suspect'),
            field('Websites and online accounts used', accounts),
            field('IP addresses used', ips),
            field('Money lost: amount and currency', money.paid, 'payments in the evidence'),
            field('Payment method(s)', money.methods),
            field('Payment dates', money.dates),
            field('Bank accounts the money went to', banks),
            field('Cryptocurrency wallets', wallets),
            field('Evidence you can upload', evidence, 'this report'),
          ],
        },
        {
          authority: 'Canadian Centre for Cyber Security',
          form: 'Report a cyber incident (organisations)',
          when: 'When the person had access to your systems or data (insider threat, data taken, remote-access tools).',
          where: 'https://www.cyber.gc.ca/en/incident-management',
          fields: [
            yours('Your organisation, sector and contact'),
            field('Type of incident', 'Suspected fraudulent remote worker (insider threat)', 'Gatecheck'),
            field('Date detected', input.summary.assessedAt?.slice(0, 10) ?? null, 'assessment date'),
            yours('Systems and data the person could reach'),
            field('Indicators: IP addresses', ips),
            field('Indicators: accounts', accounts),
            field('Summary of what was observed', reasons, 'from the assessment'),
            yours('Actions taken so far (access removed, devices recovered)'),
          ],
        },
        {
          authority: 'FINTRAC',
          form: 'Suspicious Transaction Report (STR) — reporting entities only',
          when: 'Only if your organisation is a FINTRAC reporting entity (banks, money services, accountants…) and a transaction is involved.',
          where: 'https://fintrac-canafe.canada.ca/reporting-declaration/Info/str-dod-eng',
          fields: [
            yours('Reporting entity number, location and contact'),
            field('Transaction date(s)', money.dates),
            field('Amount and currency', money.paid ?? money.requested),
            field('How the transaction was conducted', money.methods),
            field('Account(s) involved', banks),
            field('Virtual currency addresses', wallets),
            field('Person conducting: name', name),
            field('Person conducting: address', addresses),
            field(
              'Person conducting: phone and email',
              join([phones, emails].filter((v): v is string => v !== null)),
            ),
            field('Person conducting: date of birth', s.dateOfBirth),
            field(
              'Person conducting: occupation and employer',
              join([s.role ?? '', employer ?? ''].filter(Boolean)),
            ),
            field('Identification document type, number and jurisdiction', idDocs),
            field('Grounds for suspicion (narrative)', story, 'from the assessment'),
            field('Action taken', `Case status: ${input.case.statusLabel}`, 'the case'),
          ],
        },
      ],
    },
    {
      country: 'US',
      title: 'United States',
      forms: [
        {
          authority: 'FBI Internet Crime Complaint Center (IC3)',
          form: 'IC3 complaint',
          when: 'If you or the person is in the US, or the scheme used US companies, platforms or banks.',
          where: 'https://www.ic3.gov',
          fields: [
            yours('Victim (your organisation): name, address, phone, email'),
            field('Financial transactions: amount paid', money.paid),
            field('Financial transactions: dates', money.dates),
            field('Financial transactions: method', money.methods),
            field('Who received the money (accounts)', banks),
            field('Who received the money (crypto wallets)', wallets),
            ...subjectFields('Subject'),
            field('Subject websites and accounts', accounts),
            field('Subject IP addresses', ips),
            field('Description of the incident', story, 'from the assessment'),
            yours('Email headers of messages from the subject'),
            field('Other relevant information', evidence, 'this report'),
            yours('Who is filing: name and contact'),
          ],
        },
      ],
    },
    {
      country: 'UK',
      title: 'United Kingdom',
      forms: [
        {
          authority: 'Office of Financial Sanctions Implementation (OFSI, HM Treasury)',
          form: 'Suspected breach of financial sanctions report',
          when: 'If you may have paid or made funds available to a designated person (for example salary reaching North Korea). Relevant firms must report.',
          where: 'https://www.gov.uk/guidance/suspected-breach-of-financial-sanctions-what-to-do',
          fields: [
            yours('Person making the report: name, organisation, contact'),
            field('Suspected breacher', name),
            field('Designated persons involved (list entries, group IDs)', designated, 'sanctions screening'),
            field('Sanctions regime', programs, 'list programmes of the matches'),
            yours('Licence numbers that may apply'),
            field('Value and currency', money.paid ?? money.requested),
            field('Dates', money.dates),
            yours('Remitter (who paid: usually your organisation)'),
            field('Intermediaries (platforms, banks)', money.methods),
            field(
              'Ultimate beneficiary (accounts and wallets)',
              join([banks, wallets].filter((v): v is string => v !== null)),
            ),
            field(
              'How and when it was discovered',
              `Gatecheck assessment of ${input.summary.assessedAt?.slice(0, 10) ?? 'an unknown date'}`,
              'the assessment',
            ),
            field('Narrative of events', story, 'from the assessment'),
          ],
        },
        {
          authority: 'National Crime Agency (UK Financial Intelligence Unit)',
          form: 'Suspicious Activity Report (SAR Online)',
          when: 'If you know or suspect money laundering (for example wages laundered through intermediaries); regulated firms must report.',
          where:
            'https://www.nationalcrimeagency.gov.uk/what-we-do/crime-threats/money-laundering-and-illicit-finance/suspicious-activity-reports',
          fields: [
            yours('Reporter: organisation and contact'),
            ...subjectFields('Main subject'),
            field('Main subject identifiers (passport, ID numbers)', idDocs),
            field(
              'Main subject occupation and employer',
              join([s.role ?? '', employer ?? ''].filter(Boolean)),
            ),
            field(
              'Associated subjects',
              join((b.subject.household ?? []).map((h) => h.name ?? '').filter(Boolean)),
              'declared household',
            ),
            field(
              'Transactions: dates, amounts, accounts',
              join([money.dates, money.paid, banks, wallets].filter((v): v is string => v !== null)),
            ),
            field('Reason for suspicion', story, 'from the assessment'),
            field(
              'Glossary code',
              designated ? 'XXSNEXX (linked to sanctioned persons)' : null,
              'sanctions screening',
            ),
            yours('Is a defence against money laundering (DAML) requested?'),
          ],
        },
      ],
    },
  ];
}
