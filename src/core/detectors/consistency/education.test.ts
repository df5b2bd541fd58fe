import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import { degreeLevel, degreesDiffer, education } from './education.ts';

type Edu = NonNullable<CaseBundle['education']>[number];
const edu = (institution: string, degree: string, end: string, source: Edu['source']): Edu => ({
  institution,
  degree,
  start: `${Number(end.slice(0, 4)) - 4}${end.slice(4)}`,
  end,
  source,
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['nothing claimed: not evaluated', {}, 'not_evaluated'],
  [
    'one entry: not evaluated',
    { education: [edu('University of Toronto', 'BSc Computer Science', '2016-06', 'resume')] },
    'not_evaluated',
  ],
  [
    'same degree written differently: nothing',
    {
      education: [
        edu('University of Toronto', 'BSc Computer Science', '2016-06', 'resume'),
        edu('The Univ. of Toronto', 'Bachelor of Science in Computer Science', '2016-05', 'document'),
      ],
    },
    'none',
  ],
  [
    'master claimed, bachelor on the transcript: fires',
    {
      education: [
        edu('University of Toronto', 'MSc Computer Science', '2016-06', 'resume'),
        edu('University of Toronto', 'BSc Computer Science', '2016-06', 'document'),
      ],
    },
    'medium',
  ],
  [
    'graduation year differs: fires',
    {
      education: [
        edu('University of Toronto', 'BSc Computer Science', '2016-06', 'resume'),
        edu('University of Toronto', 'BSc Computer Science', '2019-06', 'application'),
      ],
    },
    'medium',
  ],
  [
    'two different schools: nothing',
    {
      education: [
        edu('University of Toronto', 'BSc Computer Science', '2016-06', 'resume'),
        edu('McGill University', 'MSc Computer Science', '2018-06', 'resume'),
      ],
    },
    'none',
  ],
  [
    'registrar contradicts the claim: fires',
    {
      education: [edu('University of Toronto', 'BSc Computer Science', '2016-06', 'resume')],
      references: [
        { organization: 'University of Toronto', relationship: 'registrar', outcome: 'contradicts' },
      ],
    },
    'medium',
  ],
];

describe('consistency.education', () => {
  it.each(cases)('%s', (_, overrides, expected) => {
    expect(summarize(runDetector(education, overrides))).toBe(expected);
  });

  it('says which source says what, the third party last', () => {
    const s = firstSignal(
      runDetector(education, {
        education: [
          edu('University of Toronto', 'BSc Computer Science', '2016-06', 'document'),
          edu('University of Toronto', 'MSc Computer Science', '2016-06', 'resume'),
        ],
      }),
    );
    expect(s.explanation).toBe(
      'Education details differ between sources: University of Toronto: degree "MSc Computer Science" in the resume but "BSc Computer Science" in the document.',
    );
    expect(s.evidence).toEqual(['education[1]', 'education[0]']);
  });

  it('reads degree levels and subjects', () => {
    expect(degreeLevel('B.Sc. (Hons)')).toBe('bachelor');
    expect(degreeLevel('PhD in Physics')).toBe('doctorate');
    expect(degreeLevel('MBA')).toBe('master');
    expect(degreesDiffer('BSc CS', 'Bachelor of Science, Computer Science')).toBe(false);
    expect(degreesDiffer('BA History', 'BA Economics')).toBe(true);
  });
});
