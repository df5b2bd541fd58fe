// GATECHECK_TRUSTED_PROXIES: the reverse proxies / load balancers whose X-Forwarded-For (or Forwarded) header
// Gatecheck believes — comma-separated IP addresses and CIDR ranges; empty trusts nobody.
import { isIP } from 'node:net';

/** Why one entry is not an IP address or CIDR range; null when it is. */
export function trustedProxyProblem(entry: string): string | null {
  const [address = '', prefix, extra] = entry.trim().split('/');
  const family = isIP(address.trim());
  if (extra !== undefined || family === 0)
    return `"${entry.trim()}" is not an IP address or CIDR range (such as 10.0.0.0/8 or 192.0.2.7)`;
  if (prefix === undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max)
    return `"${entry.trim()}": the prefix length after / must be 0–${max}`;
  return null;
}

/** The entries of the comma-separated list (blank ones dropped). */
export function splitTrustedProxies(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
