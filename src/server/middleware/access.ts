// Route-level access: every route declares who may call it; this runs before validation and the service.
// Services check can() again: two locks, and the route × role test proves they agree with the contract.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { can, type Permission } from '../../core/auth/roles.ts';
import { DomainError } from '../../core/errors.ts';
import type { AuthState, ServerEnv } from '../types.ts';

/** `public`: anyone; `authenticated`: any signed-in user or token; a permission: a role that has it. */
export type Access = 'public' | 'authenticated' | Permission;

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Cookie-authenticated requests that change something must echo the session's CSRF token in a header. */
export function assertCsrf(auth: AuthState, method: string, header: string | undefined): void {
  if (auth.via !== 'cookie' || SAFE_METHODS.has(method)) return;
  if (header === undefined || auth.csrfToken === null || !sameToken(header, auth.csrfToken)) {
    throw new DomainError('forbidden', 'This request needs the X-CSRF-Token header of your session.');
  }
}

export function requireAccess(access: Access): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    if (access === 'public') return next();
    const auth = c.var.auth;
    if (auth === null)
      throw new DomainError(
        'unauthenticated',
        'Sign in, or send an API token as "Authorization: Bearer gc_…".',
      );
    assertCsrf(auth, c.req.method, c.req.header(CSRF_HEADER));
    if (access !== 'authenticated' && !can(auth.actor.role, access)) {
      throw new DomainError('forbidden', `The ${auth.actor.role} role may not do this.`);
    }
    return next();
  };
}
