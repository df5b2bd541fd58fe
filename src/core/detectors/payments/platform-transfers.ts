// payments.platform-transfers — pay routed to, or moved through, an online payment platform (Wise, Payoneer,
// PayPal, Revolut, Skrill, Paysera, Airwallex…), recognised from the account's BIC, the bank name, the payment's
// platform and its description. A payroll account at a platform, or repeated payments through platforms, is
// medium; a single transfer is low. Wise or Revolut are ordinary for many people: the point is where the pay goes
// next, which the recruiter asks about, not an accusation.
import { type PlatformMatch, paymentPlatformOf, readBankAccount } from '../../payroll/bank-account.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isoDay, isTime, listText, plural, toMs } from '../util.ts';

const def = requireSignal('payments.platform-transfers');

const VIA_WORDS: Record<PlatformMatch['via'], string> = {
  bic: 'its BIC',
  bank: 'the bank name',
  description: 'the description',
};

export const platformTransfers: Detector = {
  signal: def.id,
  detect(bundle) {
    const changes = (bundle.changes ?? []).filter((c) => c.field === 'bank_account');
    const payments = bundle.payments ?? [];
    if (changes.length === 0 && payments.length === 0)
      return notEvaluated('no payroll account or payment recorded');
    const accountHits: { path: string; at: number; match: PlatformMatch }[] = [];
    (bundle.changes ?? []).forEach((c, i) => {
      if (c.field !== 'bank_account') return;
      const account = readBankAccount(c.to);
      const match = account && paymentPlatformOf(account);
      if (match) accountHits.push({ path: `changes[${i}]`, at: toMs(c.at), match });
    });
    const paymentHits: { path: string; at: number; match: PlatformMatch }[] = [];
    payments.forEach((p, i) => {
      if (p.kind === 'request') return; // asking to be paid is prepayment/crypto territory, not a transfer made
      const account = readBankAccount(p);
      let match = account && paymentPlatformOf(account);
      if (!match && p.method === 'payment_platform')
        match = { name: p.platform ?? 'a payment platform', via: 'description' };
      if (match) paymentHits.push({ path: `payments[${i}]`, at: toMs(p.at), match });
    });
    if (accountHits.length === 0 && paymentHits.length === 0) return nothing();
    const parts: string[] = [];
    for (const h of accountHits)
      parts.push(
        `the payroll account ${isTime(h.at) ? `from ${isoDay(h.at)} ` : ''}is at ${h.match.name} (recognised from ${VIA_WORDS[h.match.via]})`,
      );
    if (paymentHits.length > 0) {
      const names = [...new Set(paymentHits.map((h) => h.match.name))];
      const days = paymentHits.filter((h) => isTime(h.at)).map((h) => isoDay(h.at));
      parts.push(
        `${plural(paymentHits.length, 'payment')} through ${listText(names)}${days.length > 0 ? ` (${listText([...new Set(days)].slice(0, 5))})` : ''}`,
      );
    }
    const repeated = accountHits.length > 0 || paymentHits.length >= 2;
    const platforms = [...new Set([...accountHits, ...paymentHits].map((h) => h.match.name))];
    return found(
      fire(
        def,
        repeated ? 'medium' : 'low',
        [...accountHits, ...paymentHits].map((h) => h.path),
        {
          count: accountHits.length + paymentHits.length,
          platforms,
          payrollAccountAtPlatform: accountHits.length > 0,
          payments: paymentHits.length,
        },
        { detail: `${parts.join('; ')}${repeated ? '' : ' — a one-off, weaker than a pattern'}` },
      ),
    );
  },
};
