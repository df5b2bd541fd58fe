// Who is calling: an API token (`Authorization: Bearer gc_…`) or a browser session (`gc_session` cookie).
// Resolving never rejects a request that sent no credentials (public routes); requireAccess does that.
// A bearer token that does not resolve is rejected at once: the caller asked to be someone and is not.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DomainError } from '../../core/errors.ts';
import { resolveSession } from '../../services/login-user.ts';
import { resolveApiToken } from '../../services/manage-api-tokens.ts';
import type { ServerEnv } from '../types.ts';

export const SESSION_COOKIE = 'gc_session';

/**
 * Paths that authenticate callers themselves: the Okta Event Hook sends its own secret in the Authorization
 * header (not an API token), checked by the route.
 */
export const SELF_AUTHENTICATED_PATHS: ReadonlySet<string> = new Set(['/api/v1/hooks/okta']);

export function authenticate(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    if (SELF_AUTHENTICATED_PATHS.has(c.req.path)) return next();
    const ctx = c.var.ctx;
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const actor = match?.[1] ? await resolveApiToken(ctx, match[1]) : null;
      if (actor === null) {
        throw new DomainError('unauthenticated', 'The API token is not valid or has been revoked.');
      }
      c.set('auth', { actor, via: 'token', csrfToken: null, user: null, sessionToken: null });
      return next();
    }
    const sessionToken = getCookie(c, SESSION_COOKIE);
    if (sessionToken !== undefined) {
      const session = await resolveSession(ctx, sessionToken);
      if (session === null) {
        clearSessionCookie(c);
      } else {
        c.set('auth', {
          actor: session.actor,
          via: 'cookie',
          csrfToken: session.csrfToken,
          user: session.user,
          sessionToken,
        });
      }
    }
    return next();
  };
}

export function setSessionCookie(c: Context<ServerEnv>, session: { token: string; expiresAt: string }): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: c.var.ctx.config.secureCookies,
    path: '/',
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(c: Context<ServerEnv>): void {
  deleteCookie(c, SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: c.var.ctx.config.secureCookies,
    path: '/',
  });
}
