// A trace that arrives after the link expired, on SQLite and PostgreSQL with a fixed clock: a session
// challenged before the expiry takes it for 15 more minutes (flagged `late_submission`), then answers 410 as
// any expired link; a trace that starts before its challenge or arrives long after it is flagged `timing`.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findVerificationSession } from '../../src/adapters/db/repositories/verification-sessions.repository.ts';
import { isDomainError } from '../../src/core/errors.ts';
import type { ChallengePlan, LivenessResult } from '../../src/core/liveness/types.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { createVerification } from '../../src/services/create-verification.ts';
import { expireVerifications } from '../../src/services/expire-verifications.ts';
import { getSubject } from '../../src/services/get-subject.ts';
import { issueVerificationChallenge } from '../../src/services/issue-verification-challenge.ts';
import { listSubjectAudit } from '../../src/services/read-audit.ts';
import { recordVerificationConsent } from '../../src/services/record-verification-consent.ts';
import { submitVerificationTrace } from '../../src/services/submit-verification-trace.ts';
import { dialects } from '../db.ts';
import { buildHonestSession } from '../liveness/trace-builder.ts';
import { buildBundle } from '../services/factories.ts';
import { admin, createTestApp, recruiter, T0, type TestApp } from '../services/helpers.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function expectGone(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(error.code).toBe('gone');
    return error.message;
  }
  throw new Error('expected a gone error');
}

describe.each(dialects)('late and mistimed traces (%s)', (dialect) => {
  let t: TestApp;
  let n = 0;
  const candidate = (token: string) => ({ token, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11) Test' });

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.clock.set(T0));
  afterAll(() => t.close());

  /** A sent link whose candidate consents; the challenge is issued `challengeAfterMs` after sending. */
  async function challenged(challengeAfterMs: number) {
    n += 1;
    const subjectId = `cand-late${n}`;
    await createSubject(t.app, admin, buildBundle({ id: subjectId, name: `Late Person ${n}` }));
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    await recordVerificationConsent(t.app, candidate(token));
    t.clock.advance(challengeAfterMs);
    const { plan } = await issueVerificationChallenge(t.app, candidate(token));
    return { subjectId, token, id: verification.id, expiresAt: verification.expiresAt, plan };
  }

  const traceFor = (plan: ChallengePlan) => buildHonestSession({ plan, seed: 11 }).trace;

  async function resultOf(subjectId: string): Promise<LivenessResult> {
    const s = await getSubject(t.app, admin, subjectId);
    const item = (s.bundle.verifications ?? [])[0] as { result: LivenessResult } | undefined;
    if (!item) throw new Error(`no verification on ${subjectId}`);
    return item.result;
  }

  it('accepts a trace 7 minutes after the expiry when the challenge came before it, and flags it', async () => {
    const s = await challenged(72 * HOUR - MINUTE);
    t.clock.set(new Date(Date.parse(s.expiresAt) + 7 * MINUTE));
    // The hourly run leaves a session in its grace alone.
    expect((await expireVerifications(t.app)).expired).not.toContain(s.id);
    const submitted = await submitVerificationTrace(t.app, candidate(s.token), traceFor(s.plan));
    expect(submitted.status).toBe('completed');
    const result = await resultOf(s.subjectId);
    expect(result.integrity.ok).toBe(false);
    expect(result.integrity.problems).toEqual([
      {
        code: 'late_submission',
        message: expect.stringMatching(
          /^the trace arrived 7 minutes after the link expired \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\); it was accepted because the challenge had been issued before then/,
        ),
        moments: [],
      },
    ]);
    // Every other verdict is still the trace's own.
    expect(result.challenges.every((c) => c.passed)).toBe(true);
    const entry = (await listSubjectAudit(t.app, admin, s.subjectId)).items.find(
      (e) => e.action === 'verification.completed',
    );
    expect(entry?.data).toMatchObject({ integrityOk: false, integrityProblems: ['late_submission'] });
  });

  it('refuses it (410, link expired) once the 15-minute grace is over', async () => {
    const s = await challenged(72 * HOUR - MINUTE);
    t.clock.set(new Date(Date.parse(s.expiresAt) + 15 * MINUTE));
    expect(await expectGone(submitVerificationTrace(t.app, candidate(s.token), traceFor(s.plan)))).toMatch(
      /expired/,
    );
    const row = await findVerificationSession(t.app.database.db, s.id);
    expect(row?.status).toBe('expired');
    expect(row?.traceKey).toBeNull();
  });

  it('gives no grace to a session not challenged before the expiry', async () => {
    n += 1;
    const subjectId = `cand-late${n}`;
    await createSubject(t.app, admin, buildBundle({ id: subjectId, name: `Late Person ${n}` }));
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    await recordVerificationConsent(t.app, candidate(token));
    t.clock.set(new Date(Date.parse(verification.expiresAt) + MINUTE));
    expect(await expectGone(issueVerificationChallenge(t.app, candidate(token)))).toMatch(/expired/);
    expect((await findVerificationSession(t.app.database.db, verification.id))?.status).toBe('expired');
  });

  it('the hourly run expires a challenged session once its grace is over', async () => {
    const s = await challenged(72 * HOUR - MINUTE);
    t.clock.set(new Date(Date.parse(s.expiresAt) + 16 * MINUTE));
    expect((await expireVerifications(t.app)).expired).toContain(s.id);
    await expectGone(submitVerificationTrace(t.app, candidate(s.token), traceFor(s.plan)));
  });

  it('flags a trace that says it started before the challenge was issued', async () => {
    const s = await challenged(HOUR);
    const trace = {
      ...traceFor(s.plan),
      startedAt: new Date(Date.parse(s.plan.issuedAt) - 20 * MINUTE).toISOString(),
    };
    t.clock.advance(trace.durationMs + 3000);
    await submitVerificationTrace(t.app, candidate(s.token), trace);
    const problems = (await resultOf(s.subjectId)).integrity.problems;
    expect(problems.map((p) => p.code)).toEqual(['timing']);
    expect(problems[0]?.message).toMatch(
      /^the trace says it started at .* UTC, 20 minutes before the challenge was issued \(.* UTC\): it cannot have answered this challenge/,
    );
  });

  it('flags a short trace that arrives long after its challenge', async () => {
    const s = await challenged(HOUR);
    t.clock.advance(45 * MINUTE);
    await submitVerificationTrace(t.app, candidate(s.token), traceFor(s.plan));
    const problems = (await resultOf(s.subjectId)).integrity.problems;
    expect(problems).toEqual([
      {
        code: 'timing',
        message: expect.stringMatching(
          /^the trace lasts \d+(\.\d)? s but arrived 45 minutes after the challenge was issued: the challenge was known long enough beforehand to prepare a recording$/,
        ),
        moments: [],
      },
    ]);
  });

  it('finds nothing wrong with a trace sent right after its challenge, in time', async () => {
    const s = await challenged(HOUR);
    const trace = traceFor(s.plan);
    t.clock.advance(trace.durationMs + 3000);
    await submitVerificationTrace(t.app, candidate(s.token), trace);
    expect((await resultOf(s.subjectId)).integrity).toEqual({ ok: true, problems: [] });
  });
});
