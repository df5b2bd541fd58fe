// Each click on the interview-assist page, saved as an interview item, raises exactly the signals the
// interview detectors are meant to raise from it — run through the real bundle validation and assessment.
import { describe, expect, it } from 'vitest';
import { buildBundle, buildContext } from '../../../../test/factories.ts';
import { assessSubject } from '../../../core/assess.ts';
import { validateBundle } from '../../../core/bundle/validate.ts';
import {
  type AssistAnswers,
  type CheckId,
  emptyAnswers,
  handOcclusionResult,
  type Outcome,
  toInterviewItem,
} from './interview-assist.ts';

function answers(
  results: Partial<Record<CheckId, Outcome>>,
  extra: Partial<AssistAnswers> = {},
): AssistAnswers {
  const a = emptyAnswers('2026-01-10T10:00:00-05:00', 'Ada Admin');
  return { ...a, ...extra, results: { ...a.results, ...results } };
}

function interviewSignals(a: AssistAnswers): Record<string, string> {
  const checked = validateBundle(buildBundle({ interviews: [toInterviewItem(a) as never] }));
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const assessment = assessSubject(checked.bundle, buildContext());
  return Object.fromEntries(
    assessment.signals.filter((s) => s.id.startsWith('interview.')).map((s) => [s.id, s.severity]),
  );
}

describe('interview-assist results → signals', () => {
  const cases: [string, Partial<Record<CheckId, Outcome>>, Partial<AssistAnswers>, Record<string, string>][] =
    [
      [
        'everything passed: no interview signal',
        {
          handWave: 'passed',
          pencil: 'passed',
          profile: 'passed',
          room: 'passed',
          smallTalk: 'passed',
        },
        {},
        {},
      ],
      ['nothing done: no interview signal', {}, {}, {}],
      ['hand wave glitched', { handWave: 'failed' }, {}, { 'interview.occlusion-artifact': 'high' }],
      [
        'pencil smeared, wave passed',
        { handWave: 'passed', pencil: 'failed' },
        {},
        { 'interview.occlusion-artifact': 'high' },
      ],
      ['wave passed, pencil declined: not an artifact', { handWave: 'passed', pencil: 'refused' }, {}, {}],
      ['profile declined is not a room refusal', { profile: 'refused' }, {}, {}],
      ['profile failed is not an occlusion artifact', { profile: 'failed' }, {}, {}],
      ['virtual background', { room: 'failed' }, {}, { 'interview.environment': 'low' }],
      ['room refused', { room: 'refused' }, {}, { 'interview.environment': 'low' }],
      ['small talk failed', { smallTalk: 'failed' }, {}, { 'interview.location-knowledge': 'medium' }],
      ['small talk avoided', { smallTalk: 'refused' }, {}, { 'interview.location-knowledge': 'medium' }],
      [
        'camera off',
        {},
        { cameraOn: false, excuse: 'webcam broken' },
        { 'interview.camera-refusal': 'medium' },
      ],
      ['moved to phone', {}, { actualMode: 'phone' }, { 'interview.camera-refusal': 'medium' }],
    ];
  it.each(cases)('%s', (_name, results, extra, expected) => {
    expect(interviewSignals(answers(results, extra))).toEqual(expected);
  });

  it('a note on a passed check that mentions a glitch does not turn it into an artifact', () => {
    const a = answers(
      { handWave: 'passed' },
      { notes: { handWave: 'no glitch at all when the hand covered the face' } },
    );
    expect(interviewSignals(a)).toEqual({});
  });
});

describe('toInterviewItem', () => {
  it('writes the fields the detectors read, the observations and who and when', () => {
    const item = toInterviewItem(
      answers(
        { handWave: 'failed', smallTalk: 'passed', room: 'refused' },
        {
          notes: { handWave: '  the left eye  slid over my fingers ' },
          platform: 'teams',
          note: 'Started 5 minutes late.',
        },
      ),
    );
    expect(item).toMatchObject({
      at: '2026-01-10T10:00:00-05:00',
      plannedMode: 'video',
      actualMode: 'video',
      status: 'held',
      cameraOn: true,
      interviewer: 'Ada Admin',
      platform: 'teams',
      checks: { handOcclusion: 'artifact', locationSmallTalk: 'passed', environment: 'refused_room' },
    });
    expect(item.observations).toEqual([
      expect.stringMatching(/^Hand wave .*artifact\)\. Note: the left eye slid over my fingers$/),
      expect.stringMatching(/^The candidate refused to show the room/),
      expect.stringMatching(/^Small talk .*answered naturally/),
      'Started 5 minutes late.',
    ]);
    expect(item).not.toHaveProperty('excuse');
  });

  it('combines the wave and the pencil: artifact, then refusal, then pass', () => {
    expect(handOcclusionResult('passed', 'failed')).toBe('artifact');
    expect(handOcclusionResult('refused', 'passed')).toBe('refused');
    expect(handOcclusionResult('not_done', 'passed')).toBe('passed');
    expect(handOcclusionResult('not_done', 'not_done')).toBe('not_done');
  });
});
