import { describe, expect, it } from 'vitest';
import { type Expectation, firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { compareMrzWithResume, isLatinName, mrzMismatch, namesAgree } from './mrz-mismatch.ts';
import { parseMrz } from './mrz-read.ts';

// The Canadian passport of example bundle 01 (check digits valid) and the German specimen passport.
const CAN = ['P<CANFORTIN<<ISABELLE<<<<<<<<<<<<<<<<<<<<<<<', 'GK317820<5CAN9206182F3209240<<<<<<<<<<<<<<02'];
const DEU = ['P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<', 'C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0'];
const PRINTED = {
  name: 'ISABELLE FORTIN',
  dateOfBirth: '1992-06-18',
  number: 'GK317820',
  expiry: '2032-09-24',
  nationality: 'CA',
  sex: 'F',
};
const passport = (fields: Record<string, string> = PRINTED, mrz = CAN) => ({
  kind: 'passport' as const,
  mrz,
  fields,
});
const subject = { name: 'Isabelle Fortin', dateOfBirth: '1992-06-18' };

const cases: [string, Parameters<typeof runDetector>[1], Expectation][] = [
  ['no documents: not evaluated', {}, 'not_evaluated'],
  ['no MRZ: not evaluated', { documents: [{ kind: 'passport', fields: PRINTED }] }, 'not_evaluated'],
  [
    'an MRZ with a failing check digit is left to mrz-invalid',
    { documents: [passport(PRINTED, [CAN[0]!, CAN[1]!.replace('CAN9206182', 'CAN9206183')])] },
    'not_evaluated',
  ],
  ['everything agrees: nothing', { subject, documents: [passport()] }, 'none'],
  [
    'name order and case do not matter',
    { subject: { name: 'fortin, isabelle' }, documents: [passport({ ...PRINTED, name: 'Fortin Isabelle' })] },
    'none',
  ],
  [
    'a middle name left out of the application is fine',
    {
      subject: { name: 'Isabelle Fortin' },
      documents: [passport({ ...PRINTED, name: 'Isabelle Marie Fortin' })],
    },
    'none',
  ],
  [
    'a name in another script is not compared',
    { subject: { name: 'イザベル・フォルタン', dateOfBirth: undefined }, documents: [passport()] },
    'none',
  ],
  ['printed name differs: high', { documents: [passport({ ...PRINTED, name: 'ISABELLE GAGNON' })] }, 'high'],
  ['application name differs: high', { subject: { name: 'Kyle Anderson' }, documents: [passport()] }, 'high'],
  [
    'date of birth differs: high',
    { documents: [passport({ ...PRINTED, dateOfBirth: '1992-06-19' })] },
    'high',
  ],
  [
    'application date of birth differs: high',
    { subject: { dateOfBirth: '1990-06-18' }, documents: [passport()] },
    'high',
  ],
  ['number differs: high', { documents: [passport({ ...PRINTED, number: 'GK317821' })] }, 'high'],
  [
    'number printed with a space: nothing',
    { documents: [passport({ ...PRINTED, number: 'GK 317820' })] },
    'none',
  ],
  ['expiry differs: high', { documents: [passport({ ...PRINTED, expiry: '2033-09-24' })] }, 'high'],
  ['nationality differs: high', { documents: [passport({ ...PRINTED, nationality: 'US' })] }, 'high'],
  ['sex differs: high', { documents: [passport({ ...PRINTED, sex: 'M' })] }, 'high'],
  [
    'German "D" is Germany',
    {
      subject: { name: 'Erika Mustermann', dateOfBirth: '1964-08-12' },
      documents: [passport({ name: 'Erika Mustermann', nationality: 'DE', dateOfBirth: '1964-08-12' }, DEU)],
    },
    'none',
  ],
];

describe('documents.mrz-mismatch', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    // The agreeing application unless the case says otherwise (the factory's default name is someone else).
    const withSubject = { ...bundle, subject: { ...subject, ...bundle?.subject } };
    expect(summarize(runDetector(mrzMismatch, withSubject))).toBe(expected);
  });

  it('explains each disagreement with both values and where the other comes from', () => {
    const s = firstSignal(
      runDetector(mrzMismatch, {
        subject: { name: 'Kyle Anderson' },
        documents: [passport({ ...PRINTED, dateOfBirth: '1992-06-19' })],
      }),
    );
    expect(s.explanation).toBe(
      'The machine-readable lines of the passport disagree with the application and printed fields: name is FORTIN ISABELLE in the MRZ but Kyle Anderson in the application; date of birth is 1992-06-18 in the MRZ but 1992-06-19 in printed fields.',
    );
    expect(s.evidence).toEqual(['documents[0].mrz', 'documents[0].fields', 'subject']);
  });
});

describe('documents.mrz-mismatch and the resume name', () => {
  // A Korean specimen made for this test (check digits valid): surname YI, given names MINJUN.
  const KOR = [
    'P<KORYI<<MINJUN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<',
    'M123456788KOR9403028M3301018<<<<<<<<<<<<<<08',
  ];
  const withResume = (name: string, extra: Parameters<typeof runDetector>[1] = {}) => ({
    ...extra,
    subject: { ...subject, ...extra?.subject },
    documents: extra?.documents ?? [passport()],
    resume: { contact: { name } },
  });
  const rows: [string, Parameters<typeof runDetector>[1], Expectation][] = [
    ['the same name: nothing', withResume('Isabelle Fortin'), 'none'],
    ['upper case, family name first: nothing', withResume('FORTIN, Isabelle'), 'none'],
    ['another name: high', withResume('Isabelle Gagnon'), 'high'],
    [
      'a declared married name: explained, nothing',
      withResume('Isabelle Gagnon', { subject: { aliases: ['Isabelle Gagnon'] } }),
      'none',
    ],
    ['a script not romanised: not compared', withResume('Изабель Фортен'), 'none'],
    [
      'Hangul against a romanised MRZ (Yi = Lee = 이): nothing',
      withResume('이민준', {
        subject: { name: 'Yi Min-jun', dateOfBirth: '1994-03-02' },
        documents: [{ kind: 'passport', mrz: KOR }],
      }),
      'none',
    ],
    [
      'Lee for Yi: nothing',
      withResume('Minjun Lee', {
        subject: { name: 'Yi Minjun', dateOfBirth: '1994-03-02' },
        documents: [{ kind: 'passport', mrz: KOR }],
      }),
      'none',
    ],
  ];
  it.each(rows)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(mrzMismatch, bundle))).toBe(expected);
  });

  it('compares romanisations and Hangul with the consistency name rules', () => {
    const r = parseMrz(KOR, { now: new Date('2026-06-01T00:00:00Z') });
    expect(compareMrzWithResume(r, '이민준').variant?.reason).toContain('Hangul name romanised');
    expect(compareMrzWithResume(r, 'Lee Min-jun').variant?.reason).toContain('another romanisation');
    expect(compareMrzWithResume(r, 'Park Jisung').disagreement).toEqual({
      field: 'name',
      mrz: 'YI MINJUN',
      other: 'Park Jisung',
      source: 'the resume',
    });
    expect(compareMrzWithResume(r, '박지성')).toEqual({}); // romanised, no match: a person compares it
  });

  it('names the resume as the other source and points at it', () => {
    const s = firstSignal(runDetector(mrzMismatch, withResume('Isabelle Gagnon')));
    expect(s.explanation).toBe(
      'The machine-readable lines of the passport disagree with the resume: name is FORTIN ISABELLE in the MRZ but Isabelle Gagnon in the resume.',
    );
    expect(s.evidence).toEqual(['documents[0].mrz', 'resume.contact.name']);
  });

  it('lists a declared alias on the resume as an explained variant when something else differs', () => {
    const s = firstSignal(
      runDetector(
        mrzMismatch,
        withResume('Isabelle Gagnon', {
          subject: { aliases: ['Isabelle Gagnon'] },
          documents: [passport({ ...PRINTED, number: 'GK317821' })],
        }),
      ),
    );
    expect(s.evidence).toEqual(['documents[0].mrz', 'documents[0].fields']);
    expect(s.data?.explainedVariants).toEqual([
      {
        resume: 'Isabelle Gagnon',
        mrz: 'FORTIN ISABELLE',
        reason: expect.stringContaining('declared alias'),
        document: 'documents[0]',
      },
    ]);
  });
});

describe('name comparison', () => {
  it('accepts ICAO transliterations and plain accent folding', () => {
    expect(namesAgree(['MUELLER', 'JUERGEN'], 'Jürgen Müller')).toBe(true);
    expect(namesAgree(['MULLER', 'JURGEN'], 'Jürgen Müller')).toBe(true);
    expect(namesAgree(['GROSS', 'ANNA'], 'Anna Groß')).toBe(true);
    expect(
      namesAgree(['CACADOR', 'DE', 'ARAUJO', 'ANDRE', 'ESTEVAO'], 'André Estevão Caçador de Araújo'),
    ).toBe(true);
  });

  it('is order-insensitive and joins or splits hyphenated given names', () => {
    expect(namesAgree(['KIM', 'MINJUN'], 'Kim Min-jun')).toBe(true);
    expect(namesAgree(['KIM', 'MIN', 'JUN'], 'Minjun Kim')).toBe(true);
    expect(namesAgree(['KIM', 'MIN', 'JUN'], 'Junmin Kim')).toBe(false);
    expect(namesAgree(['KIM', 'MIN', 'JUN'], 'Min-jun Kim')).toBe(true);
  });

  it('allows a truncated last word only when the MRZ name field is full', () => {
    expect(
      namesAgree(['CACADOR', 'DE', 'ARAUJO', 'ANDRE', 'ESTEV'], 'André Estevão Caçador de Araújo', true),
    ).toBe(true);
    expect(namesAgree(['SMITH', 'JO'], 'John Smith', false)).toBe(false);
  });

  it('rejects different people', () => {
    expect(namesAgree(['FORTIN', 'ISABELLE'], 'Isabelle Gagnon')).toBe(false);
  });

  it('knows which names it cannot compare', () => {
    expect(isLatinName('김민준')).toBe(false);
    expect(isLatinName('Ivan Петров')).toBe(false);
    expect(isLatinName('Zoë Ångström')).toBe(true);
  });
});
