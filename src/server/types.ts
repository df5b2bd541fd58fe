// The Hono environment every server module shares: the application context and who is calling.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, AppContext } from '../services/context.ts';
import type { ResolvedSession } from '../services/login-user.ts';

type UserView = ResolvedSession['user'];

export type AuthState = {
  actor: Actor;
  /** How the caller authenticated: a browser session cookie (CSRF applies) or an API token (no CSRF). */
  via: 'cookie' | 'token';
  /** The session's CSRF token; null for API tokens. */
  csrfToken: string | null;
  /** The signed-in user (sessions); null for API tokens. */
  user: UserView | null;
  /** The raw session token from the cookie (for sign-out); null for API tokens. */
  sessionToken: string | null;
};

export type ServerEnv = {
  Variables: {
    ctx: AppContext;
    auth: AuthState | null;
    /** Remote address, for login throttling and session records. */
    clientIp: string;
  };
};

/** The authenticated caller; only for handlers behind requireAccess (which guarantees one). */
export function actorOf(c: { var: ServerEnv['Variables'] }): Actor {
  const auth = c.var.auth;
  if (auth === null) throw new Error('actorOf() called on a route without authentication');
  return auth.actor;
}

export type ServerApp = OpenAPIHono<ServerEnv>;
