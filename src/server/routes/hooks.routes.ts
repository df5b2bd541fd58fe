// Live sign-in events: the Okta Event Hook (its one-time verification and event deliveries, authenticated
// by the secret an admin set) and a generic webhook for any system (API token, investigator or admin).
// Events are committed before the 200.
import { createRoute } from '@hono/zod-openapi';
import { DomainError } from '../../core/errors.ts';
import { authenticateOktaHook, getHooks, setOktaHookSecret } from '../../services/configure-hooks.ts';
import { ingestLoginEvents, splitHookBody } from '../../services/ingest-login-events.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import {
  HookSecretSchema,
  HooksSchema,
  IngestResultSchema,
  OktaVerificationSchema,
} from './logins.schemas.ts';

const tags = ['Sign-in hooks'];
const OKTA_AUTH =
  'Authenticated by the `Authorization` header holding the secret set with POST /hooks/okta/secret (not an API token). 404 while no secret is set, 401 for a wrong one.';

const oktaVerify = createRoute({
  ...access('public', { description: OKTA_AUTH }),
  method: 'get',
  path: '/hooks/okta',
  tags,
  summary: "Okta's one-time verification: echoes the x-okta-verification-challenge header",
  responses: { 200: jsonResponse(OktaVerificationSchema, 'The challenge, echoed') },
});

const oktaEvents = createRoute({
  ...access('public', {
    body: 'bulk',
    description: `${OKTA_AUTH}\n\nBody: an Okta Event Hook delivery, \`{data: {events: [...]}}\`.`,
  }),
  method: 'post',
  path: '/hooks/okta',
  tags,
  summary: 'Okta Event Hook deliveries: sign-in events stored before the 200',
  responses: { 200: jsonResponse(IngestResultSchema, 'What was stored') },
});

const generic = createRoute({
  ...access('logins:import', {
    body: 'bulk',
    description:
      'Body: a JSON array, `{events: [...]}` or NDJSON of events `{at, account, ip, eventId?, outcome?, userAgent?, app?, device?, sessionId?, sessionMinutes?, inputLatencyMs?, country?, eventType?}`; Okta, Entra and Google records are recognised as exported. At most 10,000 per request.',
  }),
  method: 'post',
  path: '/hooks/logins',
  tags,
  summary: 'Generic sign-in webhook: events stored before the 200',
  responses: { 200: jsonResponse(IngestResultSchema, 'What was stored') },
});

const hooks = createRoute({
  ...access('tokens:manage'),
  method: 'get',
  path: '/hooks',
  tags,
  summary: 'The webhook URLs and whether the Okta secret is set',
  responses: { 200: jsonResponse(HooksSchema, 'Hooks') },
});

const oktaSecret = createRoute({
  ...access('tokens:manage'),
  method: 'post',
  path: '/hooks/okta/secret',
  tags,
  summary: 'Set or rotate the Okta Event Hook secret (shown once; the previous one stops working)',
  responses: { 200: jsonResponse(HookSecretSchema, 'The new secret') },
});

async function readText(request: Request): Promise<string> {
  try {
    return await request.text();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('validation', 'The body could not be read');
  }
}

export function registerHookRoutes(api: ServerApp): void {
  api.openapi(oktaVerify, async (c) => {
    await authenticateOktaHook(c.var.ctx, c.req.header('authorization'));
    const challenge = c.req.header('x-okta-verification-challenge');
    if (challenge === undefined || challenge === '' || challenge.length > 1000)
      throw new DomainError('validation', 'The x-okta-verification-challenge header is missing');
    return c.json({ verification: challenge }, 200);
  });
  api.openapi(oktaEvents, async (c) => {
    const actor = await authenticateOktaHook(c.var.ctx, c.req.header('authorization'));
    const items = splitHookBody(await readText(c.req.raw));
    return c.json(await ingestLoginEvents(c.var.ctx, actor, { hook: 'okta', items }), 200);
  });
  api.openapi(generic, async (c) => {
    const actor = actorOf(c);
    const items = splitHookBody(await readText(c.req.raw));
    return c.json(await ingestLoginEvents(c.var.ctx, actor, { hook: 'logins', items }), 200);
  });
  api.openapi(hooks, async (c) => c.json(await getHooks(c.var.ctx, actorOf(c)), 200));
  api.openapi(oktaSecret, async (c) => c.json(await setOktaHookSecret(c.var.ctx, actorOf(c)), 200));
}
