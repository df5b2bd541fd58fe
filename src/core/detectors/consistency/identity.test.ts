import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { identity } from './identity.ts';

const passport = (name: string, dateOfBirth?: string) => ({
  kind: 'passport' as const,
  fields: { name, ...(dateOfBirth ? { dateOfBirth } : {}) },
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['only the subject name: not evaluated', {}, 'not_evaluated'],
  [
    'Kim Min-jun / Minjun Kim / 김민준 agree',
    {
      subject: { name: 'Kim Min-jun' },
      application: { answers: { legalName: 'Minjun Kim' } },
      documents: [passport('김민준')],
    },
    'none',
  ],
  [
    'Müller / Mueller agree',
    { subject: { name: 'Jürgen Müller' }, documents: [passport('JUERGEN MUELLER')] },
    'none',
  ],
  [
    'married name declared as alias: not fired',
    { subject: { name: 'Anna Kowalska', aliases: ['Anna Nowak'] }, documents: [passport('Anna Nowak')] },
    'none',
  ],
  [
    'married name not declared: fires',
    { subject: { name: 'Anna Kowalska' }, documents: [passport('Anna Nowak')] },
    'high',
  ],
  [
    'added middle name: not fired',
    { subject: { name: 'Maria Garcia' }, documents: [passport('Maria Jose Garcia')] },
    'none',
  ],
  [
    'same date of birth: nothing',
    { subject: { dateOfBirth: '1994-03-02' }, documents: [passport('Alex Doe', '1994-03-02')] },
    'none',
  ],
  [
    'date of birth conflict: fires',
    { subject: { dateOfBirth: '1994-03-02' }, documents: [passport('Alex Doe', '1991-07-19')] },
    'high',
  ],
  [
    'unreadable script: not counted',
    { subject: { name: 'Ivan Petrov' }, documents: [passport('Иван Петров')] },
    'none',
  ],
];

describe('consistency.identity', () => {
  it.each(cases)('%s', (_, overrides, expected) => {
    expect(summarize(runDetector(identity, overrides))).toBe(expected);
  });

  it('names the differing values and sources', () => {
    const s = firstSignal(
      runDetector(identity, {
        subject: { name: 'Kim Min-jun', dateOfBirth: '1994-03-02', aliases: [] },
        documents: [passport('Park Ji-sung', '1991-07-19'), passport('Minjun Kim', '1994-03-02')],
      }),
    );
    expect(s.explanation).toBe(
      'Identity details differ between sources: name is Kim Min-jun in the subject record but Park Ji-sung in the passport; date of birth is 1994-03-02 in the subject record but 1991-07-19 in the passport.',
    );
    expect(s.evidence).toEqual([
      'subject.name',
      'documents[0].fields.name',
      'subject.dateOfBirth',
      'documents[0].fields.dateOfBirth',
    ]);
    expect(s.data?.count).toBe(2);
  });

  it('lists explained variants beside a real difference', () => {
    const s = firstSignal(
      runDetector(identity, {
        subject: { name: 'Jürgen Müller', dateOfBirth: '1980-01-01' },
        documents: [passport('Juergen Mueller', '1981-01-01')],
      }),
    );
    expect(s.data?.explainedVariants).toEqual([
      { values: ['Jürgen Müller', 'Juergen Mueller'], reason: 'accented letters written out (ü as ue)' },
    ]);
  });

  describe('the resume name', () => {
    const withResume = (name: string, subject: BundleOverrides['subject'] = {}): BundleOverrides => ({
      subject: { name: 'Kim Min-jun', ...subject },
      resume: { contact: { name } },
    });
    const rows: [string, BundleOverrides, Expectation][] = [
      ['the same name, upper case: nothing', withResume('KIM MIN-JUN'), 'none'],
      ['family name last, run together: nothing', withResume('Minjun Kim'), 'none'],
      ['in Hangul: nothing', withResume('김민준'), 'none'],
      ['Lee / Yi romanisations: nothing', withResume('Yi Min-jun', { name: 'Lee Min-jun' }), 'none'],
      [
        'a declared married name on the resume: explained, not flagged',
        withResume('Anna Nowak', { name: 'Anna Kowalska', aliases: ['Anna Nowak'] }),
        'none',
      ],
      ['another person: high', withResume('Park Ji-sung'), 'high'],
      ['a name in a script not romanised: not compared', withResume('Ким Мин Чжун'), 'none'],
    ];
    it.each(rows)('%s', (_, overrides, expected) => {
      expect(summarize(runDetector(identity, overrides))).toBe(expected);
    });

    it('is compared with the subject record, the application and the documents, and named in the evidence', () => {
      const s = firstSignal(
        runDetector(identity, {
          subject: { name: 'Kyle Anderson' },
          application: { answers: { legalName: 'Kyle Anderson' } },
          documents: [passport('KYLE ANDERSON')],
          resume: { contact: { name: 'Kevin Andersen' } },
        }),
      );
      expect(s.explanation).toBe(
        'Identity details differ between sources: name is Kyle Anderson in the subject record but Kevin Andersen in the resume.',
      );
      expect(s.evidence).toEqual(['subject.name', 'resume.contact.name']);
    });

    it('a declared alias is listed as an explained variant beside a real difference', () => {
      const s = firstSignal(
        runDetector(identity, {
          subject: { name: 'Anna Kowalska', aliases: ['Anna Nowak'], dateOfBirth: '1990-01-01' },
          resume: { contact: { name: 'Anna Nowak' } },
          documents: [passport('Anna Kowalska', '1991-01-01')],
        }),
      );
      expect(s.data?.explainedVariants).toEqual([
        { values: ['Anna Kowalska', 'Anna Nowak'], reason: expect.stringContaining('alias') },
      ]);
      expect(s.evidence).not.toContain('resume.contact.name');
    });
  });
});
