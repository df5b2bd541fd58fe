// The signal catalog: every signal, check and cited source (static reference data from core).

import { createRoute } from '@hono/zod-openapi';
import { CHECKS } from '../../core/catalog/checks.ts';
import { SIGNALS } from '../../core/catalog/signals.ts';
import { SOURCES } from '../../core/catalog/sources.ts';
import { access, jsonResponse } from '../openapi.ts';
import type { ServerApp } from '../types.ts';
import { SignalCatalogSchema } from './signals.schemas.ts';

const catalog = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/signals',
  tags: ['Signals'],
  summary: 'The signal catalog, the checks and the advisories they cite',
  responses: { 200: jsonResponse(SignalCatalogSchema, 'The catalog') },
});

export function registerSignalRoutes(api: ServerApp): void {
  api.openapi(catalog, (c) => c.json({ signals: SIGNALS, checks: CHECKS, sources: SOURCES }, 200));
}
