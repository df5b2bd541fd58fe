import { describe, expect, it } from 'vitest';
import {
  draftResume,
  personaCopy,
  renderResume,
  STACKS,
  seededRandom,
} from '../../../test/resumes/corpus.ts';
import {
  bruteForceQuery,
  DUPLICATE_MIN_JACCARD,
  minHash,
  normalizeResume,
  ResumeLshIndex,
  resumeFeatures,
  sharedPassages,
  similarity,
} from './resume-similarity.ts';

const SKILLS =
  'JavaScript, TypeScript, React, Redux, Next.js, Node.js, Express, GraphQL, REST APIs, PostgreSQL, MongoDB, Redis, Docker, Kubernetes, AWS, Terraform, Jest, Cypress, CI/CD, Git, Agile, Scrum, Microservices, HTML, CSS, Webpack';

// Two people on the same stack: the same long skills list and the usual headings, their own sentences.
const ALICE = `Alice Martin
alice.martin@gmail.com | +1 (416) 555-0101 | Toronto, ON

SUMMARY
Full-stack developer who likes small teams and quick feedback loops.

TECHNICAL SKILLS
${SKILLS}

PROFESSIONAL EXPERIENCE
Senior Software Engineer | Harbor Analytics | Jan 2020 – Present
- Rebuilt the quoting tool that brokers use every morning, so quotes no longer time out at month end.
- Paired with support staff to find the five questions customers ask most and answered them in the product.
Software Engineer | Cobalt Labs | Mar 2016 – Dec 2019
- Wrote the first version of the warehouse scanner app for the night shift.

EDUCATION
Bachelor of Science in Computer Science, University of Toronto, 2015`;

const BOB = `Bob Okafor
bob.okafor@outlook.com | +1 (512) 555-0199 | Austin, TX

SUMMARY
Engineer focused on payments, reliability and calm incident response.

TECHNICAL SKILLS
${SKILLS}

PROFESSIONAL EXPERIENCE
Backend Engineer | Redwood Payments | Feb 2021 – Present
- Moved card settlement from nightly files to a streaming ledger that finance can reconcile every hour.
- Ran the on-call rotation and cut pages at night by writing better alerts with the team.
Developer | Nimbus Media | Jun 2017 – Jan 2021
- Kept the video catalogue in sync across three regions after a painful migration.

EDUCATION
Bachelor of Science in Computer Science, University of Texas at Austin, 2017`;

describe('normalizeResume', () => {
  it('turns names, contact details, dates, numbers and employers into placeholders', () => {
    const text =
      'Daniel Moreau\ndaniel.m@gmail.com | +1 (415) 555-0132 | https://github.com/dmoreau\nEngineer, Shopwise Inc. — Jan 2019 – Present. Cut p95 by 35% for 2,000 users; 03/2016 - 12/2018. Café.';
    expect(normalizeResume(text, { names: ['Daniel Moreau'], organizations: ['Shopwise Inc.'] })).toBe(
      '<name> <email> <phone> <url> engineer <org> inc <date> cut p95 by <num> for <num> users <date> cafe',
    );
  });

  it('keeps "may" and "march" as words when no year follows', () => {
    expect(normalizeResume('You may march on. Joined May 2020.')).toBe('you may march on joined <date>');
  });
});

describe('similarity', () => {
  it('two resumes sharing only a long skills list and the headings stay far below the threshold', () => {
    const a = resumeFeatures(ALICE, { names: ['Alice Martin'] });
    const b = resumeFeatures(BOB, { names: ['Bob Okafor'] });
    const s = similarity(a.shingles, b.shingles);
    expect(s.jaccard).toBeLessThan(DUPLICATE_MIN_JACCARD / 3);
    expect(s.shared).toBe(0);
  });

  it('a hand-edited copy (name, contact, employers, dates and two phrases changed) stays above it', () => {
    const copy = ALICE.replace('Alice Martin', 'Maria Novak')
      .replace('alice.martin@gmail.com', 'maria.novak77@proton.me')
      .replace('+1 (416) 555-0101', '+1 (303) 555-0148')
      .replace('Harbor Analytics', 'Zenith Cloud')
      .replace('Cobalt Labs', 'Quanta Retail')
      .replace('Jan 2020', 'Apr 2021')
      .replace('Mar 2016 – Dec 2019', 'Feb 2017 – Mar 2021')
      .replace('every morning', 'each day')
      .replace('the night shift', 'the evening crew');
    const a = resumeFeatures(ALICE, { names: ['Alice Martin'] });
    const b = resumeFeatures(copy, { names: ['Maria Novak'] });
    expect(similarity(a.shingles, b.shingles).jaccard).toBeGreaterThanOrEqual(DUPLICATE_MIN_JACCARD);
    const passages = sharedPassages({ text: ALICE, tokens: a.tokens }, { text: copy, tokens: b.tokens });
    expect(passages.map((p) => p.a).join('\n')).toContain(
      'Paired with support staff to find the five questions customers ask most',
    );
    for (const p of passages) expect(p.b).toBe(p.a);
    expect(passages[0]!.a.startsWith('Alice')).toBe(false);
  });

  it('generated persona copies match their template; independent resumes of one stack do not', () => {
    const r = seededRandom(11);
    const copies: number[] = [];
    const independent: number[] = [];
    for (let i = 0; i < 60; i++) {
      const stack = STACKS[i % STACKS.length]!;
      const template = draftResume(r, stack);
      const t = resumeFeatures(renderResume(template), { names: [template.name] });
      const copy = personaCopy(r, template);
      copies.push(
        similarity(t.shingles, resumeFeatures(renderResume(copy), { names: [copy.name] }).shingles).jaccard,
      );
      const other = draftResume(r, stack);
      independent.push(
        similarity(t.shingles, resumeFeatures(renderResume(other), { names: [other.name] }).shingles).jaccard,
      );
    }
    expect(Math.min(...copies)).toBeGreaterThanOrEqual(DUPLICATE_MIN_JACCARD);
    expect(Math.max(...independent)).toBeLessThan(DUPLICATE_MIN_JACCARD);
  });
});

describe('ResumeLshIndex', () => {
  it('signatures are deterministic', () => {
    const a = resumeFeatures(ALICE).shingles;
    expect(minHash(a)).toEqual(minHash(Uint32Array.from(resumeFeatures(ALICE).shingles)));
    expect(minHash(a)).not.toEqual(minHash(resumeFeatures(BOB).shingles));
  });

  it('finds what a scan of every resume finds at the threshold', () => {
    const r = seededRandom(5);
    const templates = Array.from({ length: 30 }, () => draftResume(r));
    const drafts = [
      ...templates,
      ...templates.map((t) => personaCopy(r, t)),
      ...Array.from({ length: 100 }, () => draftResume(r)),
    ];
    const index = new ResumeLshIndex(
      drafts.map((d, i) => ({ value: i, features: resumeFeatures(renderResume(d)) })),
    );
    let expected = 0;
    let got = 0;
    for (let q = 0; q < 30; q++) {
      const f = resumeFeatures(renderResume(personaCopy(r, templates[q]!)));
      const truth = bruteForceQuery(index.items, f.shingles).map((h) => h.value);
      const found = new Set(index.query(f).map((h) => h.value));
      expect(truth).toContain(q);
      expected += truth.length;
      got += truth.filter((v) => found.has(v)).length;
    }
    expect(got / expected).toBeGreaterThanOrEqual(0.95);
  });

  it('a copy with a small edit in most bullets is still found, though the edits break many 3-grams', () => {
    const r = seededRandom(21);
    const templates = Array.from({ length: 40 }, () => draftResume(r));
    const others = Array.from({ length: 200 }, () => draftResume(r));
    const index = new ResumeLshIndex(
      [...templates, ...others].map((d, i) => ({ value: i, features: resumeFeatures(renderResume(d)) })),
    );
    for (let q = 0; q < templates.length; q++) {
      const template = templates[q]!;
      // Every bullet edited at least once (a synonym swapped in), three rewritten outright.
      const bullets = template.jobs.reduce((n, j) => n + j.bullets.length, 0);
      const copy = personaCopy(r, template, { rewrites: 3, swaps: bullets * 2 });
      const f = resumeFeatures(renderResume(copy));
      const t = resumeFeatures(renderResume(template));
      const s = similarity(f.shingles, t.shingles);
      expect(s.shared).toBeLessThan(0.8 * t.shingles.length);
      expect(s.jaccard).toBeGreaterThanOrEqual(DUPLICATE_MIN_JACCARD);
      expect(index.query(f).map((h) => h.value)).toContain(q);
    }
  });

  it('resumes of one stack that share vocabulary and stock phrases are neither matched nor candidates in bulk', () => {
    const r = seededRandom(8);
    const stack = STACKS[0]!;
    const drafts = Array.from({ length: 400 }, () => draftResume(r, stack));
    const index = new ResumeLshIndex(
      drafts.map((d, i) => ({ value: i, features: resumeFeatures(renderResume(d)) })),
    );
    let candidates = 0;
    for (let q = 0; q < 40; q++) {
      const f = resumeFeatures(renderResume(draftResume(r, stack)));
      expect(bruteForceQuery(index.items, f.shingles)).toEqual([]);
      expect(index.query(f)).toEqual([]);
      candidates += index.candidates(f.shingles).length;
    }
    // Phrases in more than 5% of the resumes are left out of the signatures: few candidates to check.
    expect(candidates / 40).toBeLessThan(0.1 * drafts.length);
  });

  it('a farm large enough to make its own wording common is still found, copy by copy', () => {
    const r = seededRandom(13);
    const template = draftResume(r);
    const farm = Array.from({ length: 120 }, () => personaCopy(r, template));
    const others = Array.from({ length: 180 }, () => draftResume(r));
    const index = new ResumeLshIndex(
      [...farm, ...others].map((d, i) => ({ value: i, features: resumeFeatures(renderResume(d)) })),
    );
    // The template's phrases are in 120 of 300 resumes: above the common-phrase line.
    const t = resumeFeatures(renderResume(template)).shingles;
    const common = Array.from(t).filter((x) => index.count(x) > index.commonAbove).length;
    expect(common).toBeGreaterThan(t.length / 2);
    let expected = 0;
    let got = 0;
    for (let q = 0; q < 10; q++) {
      const f = resumeFeatures(renderResume(personaCopy(r, template)));
      const truth = bruteForceQuery(index.items, f.shingles).map((h) => h.value);
      const found = new Set(index.query(f).map((h) => h.value));
      expect(truth.length).toBeGreaterThan(100);
      expected += truth.length;
      got += truth.filter((v) => found.has(v)).length;
    }
    expect(got / expected).toBeGreaterThanOrEqual(0.95);
  });

  it('an empty resume is neither indexed nor matched', () => {
    const index = new ResumeLshIndex([{ value: 'empty', features: resumeFeatures('') }]);
    expect(index.size).toBe(0);
    expect(index.query(resumeFeatures(''))).toEqual([]);
  });
});
