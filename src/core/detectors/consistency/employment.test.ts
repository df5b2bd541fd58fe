import { describe, expect, it } from 'vitest';
import { type Expectation, firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import { employment, normalizeOrganisation, titlesDiffer } from './employment.ts';

type Job = NonNullable<CaseBundle['employment']>[number];
const job = (
  employer: string,
  start: string,
  end: string | null,
  source: Job['source'],
  title = 'Software Engineer',
): Job => ({
  employer,
  title,
  start,
  end,
  source,
});

const cases: [string, Job[] | undefined, Expectation][] = [
  ['no history: not evaluated', undefined, 'not_evaluated'],
  ['one job: not evaluated', [job('Acme', '2020-01', '2022-01', 'resume')], 'not_evaluated'],
  [
    'same employer, suffix and case differ, dates within two months: nothing',
    [
      job('Acme, Inc.', '2020-01', '2022-06', 'resume'),
      job('ACME Inc', '2020-03', '2022-05', 'application', 'Sr. Software Eng'),
    ],
    'none',
  ],
  [
    'same employer, start a year apart: fires',
    [
      job('Acme Corp', '2019-01', '2022-06', 'resume'),
      job('Acme Corporation', '2020-02', '2022-06', 'reference'),
    ],
    'medium',
  ],
  [
    'same employer, unrelated title: fires',
    [
      job('Acme', '2020-01', '2022-06', 'resume'),
      job('Acme', '2020-01', '2022-06', 'reference', 'Accountant'),
    ],
    'medium',
  ],
  [
    'consecutive jobs with a short hand-over: nothing',
    [job('Acme', '2018-01', '2020-03', 'resume'), job('Globex', '2020-01', null, 'resume')],
    'none',
  ],
  [
    'two full-time jobs overlapping a year: fires',
    [job('Acme', '2018-01', '2021-01', 'resume'), job('Globex', '2020-01', null, 'resume')],
    'medium',
  ],
  [
    'overlap with a freelance job: nothing',
    [
      job('Acme', '2018-01', '2021-01', 'resume'),
      job('Self', '2019-01', null, 'resume', 'Freelance developer'),
    ],
    'none',
  ],
];

describe('consistency.employment', () => {
  it.each(cases)('%s', (_, jobs, expected) => {
    expect(summarize(runDetector(employment, jobs ? { employment: jobs } : {}))).toBe(expected);
  });

  it('names employer, sources and values for a date conflict', () => {
    const s = firstSignal(
      runDetector(employment, {
        employment: [
          job('Acme Corp', '2019-01', '2022-06', 'resume'),
          job('Acme Corporation', '2020-02', '2021-01', 'reference'),
        ],
      }),
    );
    expect(s.explanation).toBe(
      'Work history differs between sources: Acme Corp: start 2019-01 in the resume but 2020-02 in the reference, end 2022-06 in the resume but 2021-01 in the reference.',
    );
    expect(s.evidence).toEqual(['employment[0]', 'employment[1]']);
  });

  it('explains an overlap', () => {
    const s = firstSignal(
      runDetector(employment, {
        employment: [job('Acme', '2018-01', '2021-01', 'resume'), job('Globex', '2020-01', null, 'resume')],
      }),
    );
    expect(s.explanation).toContain(
      'Acme (2018-01 to 2021-01, resume) and Globex (2020-01 to present, resume) overlap by 12 months',
    );
  });

  it('normalises organisation names and titles', () => {
    expect(normalizeOrganisation('The Acme Company, LLC.')).toBe('acme');
    expect(normalizeOrganisation('Müller & Söhne GmbH')).toBe('muller and sohne');
    expect(titlesDiffer('Sr. Backend Dev', 'Backend Developer')).toBe(false);
    expect(titlesDiffer('Backend Developer', 'Accountant')).toBe(true);
  });
});
