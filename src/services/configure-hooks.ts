// The webhook endpoints for live sign-in events: where they are, and the Okta Event Hook's secret. Okta
// sends the secret verbatim in the Authorization header; only its sha256 is stored (like API tokens), so
// it is shown once when set and compared in constant time. Until an admin sets it, the Okta hook is off.

import { randomToken, safeEqual, sha256Hex } from '../adapters/crypto/secrets.ts';
import { appendAudit } from '../adapters/db/audit.ts';
import { getSetting, putSetting } from '../adapters/db/repositories/settings.repository.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';

export const OKTA_SECRET_SETTING = 'hooks.okta.secret';
const SECRET_PREFIX = 'gcoh_';

export type HooksView = {
  okta: { url: string; secretSet: boolean; secretSetAt: string | null; header: 'Authorization' };
  logins: { url: string; auth: string };
};

type StoredSecret = { sha256: string; setAt: string };

async function loadSecret(app: AppContext): Promise<StoredSecret | null> {
  const value = await getSetting(app.database.db, OKTA_SECRET_SETTING);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { sha256, setAt } = value as Record<string, unknown>;
  return typeof sha256 === 'string' && typeof setAt === 'string' ? { sha256, setAt } : null;
}

export async function getHooks(app: AppContext, actor: Actor): Promise<HooksView> {
  authorize(actor, 'tokens:manage');
  const secret = await loadSecret(app);
  const base = `${app.config.publicUrl}/api/v1/hooks`;
  return {
    okta: {
      url: `${base}/okta`,
      secretSet: secret !== null,
      secretSetAt: secret?.setAt ?? null,
      header: 'Authorization',
    },
    logins: { url: `${base}/logins`, auth: 'Authorization: Bearer <API token of an investigator or admin>' },
  };
}

/** Sets (or rotates) the Okta hook secret; returns it once. The previous secret stops working at once. */
export async function setOktaHookSecret(app: AppContext, actor: Actor): Promise<{ secret: string }> {
  authorize(actor, 'tokens:manage');
  const secret = randomToken(SECRET_PREFIX);
  const who = toAuditActor(actor);
  await inTransaction(app, async (trx) => {
    const at = app.clock.now().toISOString();
    const previous = await getSetting(trx, OKTA_SECRET_SETTING);
    await putSetting(trx, OKTA_SECRET_SETTING, { sha256: sha256Hex(secret), setAt: at }, at);
    await appendAudit(trx, {
      at,
      actor: who,
      action: previous === undefined ? 'hooks.okta_secret_set' : 'hooks.okta_secret_rotated',
      targetType: 'hook',
      targetId: 'okta',
      data: {},
    });
  });
  return { secret };
}

/** The actor the Okta hook writes as (audit entries, jobs). */
export const OKTA_HOOK_ACTOR: Actor = {
  kind: 'system',
  id: 'hook:okta',
  name: 'Okta event hook',
  role: 'investigator',
};

/**
 * Checks the Authorization header of an Okta hook call: 404 problem while no secret is set (the hook is
 * off), 401 when the header is missing or wrong. `Bearer <secret>` is accepted as well as the bare secret.
 */
export async function authenticateOktaHook(app: AppContext, header: string | undefined): Promise<Actor> {
  const secret = await loadSecret(app);
  if (secret === null)
    throw new DomainError(
      'not_found',
      'The Okta event hook is not set up: an admin sets its secret first (POST /api/v1/hooks/okta/secret).',
    );
  const given = (header ?? '').trim().replace(/^Bearer\s+/i, '');
  if (given === '' || !safeEqual(sha256Hex(given), secret.sha256))
    throw new DomainError(
      'unauthenticated',
      'The Authorization header does not hold the Okta event hook secret set in Gatecheck.',
    );
  return OKTA_HOOK_ACTOR;
}
