// The live face of a verification session across subjects, on SQLite and PostgreSQL: the session's face
// (median of the clean embeddings) is kept on the bundle item, links.reused-photo compares it with other
// subjects' faces, and it is deleted with the trace when the retention is over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineDistance } from '../../src/core/detectors/interview/person-changed.ts';
import type { ChallengePlan, LivenessTrace } from '../../src/core/liveness/types.ts';
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
import { admin, createTestApp, recruiter, type TestApp } from '../services/helpers.ts';

const HOUR = 3_600_000;

describe.each(dialects)('live faces across subjects (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  /** A subject who completes a verification performed by the person of `seed`. */
  async function verified(
    id: string,
    name: string,
    seed: number,
  ): Promise<{ sessionId: string; person: number[] }> {
    await createSubject(t.app, admin, buildBundle({ id, name }));
    const { token, verification } = await createVerification(t.app, recruiter, id);
    const c = { token, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11) Test' };
    await recordVerificationConsent(t.app, c);
    const { plan } = await issueVerificationChallenge(t.app, c);
    const session = buildHonestSession({ plan: plan as ChallengePlan, seed });
    await submitVerificationTrace(t.app, c, session.trace as LivenessTrace);
    return { sessionId: verification.id, person: session.person };
  }

  const item = async (id: string) =>
    ((await getSubject(t.app, admin, id)).bundle.verifications ?? [])[0] as Record<string, unknown>;
  const reused = async (id: string) =>
    (await getSubject(t.app, admin, id)).assessment?.signals.find((s) => s.id === 'links.reused-photo');

  it('keeps the live face, links two subjects with one face, and deletes it with the trace', async () => {
    const first = await verified('lf-1', 'Daniel Moreau', 11);
    const face = (await item('lf-1')).faceEmbedding as number[];
    expect(face).toHaveLength(first.person.length);
    expect(1 - cosineDistance(face, first.person)).toBeGreaterThan(0.9);
    expect(await reused('lf-1')).toBeUndefined();

    // The same person verifying under another name (another plan, the same face).
    await verified('lf-2', 'Kevin Walker', 11);
    const signal = await reused('lf-2');
    expect(signal).toMatchObject({ severity: 'high', evidence: ['verifications[0].faceEmbedding'] });
    expect(signal?.explanation).toContain('is the same face as the live face in the verification of');
    expect(signal?.explanation).toContain('Daniel Moreau (lf-1)');
    // Someone else: no link.
    await verified('lf-3', 'Maria Garcia', 23);
    expect(await reused('lf-3')).toBeUndefined();

    // Retention over: the trace goes, and the face with it (audited).
    const shift = (t.app.config.documents.retentionDays + 1) * 24 * HOUR;
    t.clock.advance(shift);
    try {
      const run = await expireVerifications(t.app);
      expect(run.tracesDeleted).toContain(first.sessionId);
      const kept = await item('lf-1');
      expect(kept).not.toHaveProperty('faceEmbedding');
      expect(kept).toMatchObject({ status: 'completed', sessionId: first.sessionId });
      const entry = (await listSubjectAudit(t.app, admin, 'lf-1')).items.find(
        (e) => e.action === 'verification.trace-deleted',
      );
      expect(entry?.data).toMatchObject({ sessionId: first.sessionId, faceEmbeddingDeleted: true });
    } finally {
      t.clock.advance(-shift);
    }
  });
});
