// The registered /api/v1 routes, read from the app itself (Hono's route table), so tests that walk
// "every route" cannot miss one that was added later.
import type { ServerApp } from '../../src/server/types.ts';

export type RegisteredRoute = { method: string; path: string; key: string };

/** `GET /api/v1/subjects/{id}` style keys, one per method and path. */
export function registeredApiRoutes(server: ServerApp): RegisteredRoute[] {
  const seen = new Map<string, RegisteredRoute>();
  for (const r of server.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/v1/')) continue;
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const key = `${r.method} ${path}`;
    seen.set(key, { method: r.method, path, key });
  }
  return [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
