import { describe, expect, it } from 'vitest';
import {
  inLateTraceGrace,
  keyframesOfAttempt,
  SUBMISSION_TIMING,
  submissionTimingProblems,
} from './submission-timing.ts';

const session = { challengedAt: '2026-11-25T11:58:00.000Z', expiresAt: '2026-11-25T12:00:00.000Z' };
const trace = { startedAt: '2026-11-25T11:58:02.000Z', durationMs: 40_000 };
const at = (iso: string) => new Date(iso);
const codes = (p: { code: string }[]) => p.map((x) => x.code);

describe('inLateTraceGrace', () => {
  it('keeps a session challenged before the expiry open for the trace for 15 minutes', () => {
    expect(SUBMISSION_TIMING.lateGraceMs).toBe(15 * 60_000);
    expect(inLateTraceGrace(session, at('2026-11-25T12:14:59Z'))).toBe(true);
    expect(inLateTraceGrace(session, at('2026-11-25T12:15:00Z'))).toBe(false);
  });

  it('never for a session not challenged, or challenged only after the expiry', () => {
    expect(inLateTraceGrace({ ...session, challengedAt: null }, at('2026-11-25T12:01:00Z'))).toBe(false);
    expect(
      inLateTraceGrace({ ...session, challengedAt: '2026-11-25T12:00:00.000Z' }, at('2026-11-25T12:01:00Z')),
    ).toBe(false);
  });
});

describe('submissionTimingProblems', () => {
  it('finds nothing for a trace recorded right after the challenge and sent in time', () => {
    expect(submissionTimingProblems(session, trace, at('2026-11-25T11:58:45Z'))).toEqual([]);
  });

  it('flags a late submission with the minutes', () => {
    const p = submissionTimingProblems(
      { challengedAt: '2026-11-25T11:59:30.000Z', expiresAt: session.expiresAt },
      { startedAt: '2026-11-25T11:59:31.000Z', durationMs: 40_000 },
      at('2026-11-25T12:07:10Z'),
    );
    expect(p).toEqual([
      {
        code: 'late_submission',
        message:
          'the trace arrived 7 minutes after the link expired (2026-11-25 12:00 UTC); it was accepted because the challenge had been issued before then (2026-11-25 11:59 UTC)',
        moments: [],
      },
    ]);
  });

  it('flags a trace that starts before the challenge was issued (beyond 2 minutes of clock difference)', () => {
    const early = { ...trace, startedAt: '2026-11-25T11:50:00.000Z' };
    const p = submissionTimingProblems(session, early, at('2026-11-25T11:58:45Z'));
    expect(codes(p)).toEqual(['timing']);
    expect(p[0]?.message).toBe(
      "the trace says it started at 2026-11-25 11:50 UTC, 8 minutes before the challenge was issued (2026-11-25 11:58 UTC): it cannot have answered this challenge (or the device's clock is wrong)",
    );
    const skewed = { ...trace, startedAt: '2026-11-25T11:56:30.000Z' };
    expect(submissionTimingProblems(session, skewed, at('2026-11-25T11:58:45Z'))).toEqual([]);
  });

  it('flags a short trace arriving long after the challenge, not one a few minutes late', () => {
    expect(submissionTimingProblems(session, trace, at('2026-11-25T11:59:45Z'))).toEqual([]);
    const waited = { ...session, expiresAt: '2026-11-26T12:00:00.000Z' };
    expect(codes(submissionTimingProblems(waited, trace, at('2026-11-25T12:08:39Z')))).toEqual([]);
    const p = submissionTimingProblems(waited, trace, at('2026-11-25T12:08:41Z'));
    expect(p.map((x) => x.message)).toEqual([
      'the trace lasts 40 s but arrived 11 minutes after the challenge was issued: the challenge was known long enough beforehand to prepare a recording',
    ]);
  });
});

describe('keyframesOfAttempt', () => {
  const at = (iso: string) => ({ createdAt: iso, id: iso });
  const session = { challengedAt: '2026-11-25T10:00:00.000Z' };
  const submitted = new Date('2026-11-25T10:20:00.000Z');

  it('keeps the pictures received while this trace was recorded, and a little before', () => {
    const list = [
      at('2026-11-25T09:59:00.000Z'), // before the plan
      at('2026-11-25T10:05:00.000Z'), // an abandoned attempt
      at('2026-11-25T10:16:40.000Z'), // 3 min 20 s before a 60 s trace arrived: too early
      at('2026-11-25T10:18:10.000Z'), // within the 2-minute lead
      at('2026-11-25T10:19:30.000Z'), // during the trace
    ];
    expect(keyframesOfAttempt(list, session, { durationMs: 60_000 }, submitted).map((k) => k.id)).toEqual([
      '2026-11-25T10:18:10.000Z',
      '2026-11-25T10:19:30.000Z',
    ]);
  });

  it('never keeps a picture from before the plan was issued, however long the trace says it lasted', () => {
    const list = [at('2026-11-25T09:59:59.000Z'), at('2026-11-25T10:00:01.000Z')];
    expect(
      keyframesOfAttempt(list, session, { durationMs: 600_000 }, new Date('2026-11-25T10:05:00.000Z')).map(
        (k) => k.id,
      ),
    ).toEqual(['2026-11-25T10:00:01.000Z']);
  });
});
