// Wallet-address detection: find address-shaped strings, then keep only those that validate for
// their chain (checksums via multicoin-address-validator), so a random look-alike does not count.
import WAValidator from 'multicoin-address-validator';

export type Wallet = { address: string; chain: string };

const B58 = '1-9A-HJ-NP-Za-km-z';
const CANDIDATES: { pattern: RegExp; currency: string; chain: string }[] = [
  {
    pattern: /\b0x[0-9a-fA-F]{40}\b/g,
    currency: 'eth',
    chain: 'Ethereum (or another EVM chain, e.g. ERC-20)',
  },
  { pattern: new RegExp(`\\bT[${B58}]{33}\\b`, 'g'), currency: 'trx', chain: 'Tron (TRC-20)' },
  { pattern: new RegExp(`\\b[13][${B58}]{25,34}\\b`, 'g'), currency: 'btc', chain: 'Bitcoin' },
  { pattern: /\bbc1[02-9ac-hj-np-z]{11,71}\b/gi, currency: 'btc', chain: 'Bitcoin' },
  { pattern: new RegExp(`\\b[LM][${B58}]{26,33}\\b`, 'g'), currency: 'ltc', chain: 'Litecoin' },
  { pattern: /\bltc1[02-9ac-hj-np-z]{11,71}\b/gi, currency: 'ltc', chain: 'Litecoin' },
  { pattern: new RegExp(`\\b[48][0-9AB][${B58}]{93}\\b`, 'g'), currency: 'xmr', chain: 'Monero' },
];
const QUICK = /0x|[13LMT48][1-9A-HJ-NP-Za-km-z]{24}|bc1|ltc1/i;

function isValid(address: string, currency: string): boolean {
  try {
    return WAValidator.validate(address, currency);
  } catch {
    return false;
  }
}

/** Valid wallet addresses in a text, each with its chain. */
export function findWallets(text: string): Wallet[] {
  if (!QUICK.test(text)) return [];
  const out: Wallet[] = [];
  for (const { pattern, currency, chain } of CANDIDATES) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      const address = m[0];
      if (out.some((w) => w.address === address)) continue;
      if (isValid(address, currency)) out.push({ address, chain });
    }
  }
  return out;
}
