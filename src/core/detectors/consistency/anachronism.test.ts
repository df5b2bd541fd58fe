import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import { anachronism, technologiesInList, technologiesInText, yearsClaims } from './anachronism.ts';
import { TECHNOLOGIES } from './technologies.ts';

type Job = NonNullable<CaseBundle['employment']>[number] & Record<string, unknown>;
const job = (over: Partial<Job>): BundleOverrides => ({
  employment: [{ employer: 'Shopwise Inc.', title: 'Developer', source: 'resume', ...over }],
});
const resume = (text: string): BundleOverrides => ({ resume: { text } });
const at = (iso: string) => ({ now: new Date(iso) });

const cases: [string, BundleOverrides, Expectation, ReturnType<typeof at>?][] = [
  ['no employment and no resume text: not evaluated', {}, 'not_evaluated'],
  ['blank resume text only: not evaluated', resume('   '), 'not_evaluated'],
  [
    'React at a job ending 2011: medium',
    job({ start: '2009-01', end: '2011-12', technologies: ['React'] }),
    'medium',
  ],
  [
    'React in the description of a job ending 2011: medium',
    job({ start: '2009-01', end: '2011-12', description: 'Built the checkout UI in React and Node.js.' }),
    'medium',
  ],
  [
    'React in a 2015–2019 job: nothing',
    job({ start: '2015-03', end: '2019-08', technologies: ['React'] }),
    'none',
  ],
  [
    'React in a job ending 2013, the release year: nothing',
    job({ start: '2010', end: '2013-02', technologies: 'React' }),
    'none',
  ],
  [
    'React in a job ending 2012, the year before: medium',
    job({ start: '2010', end: '2012-12', technologies: 'React' }),
    'medium',
  ],
  [
    'Kubernetes at a job still running since 2008: nothing',
    job({ start: '2008-01', end: null, technologies: ['Kubernetes'] }),
    'none',
  ],
  [
    'no end given, Kubernetes a year after the start: nothing',
    job({ start: '2013-05', technologies: ['Kubernetes'] }),
    'none',
  ],
  [
    'no end given, Kubernetes six years after the start: medium',
    job({ start: '2008-05', technologies: ['k8s'] }),
    'medium',
  ],
  ['no dates at all: nothing', job({ technologies: ['ChatGPT'] }), 'none'],
  [
    'Go as an English word in a 2005 job: nothing',
    job({ start: '2003', end: '2005', description: 'Led the go-live and the Go/No-Go meetings. Go team!' }),
    'none',
  ],
  [
    'Go in the technologies list of a 2005 job: medium',
    job({ start: '2003', end: '2005', technologies: ['Go', 'C'] }),
    'medium',
  ],
  [
    'Golang in the description of a 2005 job: medium',
    job({ start: '2003', end: '2005', description: 'Golang services' }),
    'medium',
  ],
  [
    'SWIFT banking messages in a 2010 job: nothing',
    job({ start: '2008', end: '2010', description: 'Ran Swift MT103 payments for the bank.' }),
    'none',
  ],
  [
    'a dock worker in 2010: nothing',
    job({
      start: '2008',
      end: '2010',
      title: 'Docker',
      description: 'Worked as a docker at the Port of Rotterdam.',
    }),
    'none',
  ],
  [
    'Docker-based backend in a 2010 job: medium',
    job({ start: '2008', end: '2010', description: 'Docker-based backend' }),
    'medium',
  ],
  [
    'Docker with Python in a 2010 job: medium',
    job({ start: '2008', end: '2010', description: 'Shipped Python services in Docker.' }),
    'medium',
  ],
  [
    'rust the word in a 2010 job: nothing',
    job({ start: '2008', end: '2010', description: 'Removed Rust and paint from hulls.' }),
    'none',
  ],
  [
    '12 years of Kubernetes in early 2026: medium',
    resume('12 years of Kubernetes.'),
    'medium',
    at('2026-02-01T00:00:00Z'),
  ],
  [
    '12 years of Kubernetes in June 2026, exactly possible: nothing',
    resume('12 years of Kubernetes.'),
    'none',
  ],
  ['10+ years of Kubernetes: nothing', resume('10+ years of Kubernetes and Docker.'), 'none'],
  ['5 years of Rust in 2026: nothing', resume('5 years of Rust programming.'), 'none'],
  ['8 years experience with React: nothing', resume('8 years experience with React'), 'none'],
  [
    '15 years of experience with ChatGPT: medium',
    resume('Over 15 years of experience with ChatGPT'),
    'medium',
  ],
  [
    'skills line "LangChain (6 years)": medium',
    resume('Skills: Python (10 years), LangChain (6 years)'),
    'medium',
  ],
  [
    'total experience, not per technology: nothing',
    resume('React developer with 20 years of experience.'),
    'none',
  ],
  ['hedged "nearly": nothing', resume('nearly 14 years of Kubernetes'), 'none'],
  [
    'parsed resume technologies with years: medium',
    {
      resume: {
        technologies: [
          { name: 'Terraform', years: 13 },
          { name: 'Go', years: 12 },
        ],
      },
    },
    'medium',
  ],
  [
    'parsed resume technologies within their age: nothing',
    {
      resume: {
        technologies: [
          { name: 'Terraform', years: 11 },
          { name: 'Cobbler', years: 30 },
        ],
      },
    },
    'none',
  ],
];

describe('consistency.anachronism', () => {
  it.each(cases)('%s', (_name, bundle, expected, ctx) => {
    expect(summarize(runDetector(anachronism, bundle, ctx))).toBe(expected);
  });

  it('explains the job, the technology, its release and the source', () => {
    const s = firstSignal(
      runDetector(
        anachronism,
        job({ start: '2009-01', end: '2011-12', technologies: ['ReactJS', 'jQuery'] }),
      ),
    );
    expect(s.severity).toBe('medium');
    expect(s.evidence).toEqual(['employment[0].technologies']);
    expect(s.explanation).toBe(
      'The history claims something that did not exist yet: React was first released in May 2013 (https://en.wikipedia.org/wiki/React_(software)), but the job at Shopwise Inc. (2009-01 to 2011-12) lists "ReactJS".',
    );
    expect(s.data).toEqual({
      findings: [
        {
          path: 'employment[0].technologies',
          technology: 'React',
          released: '2013-05',
          source: 'https://en.wikipedia.org/wiki/React_(software)',
          employer: 'Shopwise Inc.',
          start: '2009-01',
          end: '2011-12',
          mentioned: 'ReactJS',
        },
      ],
    });
  });

  it('explains a years claim with the most that was possible', () => {
    const s = firstSignal(
      runDetector(anachronism, resume('Summary: 12 years of Kubernetes.'), at('2026-02-01T00:00:00Z')),
    );
    expect(s.evidence).toEqual(['resume.text']);
    expect(s.explanation).toBe(
      'The history claims something that did not exist yet: the resume claims "12 years of Kubernetes", but Kubernetes was first released in June 2014 (https://en.wikipedia.org/wiki/Kubernetes): at most 11.6 years by 2026-02-01.',
    );
    expect(s.data).toMatchObject({
      findings: [{ technology: 'Kubernetes', claimedYears: 12, possibleYears: 11.6 }],
    });
  });

  it('names the version a date is for and lists every finding', () => {
    const out = runDetector(anachronism, {
      employment: [
        { employer: 'A', start: '2010', end: '2013', technologies: ['Rust', 'Swift'] },
        {
          employer: 'B',
          start: '2014',
          end: '2015-06',
          description: 'Migrated the Angular 2 frontend to Vue.js',
        },
      ],
    });
    const s = firstSignal(out);
    expect(s.evidence).toEqual(['employment[0].technologies', 'employment[1].description']);
    expect(((s.data?.findings ?? []) as { technology: string }[]).map((f) => f.technology)).toEqual([
      'Rust',
      'Swift',
      'Angular 2+',
    ]);
    expect(s.explanation).toContain('Rust (Rust 1.0) was first released in May 2015');
  });

  it('matches whole words, case and context aware', () => {
    const names = (text: string) => technologiesInText(text).map((m) => m.tech.name);
    expect(names('ASP.NET and .NET Core APIs; C# and C++ code; Vue.js, Next.js, k8s, Golang')).toEqual([
      'ASP.NET',
      '.NET Core',
      'C#',
      'C++',
      'Vue.js',
      'Next.js',
      'Kubernetes',
      'Go',
    ]);
    expect(names('Wrote iOS apps in Swift and Objective-C.')).toEqual(['iOS', 'Swift', 'Objective-C']);
    expect(names('We react quickly. Let go of it. Spring in the park.')).toEqual([]);
    expect(names('reactive programming and nodejs')).toEqual(['Node.js']);
    expect(names('aws and php in lower case')).toEqual([]);
    expect(
      technologiesInList(['Go 1.20', 'React 16', 'Docker / Kubernetes', 'golang']).map((m) => m.tech.name),
    ).toEqual(['Go', 'React', 'Docker', 'Kubernetes', 'Go']);
  });

  it('reads "N years of X" claims only right after the phrase', () => {
    const claims = (text: string) => yearsClaims(text).map((c) => [c.tech.name, c.years]);
    expect(claims('10+ years of Kubernetes and Docker; five years’ hands-on experience in Rust')).toEqual([
      ['Kubernetes', 10],
      ['Docker', 10],
      ['Rust', 5],
    ]);
    expect(claims('Kubernetes (12 years), React: 8+ years')).toEqual([
      ['Kubernetes', 12],
      ['React', 8],
    ]);
    expect(claims('5 years of experience, including React. 3 years ago I learned React.')).toEqual([]);
    expect(claims('10 years of SWIFT payments; 10 years of Swift payments')).toEqual([]);
  });

  it('survives hostile input', () => {
    const long = `${'React '.repeat(50_000)}12 years of Kubernetes`;
    expect(summarize(runDetector(anachronism, resume(long)))).toBe('none');
    expect(
      summarize(
        runDetector(anachronism, job({ start: '2009', end: '2010', technologies: 'x'.repeat(100_000) })),
      ),
    ).toBe('none');
  });
});

describe('technology table', () => {
  it('has at least 150 dated rows, each with a source', () => {
    expect(TECHNOLOGIES.length).toBeGreaterThanOrEqual(150);
    for (const t of TECHNOLOGIES) {
      expect(Number.isInteger(t.year) && t.year >= 1950 && t.year <= 2026, `${t.name} year`).toBe(true);
      if (t.month !== undefined) expect(t.month >= 1 && t.month <= 12, `${t.name} month`).toBe(true);
      expect(t.source, t.name).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S+$/);
    }
  });

  it('has unique names and aliases', () => {
    const seen = new Map<string, string>();
    for (const t of TECHNOLOGIES) {
      const terms = [t.name, ...(t.aliases ?? []), ...(t.ambiguous ?? []), ...(t.listOnly ?? [])];
      for (const key of new Set(terms.map((term) => term.toLowerCase()))) {
        const term = key;
        expect(seen.get(key), `${term} in ${t.name}`).toBeUndefined();
        seen.set(key, t.name);
      }
    }
  });

  it('dates the well-known ones as documented', () => {
    const year = (name: string) => TECHNOLOGIES.find((t) => t.name === name)?.year;
    expect([
      year('React'),
      year('Kubernetes'),
      year('Go'),
      year('Rust'),
      year('Deno'),
      year('ChatGPT'),
    ]).toEqual([2013, 2014, 2009, 2015, 2020, 2022]);
  });
});
