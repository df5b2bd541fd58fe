// Every registered route × every role (and anonymous), against the role table of CONTRACTS.md.
// The table is checked against the registered routes both ways: a new route without an entry fails,
// and so does an entry for a route that no longer exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/core/auth/roles.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';
import { type RegisteredRoute, registeredApiRoutes } from './routes.ts';

type Minimum = 'public' | 'any' | Role;

const EXPECTED: Record<string, Minimum> = {
  'GET /api/v1/health': 'public',
  'GET /api/v1/setup': 'public',
  'POST /api/v1/setup': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'any',
  'GET /api/v1/auth/me': 'any',
  'GET /api/v1/signals': 'viewer',
  'GET /api/v1/subjects': 'viewer',
  'POST /api/v1/subjects': 'recruiter',
  'POST /api/v1/subjects/import': 'recruiter',
  'GET /api/v1/subjects/{id}': 'viewer',
  'PUT /api/v1/subjects/{id}': 'recruiter',
  'POST /api/v1/subjects/{id}/evidence/{kind}': 'recruiter',
  'POST /api/v1/subjects/{id}/resume': 'recruiter',
  'GET /api/v1/subjects/{id}/assessments': 'viewer',
  'POST /api/v1/subjects/{id}/assess': 'recruiter',
  'GET /api/v1/subjects/{id}/timeline': 'viewer',
  'GET /api/v1/subjects/{id}/claims': 'viewer',
  'POST /api/v1/subjects/{id}/case/transition': 'investigator',
  'POST /api/v1/subjects/{id}/case/assign': 'investigator',
  'POST /api/v1/subjects/{id}/case/notes': 'recruiter',
  'GET /api/v1/subjects/{id}/checklist': 'viewer',
  'PUT /api/v1/subjects/{id}/checklist/{itemId}': 'recruiter',
  'GET /api/v1/subjects/{id}/audit': 'investigator',
  'POST /api/v1/assess': 'viewer',
  'GET /api/v1/policy': 'viewer',
  'PUT /api/v1/policy': 'admin',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/{id}': 'admin',
  'GET /api/v1/alerts': 'viewer',
  'POST /api/v1/alerts/{id}/read': 'viewer',
  'GET /api/v1/alerts/destinations': 'admin',
  'PUT /api/v1/alerts/destinations': 'admin',
  'GET /api/v1/tokens': 'admin',
  'POST /api/v1/tokens': 'admin',
  'DELETE /api/v1/tokens/{id}': 'admin',
  'GET /api/v1/audit': 'investigator',
  'GET /api/v1/audit/verify': 'investigator',
  'GET /api/v1/jobs': 'viewer',
  'GET /api/v1/jobs/{id}': 'viewer',
  'POST /api/v1/screen': 'viewer',
  'GET /api/v1/intel/sanctions': 'viewer',
  'POST /api/v1/intel/sanctions/import': 'admin',
  'POST /api/v1/subjects/{id}/dismissals': 'investigator',
  'GET /api/v1/subjects/{id}/dismissals': 'viewer',
  'GET /api/v1/ip/{address}': 'viewer',
  'GET /api/v1/intel/ip': 'viewer',
  'POST /api/v1/intel/ip/lists': 'admin',
  'DELETE /api/v1/intel/ip/lists/{name}': 'admin',
  'POST /api/v1/indicators/import': 'admin',
  'GET /api/v1/indicators': 'viewer',
  'DELETE /api/v1/indicators/imports/{id}': 'admin',
  'GET /api/v1/subjects/{id}/indicators.stix': 'investigator',
  'POST /api/v1/subjects/{id}/snapshots': 'investigator',
  'GET /api/v1/subjects/{id}/snapshots': 'viewer',
  'GET /api/v1/snapshots/{id}': 'viewer',
  'GET /api/v1/snapshots/{id}/verify': 'viewer',
  'GET /api/v1/subjects/{id}/report.pdf': 'investigator',
  'GET /api/v1/subjects/{id}/report.json': 'investigator',
  'GET /api/v1/subjects/{id}/export.json': 'investigator',
  'GET /api/v1/exports/subjects.csv': 'investigator',
  'GET /api/v1/exports/signals.csv': 'investigator',
  'POST /api/v1/logins/imports': 'investigator',
  'GET /api/v1/logins/imports': 'viewer',
  'GET /api/v1/logins/imports/{id}': 'viewer',
  'GET /api/v1/logins/unmatched': 'viewer',
  'POST /api/v1/logins/accounts': 'investigator',
  'POST /api/v1/events/changes': 'recruiter',
  'POST /api/v1/events/changes/import': 'recruiter',
  'GET /api/v1/subjects/{id}/logins': 'viewer',
  'GET /api/v1/network/overview': 'viewer',
  'GET /api/v1/links/clusters': 'viewer',
  'GET /api/v1/subjects/{id}/links': 'viewer',
  // the Okta hook checks its own secret (404 until an admin sets one, 401 for a wrong one)
  'GET /api/v1/hooks/okta': 'public',
  'POST /api/v1/hooks/okta': 'public',
  'POST /api/v1/hooks/logins': 'investigator',
  'GET /api/v1/hooks': 'admin',
  'POST /api/v1/hooks/okta/secret': 'admin',
  'POST /api/v1/subjects/{id}/documents/files': 'recruiter',
  'GET /api/v1/subjects/{id}/documents/files': 'viewer',
  'GET /api/v1/subjects/{id}/documents/files/{fileId}': 'viewer',
  'GET /api/v1/subjects/{id}/documents/files/{fileId}/content': 'viewer',
  'GET /api/v1/subjects/{id}/documents/files/{fileId}/ela': 'viewer',
  'DELETE /api/v1/subjects/{id}/documents/files/{fileId}': 'recruiter',
  'POST /api/v1/subjects/{id}/interviews/{index}/recording': 'recruiter',
  'POST /api/v1/subjects/{id}/recordings': 'recruiter',
  'GET /api/v1/subjects/{id}/recordings': 'viewer',
  'POST /api/v1/subjects/{id}/verifications': 'recruiter',
  'GET /api/v1/subjects/{id}/verifications': 'viewer',
  'GET /api/v1/subjects/{id}/verifications/{sessionId}/trace': 'viewer',
  'GET /api/v1/subjects/{id}/verifications/{sessionId}/keyframes/{index}': 'viewer',
  'GET /api/v1/settings/retention': 'viewer',
  'PUT /api/v1/settings/retention': 'admin',
  'GET /api/v1/subjects/{id}/legal-hold': 'viewer',
  'PUT /api/v1/subjects/{id}/legal-hold': 'admin',
  'GET /api/v1/subjects/{id}/data-export': 'investigator',
  'DELETE /api/v1/subjects/{id}/personal-data': 'admin',
  'GET /api/v1/subjects/{id}/access-log': 'investigator',
  // the candidate's verification routes are authenticated by the link's token (404 unknown, 410 used up)
  'GET /api/v1/verify/{token}': 'public',
  'POST /api/v1/verify/{token}/consent': 'public',
  'POST /api/v1/verify/{token}/challenge': 'public',
  'POST /api/v1/verify/{token}/trace': 'public',
  'POST /api/v1/verify/{token}/decline': 'public',
  'POST /api/v1/verify/{token}/document': 'public',
  'GET /api/v1/verify/{token}/document': 'public',
  'POST /api/v1/verify/{token}/keyframes': 'public',
};

const RANK: Record<Role, number> = { viewer: 0, recruiter: 1, investigator: 2, admin: 3 };
const CALLERS = [...ROLES, 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];

function expectation(minimum: Minimum, caller: Caller): 'allowed' | 401 | 403 {
  if (minimum === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (minimum === 'any') return 'allowed';
  return RANK[caller] >= RANK[minimum] ? 'allowed' : 403;
}

function concretePath(route: RegisteredRoute): string {
  return route.path.replace('{id}', 'walk-missing').replace('{kind}', 'interviews');
}

/** Sign-out ends the session it is called with: walk it last. */
function walkOrder(routes: RegisteredRoute[]): RegisteredRoute[] {
  return [...routes].sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
}

for (const via of ['cookie', 'token'] as const) {
  describe(`every route × every role (${via === 'cookie' ? 'session cookie + CSRF' : 'API token'})`, () => {
    let t: TestServer;
    const clients = new Map<Caller, Client>();
    let routes: RegisteredRoute[] = [];

    beforeAll(async () => {
      t = await createTestServer();
      for (const role of ROLES)
        clients.set(role, via === 'cookie' ? await t.signIn(role) : await t.withToken(role));
      clients.set('anonymous', t.anonymous);
      routes = registeredApiRoutes(t.server);
    });
    afterAll(() => t.close());

    it('has a table entry for every registered route and a route for every entry', () => {
      const keys = routes.map((r) => r.key);
      expect(
        keys.filter((k) => !(k in EXPECTED)),
        'registered routes missing from the table',
      ).toEqual([]);
      expect(
        Object.keys(EXPECTED).filter((k) => !keys.includes(k)),
        'table entries with no route',
      ).toEqual([]);
    });

    it('allows exactly the roles of the table', async () => {
      const failures: string[] = [];
      let walked = 0;
      for (const route of walkOrder(routes)) {
        const minimum = EXPECTED[route.key];
        if (minimum === undefined) continue;
        for (const caller of CALLERS) {
          const client = clients.get(caller);
          if (!client) throw new Error(`no client for ${caller}`);
          const init =
            route.method === 'GET' || route.method === 'DELETE'
              ? { method: route.method }
              : { method: route.method, json: {} };
          const res = await client.request(concretePath(route), init);
          walked += 1;
          const want = expectation(minimum, caller);
          const ok = want === 'allowed' ? res.status !== 401 && res.status !== 403 : res.status === want;
          if (!ok) failures.push(`${route.key} as ${caller}: got ${res.status}, expected ${want}`);
          else if (want !== 'allowed') {
            expect(res.headers.get('content-type'), route.key).toBe('application/problem+json');
          }
        }
      }
      expect(failures).toEqual([]);
      expect(walked).toBe(routes.length * CALLERS.length);
    });
  });
}
