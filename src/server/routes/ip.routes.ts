// IP intelligence: look up one address, the databases and lists behind it, and importing or removing
// range lists (Tor exits, VPN/hosting ranges, allow-lists).
import { createRoute, z } from '@hono/zod-openapi';
import { deleteIpList } from '../../services/delete-ip-list.ts';
import { importIpList } from '../../services/import-ip-list.ts';
import { listIpIntel } from '../../services/list-ip-intel.ts';
import { lookupIp } from '../../services/lookup-ip.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import {
  AddressParamSchema,
  ImportedListSchema,
  ImportListQuerySchema,
  IpInfoSchema,
  IpIntelSchema,
  ListNameParamSchema,
} from './ip.schemas.ts';

const tags = ['IP intelligence'];

const lookup = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/ip/{address}',
  tags,
  summary:
    'Where an address is and what kind of network it belongs to (offline: DB-IP Lite, ASN table, imported lists)',
  request: { params: AddressParamSchema },
  responses: { 200: jsonResponse(IpInfoSchema, 'The address (unknown values null)') },
});

const intel = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/intel/ip',
  tags,
  summary: 'The IP databases (licence, attribution, build date) and the imported range lists',
  responses: { 200: jsonResponse(IpIntelSchema, 'Databases and lists') },
});

const importList = createRoute({
  ...access('policy:write', {
    body: 'bulk',
    description:
      'The body is the list file as text: one IPv4/IPv6 address, CIDR block, `a-b` range or ASN (`AS123`) per line, `#` comments. Bad lines are skipped and reported by line number; a file with no valid entry is rejected. A list with the same name is replaced. Everyone is re-assessed afterwards (a job).',
  }),
  method: 'post',
  path: '/intel/ip/lists',
  tags,
  summary: 'Import a range list (tor, vpn, proxy, relay, hosting or allow)',
  request: {
    query: ImportListQuerySchema,
    body: {
      content: { 'text/plain': { schema: z.string().openapi({ format: 'binary' }) } },
      required: true,
    },
  },
  responses: { 201: jsonResponse(ImportedListSchema, 'The imported list') },
});

const removeList = createRoute({
  ...access('policy:write'),
  method: 'delete',
  path: '/intel/ip/lists/{name}',
  tags,
  summary: 'Remove an imported range list',
  request: { params: ListNameParamSchema },
  responses: { 204: { description: 'Removed' } },
});

export function registerIpRoutes(api: ServerApp): void {
  api.openapi(lookup, async (c) =>
    c.json(await lookupIp(c.var.ctx, actorOf(c), c.req.valid('param').address), 200),
  );
  api.openapi(intel, async (c) => c.json(await listIpIntel(c.var.ctx, actorOf(c)), 200));
  api.openapi(importList, async (c) => {
    const query = c.req.valid('query');
    const content = new Uint8Array(await c.req.raw.arrayBuffer());
    return c.json(await importIpList(c.var.ctx, actorOf(c), { ...query, content }), 201);
  });
  api.openapi(removeList, async (c) => {
    await deleteIpList(c.var.ctx, actorOf(c), c.req.valid('param').name);
    return c.body(null, 204);
  });
}
