// One address through the IP intelligence runtime: place, network, kind and provider, allow-listing.
import { DomainError } from '../core/errors.ts';
import type { IpRuntime } from '../intel/ip/runtime.ts';
import { type IpView, toIpView } from '../intel/ip/view.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

/** The runtime, ready (databases loaded, lists current); a `validation` error when the instance has none. */
export async function requireIpRuntime(app: AppContext): Promise<IpRuntime> {
  if (!app.ip) throw new DomainError('validation', 'IP intelligence is not available in this instance');
  await app.ip.ready();
  return app.ip;
}

export async function lookupIp(app: AppContext, actor: Actor, address: string): Promise<IpView> {
  authorize(actor, 'subjects:read');
  const runtime = await requireIpRuntime(app);
  const info = runtime.lookup.lookup(address);
  if (!info)
    throw new DomainError(
      'validation',
      `${JSON.stringify(address.slice(0, 100))} is not an IPv4 or IPv6 address`,
      [{ path: 'address', message: 'not an IPv4 or IPv6 address' }],
    );
  return toIpView(info);
}
