// Per-chain normalisation of digital-currency addresses, so a wallet is matched exactly however it was typed:
// EVM hex is case-insensitive (checksummed mixed case → lower case), bech32 and CashAddr are case-insensitive
// (→ lower case, CashAddr without its `bitcoincash:` prefix), base58 and everything else are case-sensitive and
// compared as published.

const EVM = /^0x[0-9a-fA-F]{40}$/;
// Human-readable part, separator `1`, data in the bech32 alphabet (all one case, as the encoding demands).
const BECH32 = /^[a-z]{1,20}1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{6,90}$/;
const CASHADDR = /^(?:bitcoincash:|bchtest:)?[qp][qpzry9x8gf2tvdw0s3jn54khce6mua7l]{41}$/;

export type WalletFamily = 'evm' | 'bech32' | 'cashaddr' | 'other';

/** Which address family a string belongs to (by shape). */
export function walletFamily(address: string): WalletFamily {
  const trimmed = address.trim();
  if (EVM.test(trimmed)) return 'evm';
  const lower = trimmed.toLowerCase();
  const oneCase = trimmed === lower || trimmed === trimmed.toUpperCase();
  if (oneCase && CASHADDR.test(lower)) return 'cashaddr';
  if (oneCase && BECH32.test(lower)) return 'bech32';
  return 'other';
}

/** The key an address is compared under. Empty for blank input. */
export function normalizeWallet(address: string): string {
  const trimmed = address.trim();
  switch (walletFamily(trimmed)) {
    case 'evm':
    case 'bech32':
      return trimmed.toLowerCase();
    case 'cashaddr':
      return trimmed.toLowerCase().replace(/^(?:bitcoincash|bchtest):/, '');
    default:
      return trimmed;
  }
}
