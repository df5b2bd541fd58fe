// payments.sanctioned-wallet — every wallet address the bundle names (payment destinations, addresses written in
// payment requests and messages, bank changes) checked exactly, after per-chain normalisation, against the lists.
import type { WalletHit } from '../../intel/sanctions.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { stringField } from '../util.ts';
import { findWallets } from './wallets.ts';

const def = requireSignal('payments.sanctioned-wallet');

type Candidate = { address: string; path: string };

function candidatesOf(bundle: Parameters<Detector['detect']>[0]): Candidate[] {
  const out: Candidate[] = [];
  (bundle.payments ?? []).forEach((p, i) => {
    if (p.destination) out.push({ address: p.destination.trim(), path: `payments[${i}].destination` });
    for (const w of findWallets(p.text ?? '')) out.push({ address: w.address, path: `payments[${i}].text` });
  });
  (bundle.communications ?? []).forEach((c, i) => {
    for (const w of findWallets(c.text ?? ''))
      out.push({ address: w.address, path: `communications[${i}].text` });
  });
  (bundle.changes ?? []).forEach((c, i) => {
    if (c.field !== 'bank_account') return;
    const wallet = stringField(c.to, 'wallet') ?? stringField(c.to, 'address');
    if (wallet) out.push({ address: wallet.trim(), path: `changes[${i}].to` });
  });
  return out;
}

export const sanctionedWallet: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const lookup = ctx.intel.sanctions;
    if (!lookup) return notEvaluated('no sanctions lists are loaded');
    const candidates = candidatesOf(bundle);
    if (candidates.length === 0) return notEvaluated('no wallet addresses in payments or messages');
    const hits: (Candidate & { hit: WalletHit })[] = [];
    for (const c of candidates) for (const hit of lookup.screenWallet(c.address)) hits.push({ ...c, hit });
    const top = hits[0];
    if (!top) return nothing();
    return found(
      fire(
        def,
        'critical',
        [...new Set(hits.map((h) => h.path))],
        {
          count: hits.length,
          listVersion: lookup.version,
          hits: hits.map((h) => ({ path: h.path, ...h.hit })),
        },
        {
          address: `${top.hit.address} (${top.hit.chain}${top.hit.entityName ? `, ${top.hit.entityName}` : ''})`,
          list: top.hit.source,
        },
      ),
    );
  },
};
