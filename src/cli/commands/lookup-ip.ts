// `gatecheck ip <address> [--json]`: where an address is and what network it belongs to, offline. The lists
// imported into the store are used when there is a store (--database-url, or a database under --data-dir).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isPostgresUrl, SQLITE_FILE_NAME } from '../../adapters/db/database.ts';
import { isDomainError } from '../../core/errors.ts';
import { createIpRuntime } from '../../intel/ip/runtime.ts';
import { DBIP_ATTRIBUTION, DBIP_URL } from '../../intel/ip/sources.ts';
import { type IpView, toIpView } from '../../intel/ip/view.ts';
import { cliActor } from '../../services/context.ts';
import { lookupIp } from '../../services/lookup-ip.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';

export type LookupIpOptions = StoreOptions & { json?: boolean };

function hasStore(options: StoreOptions): boolean {
  if (isPostgresUrl(options.databaseUrl)) return true;
  return existsSync(path.join(options.dataDir, SQLITE_FILE_NAME));
}

async function lookup(address: string, options: StoreOptions): Promise<IpView | undefined> {
  if (hasStore(options)) {
    return withAppContext(options, async (app) => {
      try {
        return await lookupIp(app, cliActor(process.env.USER ?? 'cli'), address);
      } catch (error) {
        if (isDomainError(error) && error.code === 'validation') return undefined;
        throw error;
      }
    });
  }
  const runtime = createIpRuntime({ cacheSize: 0 });
  await runtime.ready();
  const info = runtime.lookup.lookup(address);
  return info ? toIpView(info) : undefined;
}

function place(view: IpView): string {
  const where = [view.city, view.region, view.country].filter((p): p is string => p !== null).join(', ');
  if (where === '') return 'unknown';
  if (view.lat === null || view.lon === null) return where;
  return `${where} (${view.lat}, ${view.lon} ± ${view.accuracyKm ?? '?'} km)`;
}

export function formatIpView(view: IpView): string {
  const network = view.asn === null ? 'unknown' : `AS${view.asn}${view.org ? ` ${view.org}` : ''}`;
  const kind = `${view.kind}${view.provider ? ` (${view.provider})` : ''}`;
  const lines = [
    paint('bold', view.ip),
    `  location    ${place(view)}`,
    `  network     ${network}`,
    `  kind        ${kind}`,
    `  allow-list  ${view.allowListed ? `${view.allowListed.label} (list ${view.allowListed.list})` : '-'}`,
    `  sources     ${view.sources.join(', ') || '-'}`,
    paint('grey', `${DBIP_ATTRIBUTION} (${DBIP_URL}); ASN data: RouteViews, NRO and DB-IP (CC BY 4.0)`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function lookupIpCommand(address: string, options: LookupIpOptions): Promise<number> {
  const view = await lookup(address, options);
  if (!view) {
    warn(`gatecheck: ${JSON.stringify(address)} is not an IPv4 or IPv6 address`);
    return 1;
  }
  process.stdout.write(options.json === true ? `${JSON.stringify(view, null, 2)}\n` : formatIpView(view));
  return 0;
}
