import { describe, expect, it } from 'vitest';
import { buildBundle, buildContext, firstSignal } from '../../../../test/factories.ts';
import {
  draftResume,
  personaCopy,
  type ResumeDraft,
  renderResume,
  STACKS,
  seededRandom,
} from '../../../../test/resumes/corpus.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import { duplicateResume } from './duplicate-resume.ts';

function subject(id: string, draft: ResumeDraft, extra: Partial<CaseBundle['subject']> = {}): CaseBundle {
  return buildBundle({
    subject: { id, name: draft.name, email: draft.email, ...extra },
    resume: { text: renderResume(draft) },
    employment: draft.jobs.map((j) => ({ employer: j.employer, title: j.title, source: 'resume' as const })),
  });
}

const run = (bundle: CaseBundle, population: CaseBundle[]) =>
  duplicateResume.detect(bundle, buildContext({ population }));

describe('links.duplicate-resume', () => {
  const r = seededRandom(42);
  const template = draftResume(r, STACKS[0]!);
  const copy = personaCopy(r, template);
  const original = subject('cand-1', template);
  const copied = subject('cand-2', copy);
  const stranger = subject('cand-3', draftResume(r, STACKS[0]!));
  const population = [original, copied, stranger];

  it('is not evaluated without resume text, or with too little of it', () => {
    expect(run(buildBundle({}), population).status).toBe('not_evaluated');
    const short = buildBundle({ resume: { text: 'Developer. React, Node.js. Toronto.' } });
    expect(run(short, [short, ...population])).toEqual({
      status: 'not_evaluated',
      reason: 'the resume is too short to compare with others',
    });
  });

  it('fires high on a persona copy, naming the other subject and quoting shared passages', () => {
    const s = firstSignal(run(copied, population));
    expect(s.severity).toBe('high');
    expect(s.explanation).toContain(`${template.name} (cand-1)`);
    expect(s.explanation).toMatch(/The resume is \d+% similar to/);
    const data = s.data as {
      matches: { subject: string; similarity: number; passages: { text: string; otherText: string }[] }[];
    };
    expect(data.matches.map((m) => m.subject)).toEqual(['cand-1']);
    expect(data.matches[0]!.passages.length).toBeGreaterThan(0);
    const passage = data.matches[0]!.passages[0]!;
    expect(renderResume(copy).replace(/\s+/g, ' ')).toContain(passage.text);
    expect(renderResume(template).replace(/\s+/g, ' ')).toContain(passage.otherText);
    expect(s.explanation).toContain(passage.text.slice(0, 40));
    // Both sides see it.
    expect(firstSignal(run(original, population)).explanation).toContain(`${copy.name} (cand-2)`);
  });

  it('does not fire on an independent resume of the same stack', () => {
    expect(run(stranger, population)).toEqual({ status: 'evaluated', signals: [] });
  });

  it('catches every persona copy of many templates and no independent pair', () => {
    const rr = seededRandom(7);
    const bundles: CaseBundle[] = [];
    for (let i = 0; i < 25; i++) {
      const t = draftResume(rr, STACKS[i % STACKS.length]!);
      bundles.push(subject(`t-${i}`, t), subject(`c-${i}`, personaCopy(rr, t)));
    }
    for (let i = 0; i < 40; i++) bundles.push(subject(`i-${i}`, draftResume(rr, STACKS[i % STACKS.length]!)));
    for (const b of bundles) {
      const outcome = run(b, bundles);
      const id = b.subject.id;
      if (id.startsWith('i-')) {
        expect(outcome, id).toEqual({ status: 'evaluated', signals: [] });
        continue;
      }
      const twin = id.startsWith('t-') ? `c-${id.slice(2)}` : `t-${id.slice(2)}`;
      const matches = (firstSignal(outcome).data as { matches: { subject: string }[] }).matches;
      expect(matches.map((m) => m.subject)).toEqual([twin]);
    }
  });

  it('does not count the same person re-applying under their own name', () => {
    const again = subject('cand-9', personaCopy(r, template), { name: template.name });
    expect(run(again, [original, again])).toEqual({ status: 'evaluated', signals: [] });
  });

  it('does not count declared household members, and says so', () => {
    const spouse = subject('cand-2', copy, {
      household: [{ name: template.name, relationship: 'spouse', subjectId: 'cand-1' }],
    });
    expect(run(spouse, [original, spouse])).toEqual({ status: 'evaluated', signals: [] });
    const third = subject('cand-4', personaCopy(r, template));
    const s = firstSignal(run(spouse, [original, spouse, third]));
    expect(s.explanation).toContain('declared household members');
    expect((s.data as { householdSubjects: string[] }).householdSubjects).toEqual([
      `${template.name} (cand-1)`,
    ]);
  });
});
