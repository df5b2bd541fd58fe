import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { newProfile } from './new-profile.ts';

// The fixed clock is 2026-06-01: "recent" means created on or after 2025-12-01.
const github = (createdAt?: string) => ({
  kind: 'github',
  url: 'https://github.com/adoe-dev',
  ...(createdAt ? { createdAt } : {}),
});
const linkedin = (createdAt: string) => ({
  kind: 'linkedin',
  url: 'https://www.linkedin.com/in/adoe',
  createdAt,
});
const job = (start: string, end: string | null = null) => ({
  employer: 'Shopwise Inc.',
  title: 'Developer',
  start,
  end,
  source: 'resume' as const,
});

const b = (
  profiles: ReturnType<typeof github>[],
  employment: ReturnType<typeof job>[],
  extra: BundleOverrides = {},
): BundleOverrides => ({
  ...extra,
  subject: { profiles },
  employment,
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no profiles: not evaluated', { employment: [job('2015-01')] }, 'not_evaluated'],
  ['profile without a date: not evaluated', b([github()], [job('2015-01')]), 'not_evaluated'],
  ['no employment dates: not evaluated', b([github('2026-02-01')], []), 'not_evaluated'],
  [
    'new GitHub, 11-year career: low',
    b([github('2026-02-01')], [job('2015-01', '2020-06'), job('2020-07')]),
    'low',
  ],
  ['new GitHub by month only: low', b([github('2026-03')], [job('2015-01')]), 'low'],
  [
    'GitHub created after the assessment date counts as new: low',
    b([github('2026-07-01')], [job('2015-01')]),
    'low',
  ],
  ['new GitHub, 3-year career: nothing', b([github('2026-02-01')], [job('2023-01')]), 'none'],
  ['GitHub 8 months old: nothing', b([github('2025-10-01')], [job('2015-01')]), 'none'],
  [
    'new GitHub but LinkedIn from 2016: nothing',
    b([github('2026-02-01'), linkedin('2016-03-10')], [job('2015-01')]),
    'none',
  ],
  [
    'measured before the application: created 2 months before applying: low',
    b([github('2025-09-01')], [job('2015-01')], {
      application: { submittedAt: '2025-11-01T10:00:00-05:00' },
    }),
    'low',
  ],
  [
    'measured before the application: created a year before applying: nothing',
    b([github('2024-09-01')], [job('2015-01')], {
      application: { submittedAt: '2025-11-01T10:00:00-05:00' },
    }),
    'none',
  ],
  ['future job starts are ignored: nothing', b([github('2026-02-01')], [job('2030-01')]), 'not_evaluated'],
];

describe('contact.new-profile', () => {
  it.each(cases)('%s', (_n, bundle, expected) => {
    expect(summarize(runDetector(newProfile, bundle))).toBe(expected);
  });

  it('explains the profile, its creation date and the career', () => {
    const s = firstSignal(
      runDetector(newProfile, b([github('2026-02-01')], [job('2015-01', '2020-06'), job('2020-07')])),
    );
    expect(s.explanation).toBe(
      'The github profile was created on 2026-02-01, while the claimed career is 11 years long. ' +
        'Every dated profile was created 6 months or less before the assessment, or after it (github "https://github.com/adoe-dev" created 2026-02-01); the employment history starts in 2015-01.',
    );
    expect(s.evidence).toEqual(['subject.profiles[0]']);
    expect(s.data).toMatchObject({
      years: 11.4,
      careerStart: '2015-01-01',
      asOf: '2026-06-01',
      recentMonths: 6,
    });
  });
});
