import { z } from '@hono/zod-openapi';
import { NETWORK_KINDS } from '../../core/intel/ip.ts';
import { parseIp } from '../../intel/ip/address.ts';
import { IP_LIST_KINDS } from '../../intel/ip/lists.ts';

export const AddressParamSchema = z.object({
  address: z
    .string()
    .max(100)
    .refine((s) => parseIp(s) !== undefined, { message: 'not an IPv4 or IPv6 address' })
    .openapi({ param: { name: 'address', in: 'path' }, example: '8.8.8.8' }),
});

export const ListNameParamSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'tor-exits' }),
});

export const IpInfoSchema = z
  .object({
    ip: z.string(),
    country: z.string().nullable().openapi({ description: 'ISO 3166-1 alpha-2' }),
    region: z.string().nullable(),
    city: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    accuracyKm: z
      .number()
      .nullable()
      .openapi({ description: 'Estimated radius around lat/lon (see ADR 0003)' }),
    asn: z.number().int().nullable(),
    org: z.string().nullable(),
    kind: z.enum(NETWORK_KINDS),
    provider: z.string().nullable(),
    allowListed: z.object({ list: z.string(), label: z.string() }).nullable(),
    sources: z.array(z.string()).openapi({
      description: 'Which data said what: dbip-city, asn, asn-class, asn-org, list:<name>, reserved',
    }),
  })
  .openapi('IpInfo');

export const IpListSchema = z
  .object({
    name: z.string(),
    kind: z.string(),
    provider: z.string().nullable(),
    label: z.string().nullable(),
    entries: z.number().int(),
    importedAt: z.string(),
    importedBy: z.string(),
  })
  .openapi('IpList');

export const IpIntelSchema = z
  .object({
    databases: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        licence: z.string(),
        url: z.string(),
        attribution: z.string(),
        builtAt: z.string().nullable(),
      }),
    ),
    lists: z.array(IpListSchema),
  })
  .openapi('IpIntel');

export const ImportListQuerySchema = z.object({
  name: z.string().min(1).max(100).openapi({ example: 'tor-exits' }),
  kind: z.enum(IP_LIST_KINDS),
  provider: z.string().max(200).optional(),
  label: z.string().max(200).optional(),
});

export const ImportedListSchema = z
  .object({
    list: IpListSchema,
    replaced: z.object({ entries: z.number().int(), kind: z.string(), importedAt: z.string() }).nullable(),
    lines: z.number().int(),
    problems: z.array(z.object({ line: z.number().int(), message: z.string() })),
    problemCount: z.number().int(),
    reassessJobId: z.string().nullable(),
  })
  .openapi('IpListImport');
