// The organisation view of sign-ins: shared egress addresses first, then subjects with network anomalies.
import { createRoute } from '@hono/zod-openapi';
import { getNetworkOverview } from '../../services/get-network-overview.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { NetworkOverviewSchema } from './logins.schemas.ts';

const overview = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/network/overview',
  tags: ['Sign-ins'],
  summary:
    'Addresses several subjects sign in from (most subjects first), then subjects with network signals',
  responses: { 200: jsonResponse(NetworkOverviewSchema, 'The overview') },
});

export function registerNetworkRoutes(api: ServerApp): void {
  api.openapi(overview, async (c) => c.json(await getNetworkOverview(c.var.ctx, actorOf(c)), 200));
}
