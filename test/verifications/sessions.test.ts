// Verification sessions through the services, on SQLite and PostgreSQL: a recruiter sends a link, the
// candidate opens it, consents, gets the server's challenge and returns a trace; the link is then used up.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVerificationSession } from '../../src/adapters/db/repositories/verification-sessions.repository.ts';
import { isDomainError } from '../../src/core/errors.ts';
import type { ChallengePlan, LivenessResult, LivenessTrace } from '../../src/core/liveness/types.ts';
import { addEvidence } from '../../src/services/add-evidence.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { createVerification } from '../../src/services/create-verification.ts';
import { declineVerification } from '../../src/services/decline-verification.ts';
import { expireVerifications, startVerificationExpiry } from '../../src/services/expire-verifications.ts';
import { getSubject } from '../../src/services/get-subject.ts';
import { documentStore } from '../../src/services/internal/documents.ts';
import { hashVerificationToken } from '../../src/services/internal/verifications.ts';
import { issueVerificationChallenge } from '../../src/services/issue-verification-challenge.ts';
import { listVerifications } from '../../src/services/list-verifications.ts';
import { openVerification } from '../../src/services/open-verification.ts';
import { listSubjectAudit } from '../../src/services/read-audit.ts';
import { recordVerificationConsent } from '../../src/services/record-verification-consent.ts';
import { submitVerificationTrace } from '../../src/services/submit-verification-trace.ts';
import { dialects } from '../db.ts';
import { buildHonestSession, randomIdentity } from '../liveness/trace-builder.ts';
import { seededRandom } from '../random.ts';
import { buildBundle } from '../services/factories.ts';
import { admin, createTestApp, recruiter, type TestApp, viewer } from '../services/helpers.ts';

const HOUR = 3_600_000;

async function expectCode(p: Promise<unknown>, code: string): Promise<string> {
  try {
    await p;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(error.code).toBe(code);
    return error.message;
  }
  throw new Error(`expected a ${code} error`);
}

type Item = Record<string, unknown>;

describe.each(dialects)('verification sessions (%s)', (dialect) => {
  let t: TestApp;
  let n = 0;
  const candidate = (token: string) => ({ token, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11) Test' });

  async function newSubject(): Promise<string> {
    n += 1;
    const id = `cand-v${n}`;
    await createSubject(t.app, admin, buildBundle({ id, name: `Verified Person ${n}` }));
    return id;
  }

  async function items(subjectId: string): Promise<Item[]> {
    const s = await getSubject(t.app, admin, subjectId);
    return (s.bundle.verifications ?? []) as Item[];
  }

  async function signalIds(subjectId: string): Promise<string[]> {
    const s = await getSubject(t.app, admin, subjectId);
    return (s.assessment?.signals ?? []).map((x) => x.id);
  }

  function traceFor(plan: ChallengePlan): LivenessTrace {
    return buildHonestSession({ plan, seed: 11 }).trace;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('sends a single-use link, stores only the hash of its token, and lists it', async () => {
    const subjectId = await newSubject();
    const created = await createVerification(t.app, recruiter, subjectId);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.link).toBe(`${t.app.config.publicUrl}/verify/${created.token}`);
    expect(created.verification.status).toBe('sent');
    expect(Date.parse(created.verification.expiresAt) - t.clock.now().getTime()).toBe(72 * HOUR);
    const row = await findVerificationSession(t.app.database.db, created.verification.id);
    expect(row?.tokenSha256).toBe(hashVerificationToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await items(subjectId)).toEqual([
      expect.objectContaining({
        kind: 'liveness',
        sessionId: created.verification.id,
        status: 'sent',
        sentAt: created.verification.createdAt,
        expiresAt: created.verification.expiresAt,
      }),
    ]);
    const listed = await listVerifications(t.app, viewer, subjectId);
    expect(listed.verifications.map((v) => v.id)).toEqual([created.verification.id]);
    await expectCode(createVerification(t.app, viewer, subjectId), 'forbidden');
    await expectCode(createVerification(t.app, recruiter, 'no-such-subject'), 'not_found');
  });

  it('runs open → consent → challenge → trace, stores the trace encrypted, then refuses the token (gone)', async () => {
    const subjectId = await newSubject();
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    const c = candidate(token);

    const opened = await openVerification(t.app, c);
    expect(opened.status).toBe('opened');
    expect(opened.consented).toBe(false);
    // The biometric retention (Settings → Privacy), 30 days by default.
    expect(opened.consent.retentionDays).toBe(30);
    expect(opened.consent.version).toBe('liveness-consent-3');
    // Everything the page sends is named: measurements, the still pictures, the optional ID photo.
    const captured = opened.consent.captured.join('\n');
    expect(captured).toMatch(/Measurements your browser takes from each video frame/);
    expect(captured).toMatch(/One still picture from your camera during each movement/);
    expect(captured).toMatch(/photo of your identity document/);

    await expectCode(issueVerificationChallenge(t.app, c), 'invalid_transition');
    const { consent } = await recordVerificationConsent(t.app, c, { textVersion: opened.consent.version });
    expect(consent).toMatchObject({ ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11) Test' });

    const { plan } = await issueVerificationChallenge(t.app, c);
    expect(plan.sessionId).toBe(verification.id);
    expect(plan.nonce).toMatch(/^[0-9a-f]{32}$/);
    // One plan per session: asking again returns it unchanged.
    expect((await issueVerificationChallenge(t.app, c)).plan).toEqual(plan);
    expect((await openVerification(t.app, c)).plan).toEqual(plan);

    const trace = traceFor(plan);
    const submitted = await submitVerificationTrace(t.app, c, trace);
    expect(submitted.status).toBe('completed');

    const row = await findVerificationSession(t.app.database.db, verification.id);
    expect(row?.traceKey).not.toBeNull();
    const stored = await documentStore(t.app).get(row?.traceKey as string);
    const back = JSON.parse(gunzipSync(stored).toString('utf8')) as LivenessTrace;
    expect(back.nonce).toBe(plan.nonce);
    expect(back.frames.length).toBe(trace.frames.length);

    const [item] = await items(subjectId);
    expect(item).toMatchObject({
      sessionId: verification.id,
      status: 'completed',
      at: submitted.at,
      ip: '203.0.113.7',
    });
    const result = item?.result as LivenessResult;
    expect(result.sessionId).toBe(verification.id);
    expect(result.integrity).toEqual({ ok: true, problems: [] });
    expect(result.challenges.map((v) => v.stepId)).toEqual(plan.steps.map((s) => s.id));
    expect(result.challenges.every((v) => v.passed)).toBe(true);
    expect(result.virtualCamera.flagged).toBe(false);
    expect((await signalIds(subjectId)).filter((id) => id.startsWith('liveness.'))).toEqual([]);

    for (const call of [
      () => openVerification(t.app, c),
      () => recordVerificationConsent(t.app, c),
      () => issueVerificationChallenge(t.app, c),
      () => submitVerificationTrace(t.app, c, trace),
      () => declineVerification(t.app, c),
    ])
      expect(await expectCode(call(), 'gone')).toMatch(/already been used/);

    const actions = (await listSubjectAudit(t.app, admin, subjectId)).items.map((e) => e.action);
    for (const a of [
      'verification.created',
      'verification.opened',
      'verification.consented',
      'verification.challenged',
      'verification.completed',
    ])
      expect(actions).toContain(a);
    const consentEntry = (await listSubjectAudit(t.app, admin, subjectId)).items.find(
      (e) => e.action === 'verification.consented',
    );
    expect(consentEntry?.actor).toMatchObject({ kind: 'anonymous', id: `verification:${verification.id}` });
    expect(consentEntry?.data).toEqual({
      sessionId: verification.id,
      path: expect.any(String),
      textVersion: opened.consent.version,
    });
  });

  it('refuses a malformed trace, keeping the link usable', async () => {
    const subjectId = await newSubject();
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    const c = candidate(token);
    await recordVerificationConsent(t.app, c);
    await expectCode(submitVerificationTrace(t.app, c, {}), 'invalid_transition');
    const { plan } = await issueVerificationChallenge(t.app, c);
    const trace = traceFor(plan);
    const bad = { ...trace, frames: [{ t: -5, face: null, hands: [] }], durationMs: 'long' };
    try {
      await submitVerificationTrace(t.app, c, bad);
      throw new Error('accepted');
    } catch (error) {
      if (!isDomainError(error)) throw error;
      expect(error.code).toBe('validation');
      expect(error.problems?.map((p) => p.path)).toEqual(
        expect.arrayContaining(['durationMs', 'frames[0].t']),
      );
    }
    await expectCode(submitVerificationTrace(t.app, c, { ...trace, frames: 'none' }), 'validation');
    const row = await findVerificationSession(t.app.database.db, verification.id);
    expect(row?.status).toBe('challenged');
    expect(row?.traceKey).toBeNull();
  });

  it('a trace with a wrong nonce, from another session, is recorded and flagged by the analysis', async () => {
    const subjectId = await newSubject();
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    const c = candidate(token);
    await recordVerificationConsent(t.app, c);
    const { plan } = await issueVerificationChallenge(t.app, c);
    const replayed = { ...traceFor(plan), nonce: '0'.repeat(32), sessionId: 'an-older-session' };
    expect((await submitVerificationTrace(t.app, c, replayed)).status).toBe('completed');
    const [item] = await items(subjectId);
    const result = item?.result as LivenessResult;
    expect(result.sessionId).toBe(verification.id);
    expect(result.integrity.ok).toBe(false);
    expect(result.integrity.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['nonce', 'session']),
    );
    const entry = (await listSubjectAudit(t.app, admin, subjectId)).items.find(
      (e) => e.action === 'verification.completed',
    );
    expect(entry?.data).toMatchObject({ integrityOk: false });
    await expectCode(openVerification(t.app, c), 'gone');
  });

  it('a virtual camera is named in the result', async () => {
    const subjectId = await newSubject();
    const { token } = await createVerification(t.app, recruiter, subjectId);
    const c = candidate(token);
    await recordVerificationConsent(t.app, c);
    const { plan } = await issueVerificationChallenge(t.app, c);
    const trace = { ...traceFor(plan), device: { ...traceFor(plan).device, label: 'OBS Virtual Camera' } };
    await submitVerificationTrace(t.app, c, trace);
    const result = (await items(subjectId))[0]?.result as LivenessResult;
    expect(result.virtualCamera.flagged).toBe(true);
    // Re-assessed on completion: the detector reads the result written into the bundle.
    expect(await signalIds(subjectId)).toContain('liveness.virtual-camera');
  });

  it.each([
    ['matches', true],
    ['does not match', false],
  ])('the live face is compared with the passport photo on file: it %s', async (_, same) => {
    const subjectId = await newSubject();
    const { token } = await createVerification(t.app, recruiter, subjectId);
    const c = candidate(token);
    await recordVerificationConsent(t.app, c);
    const { plan } = await issueVerificationChallenge(t.app, c);
    const session = buildHonestSession({ plan, seed: 21 });
    const other = randomIdentity(seededRandom(99), session.person.length);
    await addEvidence(t.app, recruiter, subjectId, 'documents', {
      kind: 'passport',
      receivedAt: t.clock.now().toISOString(),
      faceEmbedding: same ? session.idEmbedding : other,
    });
    await submitVerificationTrace(t.app, c, session.trace);
    const result = (await items(subjectId))[0]?.result as LivenessResult;
    expect(result.faceMatch?.matched).toBe(same);
    expect((await signalIds(subjectId)).includes('liveness.face-mismatch')).toBe(!same);
  });

  it('an unknown token is not found; a token expires after the TTL (audited, bundle item expired)', async () => {
    await expectCode(openVerification(t.app, candidate('x'.repeat(43))), 'not_found');
    await expectCode(openVerification(t.app, candidate('../../etc/passwd')), 'not_found');
    const subjectId = await newSubject();
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    await openVerification(t.app, candidate(token));
    t.clock.advance(72 * HOUR + 1000);
    try {
      expect(await expectCode(openVerification(t.app, candidate(token)), 'gone')).toMatch(/expired/);
      const [item] = await items(subjectId);
      expect(item).toMatchObject({ sessionId: verification.id, status: 'expired' });
      const audit = (await listSubjectAudit(t.app, admin, subjectId)).items;
      expect(audit.filter((e) => e.action === 'verification.expired')).toHaveLength(1);
      await expectCode(recordVerificationConsent(t.app, candidate(token)), 'gone');
    } finally {
      t.clock.advance(-(72 * HOUR + 1000));
    }
  });

  it('the hourly run expires overdue sessions once; listing expires them too', async () => {
    const a = await newSubject();
    const b = await newSubject();
    const first = await createVerification(t.app, recruiter, a);
    const second = await createVerification(t.app, recruiter, b);
    t.clock.advance(73 * HOUR);
    try {
      const run = await expireVerifications(t.app);
      expect(run.expired).toEqual(expect.arrayContaining([first.verification.id]));
      expect(run.failed).toEqual([]);
      expect((await expireVerifications(t.app)).expired).toEqual([]);
      expect((await items(a))[0]).toMatchObject({ status: 'expired' });
      const listed = await listVerifications(t.app, viewer, b);
      expect(listed.verifications[0]?.id).toBe(second.verification.id);
      expect(listed.verifications[0]?.status).toBe('expired');
    } finally {
      t.clock.advance(-73 * HOUR);
    }
  });

  it('the background run expires overdue sessions as soon as it starts', async () => {
    const subjectId = await newSubject();
    const { verification } = await createVerification(t.app, recruiter, subjectId);
    t.clock.advance(80 * HOUR);
    const changed: string[] = [];
    const timer = startVerificationExpiry(t.app, { onChanged: (r) => changed.push(...r.expired) });
    try {
      await timer.idle();
      expect(changed).toContain(verification.id);
      expect((await items(subjectId))[0]).toMatchObject({ status: 'expired' });
    } finally {
      timer.stop();
      t.clock.advance(-80 * HOUR);
    }
  });

  it('a declined session ends: status declined in the bundle, audited, link gone', async () => {
    const subjectId = await newSubject();
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    await openVerification(t.app, candidate(token));
    const declined = await declineVerification(t.app, { ...candidate(token), ip: '::ffff:198.51.100.4' });
    expect(declined.status).toBe('declined');
    expect((await items(subjectId))[0]).toMatchObject({
      sessionId: verification.id,
      status: 'declined',
      ip: '198.51.100.4',
    });
    expect(await expectCode(openVerification(t.app, candidate(token)), 'gone')).toMatch(/declined/);
    expect(await signalIds(subjectId)).toContain('liveness.declined');
    const actions = (await listSubjectAudit(t.app, admin, subjectId)).items.map((e) => e.action);
    expect(actions).toContain('verification.declined');
  });

  it('deletes a stored trace once its retention is over (audited)', async () => {
    const subjectId = await newSubject();
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    await recordVerificationConsent(t.app, candidate(token));
    const { plan } = await issueVerificationChallenge(t.app, candidate(token));
    await submitVerificationTrace(t.app, candidate(token), traceFor(plan));
    const key = (await findVerificationSession(t.app.database.db, verification.id))?.traceKey as string;
    const shift = (t.app.config.documents.retentionDays + 1) * 24 * HOUR;
    t.clock.advance(shift);
    try {
      const run = await expireVerifications(t.app);
      expect(run.tracesDeleted).toContain(verification.id);
      expect(await documentStore(t.app).exists(key)).toBe(false);
      expect((await findVerificationSession(t.app.database.db, verification.id))?.traceKey).toBeNull();
      const actions = (await listSubjectAudit(t.app, admin, subjectId)).items.map((e) => e.action);
      expect(actions).toContain('verification.trace-deleted');
    } finally {
      t.clock.advance(-shift);
    }
  });
});
