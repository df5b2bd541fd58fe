import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  buildBundle,
  buildContext,
  FIXED_NOW,
  summarize as outcomeOf,
} from '../../../test/factories.ts';
import { education } from '../detectors/consistency/education.ts';
import { employment } from '../detectors/consistency/employment.ts';
import { identity } from '../detectors/consistency/identity.ts';
import type { Signal } from '../types.ts';
import { buildClaims, type ClaimField, type ClaimRow, type ClaimsTable } from './build-claims.ts';

// ICAO 9303 part 4 specimen (TD3): ERIKSSON, ANNA MARIA, born 1974-08-12, nationality UTO.
const SPECIMEN_MRZ = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];

function claims(overrides: BundleOverrides, signals: Signal[] = []): ClaimsTable {
  return buildClaims(buildBundle(overrides), { now: FIXED_NOW, signals });
}

function row(table: ClaimsTable, field: ClaimField, label?: string): ClaimRow {
  const found = table.rows.find((r) => r.field === field && (label === undefined || r.label === label));
  if (!found) throw new Error(`no ${field} row${label ? ` ${label}` : ''}`);
  return found;
}

const statusOf = (r: ClaimRow, path: string) => r.values.find((v) => v.path === path)?.status;

describe('buildClaims: columns and rows', () => {
  it('has the six columns in order and only rows some source states', () => {
    const table = claims({ subject: { name: 'Alex Doe', email: undefined } });
    expect(table.columns.map((c) => c.id)).toEqual([
      'resume',
      'application',
      'interview',
      'documents',
      'references',
      'record',
    ]);
    // The factory's subject has a name and a claimed location only.
    expect(table.rows.map((r) => r.field)).toEqual(['name', 'location']);
    expect(row(table, 'name').status).toBe('single');
    expect(row(table, 'name').summary).toBe('Only the subject record states this.');
    expect(table.counts).toEqual({ agree: 0, explained: 0, differ: 0, unclear: 0, single: 2 });
  });
});

describe('buildClaims: names', () => {
  it('"Kim Min-jun" = "Minjun Kim": agree; "김민준" is explained as the Hangul romanised', () => {
    const table = claims({
      subject: { name: 'Kim Min-jun' },
      resume: { contact: { name: 'Minjun Kim', emails: [], phones: [] } },
      application: { answers: { legalName: 'Minjun Kim' } },
    });
    const name = row(table, 'name');
    expect(name.status).toBe('agree');
    expect(name.values.map((v) => [v.column, v.text, v.status])).toEqual([
      ['resume', 'Minjun Kim', 'agree'],
      ['application', 'Minjun Kim', 'agree'],
      ['record', 'Kim Min-jun', 'agree'],
    ]);
    expect(name.values[1]?.from).toBe('legal name answer');
    expect(name.summary).toBe('The resume, the application and the subject record agree.');

    const withHangul = row(
      claims({
        subject: { name: 'Kim Min-jun' },
        documents: [{ kind: 'passport', fields: { name: '김민준' } }],
      }),
      'name',
    );
    expect(withHangul.status).toBe('explained');
    expect(statusOf(withHangul, 'documents[0].fields.name')).toBe('explained');
    expect(withHangul.values[0]?.notes[0]?.reason).toContain('Hangul name romanised');
    expect(withHangul.summary).toBe(
      'The passport (printed) and the subject record differ in an ordinary way, not counted against anyone: the Hangul name romanised (Revised Romanization) matches; the family name is another romanisation of the same Korean name.',
    );
  });

  it('when most sources agree, the odd one out carries the difference', () => {
    const name = row(
      claims({
        subject: { name: 'Kim Min-jun' },
        resume: { contact: { name: 'Minjun Kim' } },
        application: { answers: { legalName: 'Minjun Kim' } },
        documents: [{ kind: 'passport', fields: { name: '김민준' } }],
      }),
      'name',
    );
    expect(name.status).toBe('explained');
    expect(name.values.map((v) => [v.column, v.status, v.notes.length])).toEqual([
      ['resume', 'agree', 0],
      ['application', 'agree', 0],
      ['documents', 'explained', 1],
      ['record', 'agree', 0],
    ]);
    expect(name.values[2]?.notes[0]?.other).toBe('the resume, the application and the subject record');

    // Two sources against each other: no majority, both carry it.
    const tie = row(
      claims({
        employment: [
          { employer: 'Acme', start: '2019-01', source: 'resume' },
          { employer: 'Acme', start: '2021-01', source: 'application' },
        ],
      }),
      'employer',
    );
    expect(tie.values.map((v) => v.status)).toEqual(['differ', 'differ']);
  });

  it('a declared alias (married name) is explained; undeclared it differs, as consistency.identity says', () => {
    const declared: BundleOverrides = {
      subject: { name: 'Anna Kowalska', aliases: ['Anna Nowak'] },
      documents: [{ kind: 'passport', fields: { name: 'Anna Nowak' } }],
    };
    const explained = row(claims(declared), 'name');
    expect(explained.status).toBe('explained');
    expect(explained.comparisons[0]?.reason).toContain('declared alias "Anna Nowak"');
    expect(outcomeOf(identity.detect(buildBundle(declared), buildContext()))).toBe('none');

    const undeclared: BundleOverrides = {
      subject: { name: 'Anna Kowalska' },
      documents: [{ kind: 'passport', fields: { name: 'Anna Nowak' } }],
    };
    const differ = row(claims(undeclared), 'name');
    expect(differ.status).toBe('differ');
    expect(differ.values.map((v) => v.status)).toEqual(['differ', 'differ']);
    expect(differ.values[0]?.notes).toEqual([
      {
        verdict: 'differ',
        other: 'the subject record',
        reason: '"Anna Nowak" and "Anna Kowalska" differ (nowak, kowalska not in the other)',
      },
    ]);
    expect(outcomeOf(identity.detect(buildBundle(undeclared), buildContext()))).toBe('high');
  });

  it('reads the MRZ name and date of birth and compares them the way documents.mrz-mismatch does', () => {
    const table = claims({
      subject: { name: 'Anna Maria Eriksson', dateOfBirth: '1974-08-12' },
      documents: [{ kind: 'passport', mrz: SPECIMEN_MRZ }],
    });
    const name = row(table, 'name');
    expect(name.values.find((v) => v.path === 'documents[0].mrz')).toMatchObject({
      text: 'ERIKSSON ANNA MARIA',
      from: 'passport · machine-readable zone',
      status: 'agree',
    });
    expect(name.status).toBe('agree');
    expect(row(table, 'dateOfBirth').status).toBe('agree');

    const wrongDob = claims({
      subject: { name: 'Anna Maria Eriksson', dateOfBirth: '1975-08-12' },
      documents: [{ kind: 'passport', mrz: SPECIMEN_MRZ }],
    });
    const dob = row(wrongDob, 'dateOfBirth');
    expect(dob.status).toBe('differ');
    expect(dob.comparisons).toEqual([
      {
        a: 'documents[0].mrz',
        b: 'subject.dateOfBirth',
        verdict: 'differ',
        reason: '1974-08-12 vs 1975-08-12',
      },
    ]);
  });

  it('leaves out an MRZ whose check digits fail (that is documents.mrz-invalid)', () => {
    const broken = [SPECIMEN_MRZ[0] ?? '', (SPECIMEN_MRZ[1] ?? '').replace('7408122', '7408129')];
    const table = claims({ documents: [{ kind: 'passport', mrz: broken }] });
    expect(row(table, 'name').values.map((v) => v.path)).toEqual(['subject.name']);
  });

  it('a name in a script this version does not romanise is for a person to compare', () => {
    const table = claims({
      subject: { name: 'Ivan Petrov' },
      documents: [{ kind: 'passport', fields: { name: 'Иван Петров' } }],
    });
    expect(row(table, 'name').status).toBe('unclear');
  });
});

describe('buildClaims: citizenship, location, email, phone', () => {
  it('citizenship compares country codes and names; a difference says people can hold two', () => {
    const table = claims({
      application: { answers: { citizenship: 'Canada' } },
      documents: [{ kind: 'passport', fields: { nationality: 'KR' } }],
    });
    const c = row(table, 'citizenship');
    expect(c.status).toBe('differ');
    expect(c.comparisons[0]?.reason).toBe(
      'Canada vs South Korea (people can hold more than one citizenship: ask)',
    );
    const same = claims({
      application: { answers: { nationality: 'CAN' } },
      documents: [{ kind: 'passport', fields: { nationality: 'CA' } }],
    });
    expect(row(same, 'citizenship').status).toBe('agree');
  });

  it('location: another country differs, the same city agrees, another city is for a person', () => {
    const seoul = claims({ resume: { contact: { location: 'Seoul, South Korea' } } });
    const loc = row(seoul, 'location');
    expect(loc.status).toBe('differ');
    expect(loc.comparisons[0]?.reason).toBe('South Korea vs Canada');
    expect(row(claims({ resume: { contact: { location: 'Toronto, ON' } } }), 'location').status).toBe(
      'agree',
    );
    const ottawa = row(claims({ application: { answers: { location: 'Ottawa, ON' } } }), 'location');
    expect(ottawa.status).toBe('unclear');
    expect(ottawa.comparisons[0]?.reason).toBe(
      'Ottawa vs Toronto, in the same country: people move, ask which is current',
    );
  });

  it('emails are normalised (Gmail dots, +tags); two addresses in one source are not compared', () => {
    const table = claims({
      subject: { email: 'min.jun.kim@gmail.com' },
      resume: { contact: { emails: ['minjunkim+jobs@gmail.com', 'mk@example.org'] } },
    });
    const email = row(table, 'email');
    expect(email.comparisons.map((c) => [c.a, c.b, c.verdict])).toEqual([
      ['resume.contact.emails[0]', 'subject.email', 'agree'],
      ['resume.contact.emails[1]', 'subject.email', 'unclear'],
    ]);
    expect(email.status).toBe('unclear');
  });

  it('phones: the same number written twice agrees; numbers of two countries differ', () => {
    const same = claims({
      subject: { phone: '+1 416 555 0134' },
      resume: { contact: { phones: ['(416) 555-0134'] } },
    });
    expect(row(same, 'phone').status).toBe('agree');
    const abroad = row(
      claims({
        subject: { phone: '+1 416 555 0134' },
        resume: { contact: { phones: ['+82 10-1234-5678'] } },
      }),
      'phone',
    );
    expect(abroad.status).toBe('differ');
    expect(abroad.comparisons[0]?.reason).toBe(
      '+82 10 1234 5678 is a number in South Korea, +1 416 555 0134 in Canada',
    );
    expect(abroad.values[0]?.detail).toBe('South Korea number (mobile)');
  });
});

describe('buildClaims: employers and schools', () => {
  const jobs = (applicationStart: string, applicationTitle = 'Backend Developer'): BundleOverrides => ({
    employment: [
      {
        employer: 'Shopwise Inc.',
        title: 'Backend Developer',
        start: '2019-04',
        end: '2022-08',
        source: 'resume',
      },
      {
        employer: 'Shopwise',
        title: applicationTitle,
        start: applicationStart,
        end: '2022-08',
        source: 'application',
      },
    ],
  });

  it('the same employer (legal suffix aside) with dates within two months agrees', () => {
    const table = claims(jobs('2019-06'));
    const shop = row(table, 'employer');
    expect(shop.label).toBe('Shopwise Inc.');
    expect(shop.status).toBe('agree');
    expect(shop.values.map((v) => [v.column, v.text, v.detail])).toEqual([
      ['resume', 'Backend Developer, 2019-04 to 2022-08', null],
      ['application', 'Backend Developer, 2019-06 to 2022-08', 'as "Shopwise"'],
    ]);
    expect(outcomeOf(employment.detect(buildBundle(jobs('2019-06')), buildContext()))).toBe('none');
  });

  it('dates further apart or unrelated titles differ, in the words of consistency.employment', () => {
    const shop = row(claims(jobs('2020-01', 'Accountant')), 'employer');
    expect(shop.status).toBe('differ');
    expect(shop.comparisons[0]?.reason).toBe(
      'title "Backend Developer" in the resume but "Accountant" in the application, start 2019-04 in the resume but 2020-01 in the application',
    );
    expect(outcomeOf(employment.detect(buildBundle(jobs('2020-01')), buildContext()))).toBe('medium');
  });

  it('a reference at the employer: contradicts → differ, verified → agree, pending → nothing compared', () => {
    const withRef = (outcome: 'contradicts' | 'verified' | 'pending' | 'unverifiable'): BundleOverrides => ({
      employment: [{ employer: 'Initech LLC', title: 'Developer', start: '2020-01', source: 'resume' }],
      references: [
        {
          name: 'Bill Lumbergh',
          relationship: 'former manager',
          organization: 'Initech',
          outcome,
          notes: 'no record',
        },
      ],
    });
    const contradicts = row(claims(withRef('contradicts')), 'employer');
    expect(contradicts.status).toBe('differ');
    expect(contradicts.values[1]).toMatchObject({
      column: 'references',
      text: 'Bill Lumbergh (former manager): contradicts',
      detail: 'no record',
      status: 'differ',
    });
    expect(contradicts.comparisons[0]?.reason).toBe('the reference contradicts the claim ("no record")');
    const verified = row(claims(withRef('verified')), 'employer');
    expect(verified.status).toBe('agree');
    expect(verified.summary).toBe('The resume and the reference Bill Lumbergh (former manager) agree.');
    const unverifiable = row(claims(withRef('unverifiable')), 'employer');
    expect(unverifiable.status).toBe('unclear');
    expect(unverifiable.summary).toBe(
      'A person should compare these: the reference Bill Lumbergh (former manager) could not be verified.',
    );
    expect(row(claims(withRef('pending')), 'employer').status).toBe('single');
    // A reference at an organisation nobody claims adds no row.
    expect(
      claims({ references: [{ organization: 'Globex', outcome: 'verified' }] }).rows.some(
        (r) => r.field === 'employer',
      ),
    ).toBe(false);
  });

  it('schools: another degree level differs, as consistency.education says', () => {
    const overrides: BundleOverrides = {
      education: [
        { institution: 'Univ. of Toronto', degree: 'BSc Computer Science', end: '2013-06', source: 'resume' },
        {
          institution: 'University of Toronto',
          degree: 'MSc Computer Science',
          end: '2013-06',
          source: 'document',
        },
      ],
    };
    const school = row(claims(overrides), 'institution');
    expect(school.label).toBe('Univ. of Toronto');
    expect(school.status).toBe('differ');
    expect(school.values.map((v) => v.column)).toEqual(['resume', 'documents']);
    expect(school.values[0]?.text).toBe('BSc Computer Science, until 2013-06');
    expect(outcomeOf(education.detect(buildBundle(overrides), buildContext()))).toBe('medium');
  });

  it('entries without a source are the subject record’s; two stints in one source are not compared', () => {
    const table = claims({
      employment: [
        { employer: 'Acme', title: 'Developer', start: '2015-01', end: '2016-01', source: 'resume' },
        { employer: 'Acme', title: 'Developer', start: '2019-01', end: '2020-01', source: 'resume' },
        { employer: 'Acme Corp', title: 'Developer', start: '2019-02', end: '2020-01' },
      ],
    });
    const acme = row(table, 'employer');
    expect(acme.values.map((v) => v.column)).toEqual(['resume', 'resume', 'record']);
    expect(acme.comparisons.map((c) => [c.a, c.b, c.verdict])).toEqual([
      ['employment[0]', 'employment[2]', 'differ'],
      ['employment[1]', 'employment[2]', 'agree'],
    ]);
  });
});

describe('buildClaims: linked signals', () => {
  const signal = (id: string, evidence: string[], data?: Record<string, unknown>): Signal => ({
    id,
    severity: 'medium',
    explanation: `${id} fired`,
    evidence,
    sources: [],
    ...(data ? { data } : {}),
  });

  it('links a signal to the rows its evidence and fields concern, and only those', () => {
    const table = claims(
      {
        subject: { dateOfBirth: '1990-01-01' },
        documents: [{ kind: 'passport', fields: { name: 'Alex Doe', dateOfBirth: '1991-01-01' } }],
        employment: [
          { employer: 'Acme', title: 'Developer', start: '2019-01', source: 'resume' },
          { employer: 'Acme', title: 'Developer', start: '2021-01', source: 'application' },
          { employer: 'Globex', title: 'Developer', start: '2015-01', source: 'resume' },
        ],
      },
      [
        signal('consistency.identity', ['subject.dateOfBirth', 'documents[0].fields.dateOfBirth'], {
          differences: [{ field: 'date of birth' }],
        }),
        signal('consistency.employment', ['employment[0]', 'employment[1]']),
        signal('interview.camera-refusal', ['interviews[0]']),
      ],
    );
    const ids = (r: ClaimRow) => r.signals.map((s) => s.id);
    expect(ids(row(table, 'dateOfBirth'))).toEqual(['consistency.identity']);
    expect(ids(row(table, 'name'))).toEqual([]);
    expect(ids(row(table, 'employer', 'Acme'))).toEqual(['consistency.employment']);
    expect(ids(row(table, 'employer', 'Globex'))).toEqual([]);
    expect(row(table, 'employer', 'Acme').signals[0]).toEqual({
      id: 'consistency.employment',
      severity: 'medium',
      explanation: 'consistency.employment fired',
    });
  });
});

describe('buildClaims: hostile input', () => {
  it('caps values per row and stays linear past 30 values', () => {
    const documents = Array.from({ length: 5000 }, (_, i) => ({
      kind: 'passport' as const,
      fields: { name: i % 2 === 0 ? 'Alex Doe' : 'Sam Roe' },
    }));
    const table = claims({ documents });
    const name = row(table, 'name');
    expect(name.values).toHaveLength(200);
    // Each value is compared with the first (the documents come before the record) only.
    expect(name.comparisons).toHaveLength(199);
    expect(name.status).toBe('differ');
  });
});
