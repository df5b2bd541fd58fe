// HTTP tests in-process: a server app over an isolated database (SQLite or PostgreSQL), and clients that
// are signed in with a role through the real login route (cookie + CSRF token) or hold an API token.
import type { Dialect } from '../../src/adapters/db/database.ts';
import type { Config } from '../../src/config/config.ts';
import type { Role } from '../../src/core/auth/roles.ts';
import { createApp } from '../../src/server/app.ts';
import type { ServerApp } from '../../src/server/types.ts';
import { type AppContext, SYSTEM_ACTOR } from '../../src/services/context.ts';
import { createApiToken } from '../../src/services/manage-api-tokens.ts';
import { createUser } from '../../src/services/manage-users.ts';
import { createTestApp, type TestApp } from '../services/helpers.ts';

export const PASSWORD = 'correct horse battery staple';
export const ORIGIN = 'http://localhost';

export type RequestInitWithJson = RequestInit & {
  /** Sent as the JSON body with `content-type: application/json`. */
  json?: unknown;
  /** Cookie clients only: leave out the X-CSRF-Token header. */
  csrf?: boolean;
};

export type Client = {
  role: Role | 'anonymous';
  /** `gc_session` value for cookie clients. */
  sessionToken: string | null;
  csrfToken: string | null;
  /** API token for token clients. */
  apiToken: string | null;
  request(path: string, init?: RequestInitWithJson): Promise<Response>;
};

export type TestServer = TestApp & {
  server: ServerApp;
  config: Config;
  anonymous: Client;
  /** Creates a user of the role and signs in through POST /api/v1/auth/login. */
  signIn(role: Role, email?: string): Promise<Client>;
  /** Creates an API token of the role. */
  withToken(role: Role): Promise<Client>;
};

function buildInit(init: RequestInitWithJson, extra: Record<string, string>): RequestInit {
  const { json, csrf: _csrf, headers, ...rest } = init;
  const merged = new Headers(headers);
  for (const [k, v] of Object.entries(extra)) if (!merged.has(k)) merged.set(k, v);
  if (json !== undefined) {
    merged.set('content-type', 'application/json');
    return { ...rest, headers: merged, body: JSON.stringify(json) };
  }
  return { ...rest, headers: merged };
}

export function requestOn(server: ServerApp, path: string, init: RequestInit): Promise<Response> {
  return Promise.resolve(server.request(`${ORIGIN}${path}`, init));
}

function anonymousClient(server: ServerApp): Client {
  return {
    role: 'anonymous',
    sessionToken: null,
    csrfToken: null,
    apiToken: null,
    request: (path, init = {}) => requestOn(server, path, buildInit(init, {})),
  };
}

/** The value of a cookie set by a response, or null. */
export function cookieFrom(res: Response, name: string): { value: string; attributes: string } | null {
  for (const line of res.headers.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim() === name)
      return { value: pair.slice(eq + 1).trim(), attributes: attrs.join(';') };
  }
  return null;
}

export function cookieClient(server: ServerApp, role: Role, sessionToken: string, csrfToken: string): Client {
  return {
    role,
    sessionToken,
    csrfToken,
    apiToken: null,
    request: (path, init = {}) => {
      const method = (init.method ?? 'GET').toUpperCase();
      const extra: Record<string, string> = { cookie: `gc_session=${sessionToken}` };
      if (method !== 'GET' && method !== 'HEAD' && init.csrf !== false) extra['x-csrf-token'] = csrfToken;
      return requestOn(server, path, buildInit(init, extra));
    },
  };
}

export function tokenClient(server: ServerApp, role: Role, token: string): Client {
  return {
    role,
    sessionToken: null,
    csrfToken: null,
    apiToken: token,
    request: (path, init = {}) =>
      requestOn(server, path, buildInit(init, { authorization: `Bearer ${token}` })),
  };
}

export async function createUserWithRole(ctx: AppContext, role: Role, email: string): Promise<void> {
  await createUser(ctx, SYSTEM_ACTOR, { email, name: `${role} tester`, role, password: PASSWORD });
}

export async function createTestServer(
  dialect: Dialect = 'sqlite',
  options: { webDir?: string; config?: Partial<Config> } = {},
): Promise<TestServer> {
  const t = await createTestApp(dialect);
  const config: Config = { ...t.app.config, ...options.config };
  const ctx: AppContext = { ...t.app, config };
  const server = createApp(ctx, options.webDir === undefined ? {} : { webDir: options.webDir });
  let counter = 0;
  return {
    ...t,
    app: ctx,
    server,
    config,
    anonymous: anonymousClient(server),
    async signIn(role, email) {
      counter += 1;
      const address = email ?? `${role}-${counter}@example.test`;
      await createUserWithRole(ctx, role, address);
      const res = await requestOn(server, '/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: address, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in as ${role} failed: ${res.status} ${await res.text()}`);
      const body: { csrfToken: string } = await res.json();
      const cookie = cookieFrom(res, 'gc_session');
      if (!cookie) throw new Error('sign-in set no session cookie');
      return cookieClient(server, role, cookie.value, body.csrfToken);
    },
    async withToken(role) {
      const created = await createApiToken(ctx, SYSTEM_ACTOR, { name: `${role} token`, role });
      return tokenClient(server, role, created.token);
    },
  };
}
