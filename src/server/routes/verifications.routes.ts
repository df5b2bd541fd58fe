// Live verification sessions. Recruiters send a subject a single-use, expiring link and list the sessions;
// the candidate's routes (/verify/{token}) are public and authenticated only by the link's token: 404 for an
// unknown token, 410 once the session is completed, declined or expired. They are rate-limited per address
// and their bodies bounded (the trace up to GATECHECK_MAX_BUNDLE_BYTES).
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../../core/errors.ts';
import type { AppContext } from '../../services/context.ts';
import { createVerification } from '../../services/create-verification.ts';
import { declineVerification } from '../../services/decline-verification.ts';
import type { CandidateRequest } from '../../services/internal/verifications.ts';
import { issueVerificationChallenge } from '../../services/issue-verification-challenge.ts';
import { listVerifications } from '../../services/list-verifications.ts';
import { openVerification } from '../../services/open-verification.ts';
import { readVerificationTrace } from '../../services/read-verification-trace.ts';
import { recordVerificationConsent } from '../../services/record-verification-consent.ts';
import { submitVerificationTrace } from '../../services/submit-verification-trace.ts';
import type { BodySize } from '../middleware/body-limit.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp, type ServerEnv } from '../types.ts';
import { IdParamSchema } from './common.schemas.ts';
import {
  CandidateVerificationSchema,
  ChallengeIssuedSchema,
  ConsentBodySchema,
  ConsentRecordedSchema,
  DeclinedSchema,
  TraceBodySchema,
  TraceSeriesQuerySchema,
  TraceSubmittedSchema,
  VerificationCreatedSchema,
  VerificationListSchema,
  VerificationSessionParamSchema,
  VerificationTokenParamSchema,
  VerificationTraceSeriesSchema,
} from './verifications.schemas.ts';

const tags = ['Verifications'];

/** Candidate requests per address per minute, over all verification links. */
export const CANDIDATE_REQUESTS_PER_MINUTE = 120;
const WINDOW_MS = 60_000;

type Window = { start: number; count: number };
const windows = new WeakMap<AppContext, Map<string, Window>>();

/** A fixed one-minute window per connecting address; 429 with Retry-After past the limit. */
function limitCandidate(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const ctx = c.var.ctx;
    let byIp = windows.get(ctx);
    if (byIp === undefined) {
      byIp = new Map();
      windows.set(ctx, byIp);
    }
    const now = ctx.clock.now().getTime();
    if (byIp.size > 10_000) for (const [ip, w] of byIp) if (now - w.start >= WINDOW_MS) byIp.delete(ip);
    const ip = c.var.clientIp;
    const w = byIp.get(ip);
    if (w === undefined || now - w.start >= WINDOW_MS || now < w.start)
      byIp.set(ip, { start: now, count: 1 });
    else if (++w.count > CANDIDATE_REQUESTS_PER_MINUTE)
      throw new DomainError(
        'rate_limited',
        'Too many requests from this address; wait a minute and try again.',
        undefined,
        {
          retryAfterSeconds: Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)),
        },
      );
    return next();
  };
}

const CANDIDATE_AUTH =
  'Public: authenticated only by the token of the verification link (404 unknown, 410 used up, declined or expired). Rate-limited per address.';

export function candidateAccess(description: string, body: BodySize = 'small') {
  const base = access('public', { body, description: `${description}\n\n${CANDIDATE_AUTH}` });
  return { ...base, middleware: [limitCandidate(), ...base.middleware] };
}

const create = createRoute({
  ...access('subjects:write', {
    description:
      'Creates a single-use link `<GATECHECK_PUBLIC_URL>/verify/<token>` valid GATECHECK_VERIFICATION_TTL_HOURS (default 72). The token is returned once; only its sha256 is stored. The bundle gets a `verifications[]` item `{kind: liveness, sessionId, status: sent, sentAt, expiresAt}`. Audited (verification.created).',
  }),
  method: 'post',
  path: '/subjects/{id}/verifications',
  tags,
  summary: 'Send a subject a live verification link',
  request: { params: IdParamSchema },
  responses: { 201: jsonResponse(VerificationCreatedSchema, 'The session and its link (shown once)') },
});

const list = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/verifications',
  tags,
  summary: "A subject's verification sessions, newest first (overdue ones are expired first)",
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(VerificationListSchema, 'The sessions') },
});

const traceSeries = createRoute({
  ...access('subjects:read', {
    description:
      'The session over time from its stored trace: head yaw/pitch, face score and hand count, reduced to at most `points` points (pose averaged, lowest face score and most hands kept per bucket), with the step windows. 404 before the candidate finished or once retention deleted the trace. Audited (verification.trace-viewed).',
  }),
  method: 'get',
  path: '/subjects/{id}/verifications/{sessionId}/trace',
  tags,
  summary: 'A completed session over time (for the chart)',
  request: { params: VerificationSessionParamSchema, query: TraceSeriesQuerySchema },
  responses: { 200: jsonResponse(VerificationTraceSeriesSchema, 'The series') },
});

const open = createRoute({
  ...candidateAccess(
    'What the verification captures, why, how long it is kept and who sees it (the consent text), and where the session stands. The first opening is recorded with the connecting address.',
  ),
  method: 'get',
  path: '/verify/{token}',
  tags,
  summary: 'Candidate: open a verification link',
  request: { params: VerificationTokenParamSchema },
  responses: { 200: jsonResponse(CandidateVerificationSchema, 'The session as the candidate sees it') },
});

const consent = createRoute({
  ...candidateAccess(
    'Records consent: time, connecting address, browser and the consent text version (audited verification.consented). Consenting again returns the recorded consent.',
  ),
  method: 'post',
  path: '/verify/{token}/consent',
  tags,
  summary: 'Candidate: consent to the verification',
  request: {
    params: VerificationTokenParamSchema,
    body: { ...jsonBody(ConsentBodySchema), required: false },
  },
  responses: { 200: jsonResponse(ConsentRecordedSchema, 'The recorded consent') },
});

const challenge = createRoute({
  ...candidateAccess(
    'Issues the challenge plan (random order and windows, an unpredictable nonce); one plan per session, asking again returns it. 409 before consent.',
  ),
  method: 'post',
  path: '/verify/{token}/challenge',
  tags,
  summary: 'Candidate: get the challenge',
  request: { params: VerificationTokenParamSchema },
  responses: { 200: jsonResponse(ChallengeIssuedSchema, 'The plan to perform') },
});

const trace = createRoute({
  ...candidateAccess(
    'Returns the per-frame trace (no video). Validated (422 lists the problems), stored compressed and encrypted, analysed by the server from the trace itself; the result goes into the bundle item and the link stops working. 409 before the challenge.',
    'bundle',
  ),
  method: 'post',
  path: '/verify/{token}/trace',
  tags,
  summary: 'Candidate: submit the verification trace',
  request: { params: VerificationTokenParamSchema, body: jsonBody(TraceBodySchema) },
  responses: { 200: jsonResponse(TraceSubmittedSchema, 'Stored and analysed') },
});

const decline = createRoute({
  ...candidateAccess('Declines the verification: the session ends (audited verification.declined).'),
  method: 'post',
  path: '/verify/{token}/decline',
  tags,
  summary: 'Candidate: decline the verification',
  request: { params: VerificationTokenParamSchema },
  responses: { 200: jsonResponse(DeclinedSchema, 'Declined') },
});

export function candidate(
  c: {
    req: { header(name: string): string | undefined };
    var: { clientIp: string };
  },
  token: string,
): CandidateRequest {
  return { token, ip: c.var.clientIp, userAgent: c.req.header('user-agent') ?? '' };
}

export function registerVerificationRoutes(api: ServerApp): void {
  api.openapi(create, async (c) =>
    c.json(await createVerification(c.var.ctx, actorOf(c), c.req.valid('param').id), 201),
  );
  api.openapi(list, async (c) =>
    c.json(await listVerifications(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
  api.openapi(traceSeries, async (c) => {
    const { id, sessionId } = c.req.valid('param');
    const { points } = c.req.valid('query');
    return c.json(await readVerificationTrace(c.var.ctx, actorOf(c), id, sessionId, points), 200);
  });
  api.openapi(open, async (c) => {
    const view = await openVerification(c.var.ctx, candidate(c, c.req.valid('param').token));
    return c.json(view, 200, { 'cache-control': 'no-store' });
  });
  api.openapi(consent, async (c) => {
    const body = (c.req.valid('json') as { textVersion?: string } | undefined) ?? {};
    const recorded = await recordVerificationConsent(c.var.ctx, candidate(c, c.req.valid('param').token), {
      textVersion: body.textVersion,
    });
    return c.json(recorded, 200);
  });
  api.openapi(challenge, async (c) =>
    c.json(await issueVerificationChallenge(c.var.ctx, candidate(c, c.req.valid('param').token)), 200),
  );
  api.openapi(trace, async (c) =>
    c.json(
      await submitVerificationTrace(c.var.ctx, candidate(c, c.req.valid('param').token), c.req.valid('json')),
      200,
    ),
  );
  api.openapi(decline, async (c) =>
    c.json(await declineVerification(c.var.ctx, candidate(c, c.req.valid('param').token)), 200),
  );
}
