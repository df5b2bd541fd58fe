// A candidate who reloads the page gets the same plan; one who comes back after a long break gets a fresh
// plan, so their honest trace is not flagged as prepared in advance (`timing`). SQLite and PostgreSQL, fixed
// clock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findVerificationSession } from '../../src/adapters/db/repositories/verification-sessions.repository.ts';
import type { LivenessResult } from '../../src/core/liveness/types.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { createVerification } from '../../src/services/create-verification.ts';
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

describe.each(dialects)('challenge plans on a reload (%s)', (dialect) => {
  let t: TestApp;
  let n = 0;
  const candidate = (token: string) => ({ token, ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (X11) Test' });

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.clock.set(T0));
  afterAll(() => t.close());

  async function consented() {
    n += 1;
    const subjectId = `cand-reload${n}`;
    await createSubject(t.app, admin, buildBundle({ id: subjectId, name: `Reload Person ${n}` }));
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    await recordVerificationConsent(t.app, candidate(token));
    return { subjectId, token, id: verification.id };
  }

  it('answers the same plan to a reload within ten minutes', async () => {
    const s = await consented();
    const { plan } = await issueVerificationChallenge(t.app, candidate(s.token));
    t.clock.advance(9 * MINUTE);
    const again = await issueVerificationChallenge(t.app, candidate(s.token));
    expect(again.plan).toEqual(plan);
  });

  it('issues a fresh plan after a longer break, and the trace answering it is on time', async () => {
    const s = await consented();
    const first = (await issueVerificationChallenge(t.app, candidate(s.token))).plan;
    t.clock.advance(40 * MINUTE);
    const second = (await issueVerificationChallenge(t.app, candidate(s.token))).plan;
    expect(second.nonce).not.toBe(first.nonce);
    expect(Date.parse(second.issuedAt)).toBe(t.clock.now().getTime());
    const row = await findVerificationSession(t.app.database.db, s.id);
    expect(row?.challengedAt).toBe(second.issuedAt);

    const trace = buildHonestSession({ plan: second, seed: 5 }).trace;
    t.clock.advance(trace.durationMs + 3000);
    await submitVerificationTrace(t.app, candidate(s.token), trace);
    const item = (await getSubject(t.app, admin, s.subjectId)).bundle.verifications?.[0] as {
      result: LivenessResult;
    };
    expect(item.result.integrity).toEqual({ ok: true, problems: [] });

    const audit = (await listSubjectAudit(t.app, admin, s.subjectId)).items.filter(
      (e) => e.action === 'verification.challenged',
    );
    expect(audit.map((e) => e.data?.reissued).sort()).toEqual([false, true]);
  });

  it('still flags a trace that answers the old plan after the break (its nonce is no longer the one issued)', async () => {
    const s = await consented();
    const first = (await issueVerificationChallenge(t.app, candidate(s.token))).plan;
    t.clock.advance(40 * MINUTE);
    await issueVerificationChallenge(t.app, candidate(s.token));
    const stale = buildHonestSession({ plan: first, seed: 6 }).trace;
    t.clock.advance(stale.durationMs + 3000);
    await submitVerificationTrace(t.app, candidate(s.token), stale);
    const item = (await getSubject(t.app, admin, s.subjectId)).bundle.verifications?.[0] as {
      result: LivenessResult;
    };
    expect(item.result.integrity.problems.map((p) => p.code)).toContain('nonce');
  });
});
