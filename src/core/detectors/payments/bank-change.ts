// payments.bank-change — payroll bank details changed shortly before/after the start date or the first
// payroll (policy.bankChangeWindowDays). High when repeated, right before a payroll run, to a payment
// platform, or to an account in another country. The first enrolment of bank details is not a change.
import type { Detector } from '../../types.ts';
import { realChanges } from '../changes.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { DAY_MS, isoDay, isTime, listText, stringField, toMs } from '../util.ts';

const def = requireSignal('payments.bank-change');

export const PAYMENT_PLATFORMS =
  /\b(wise|transferwise|payoneer|paypal|revolut|skrill|paxum|neteller|venmo|cash ?app|remitly|western union|moneygram|airwallex|alipay|wechat ?pay|perfect ?money|webmoney|zelle)\b/i;
const RIGHT_BEFORE_PAYROLL_DAYS = 3;

function accountName(value: unknown): string {
  return (
    stringField(value, 'bank') ??
    stringField(value, 'institution') ??
    stringField(value, 'platform') ??
    stringField(value, 'name') ??
    'a new account'
  );
}

function relative(at: number, anchor: number, label: string): string {
  const days = Math.round(Math.abs(at - anchor) / DAY_MS);
  if (days === 0) return `on the day of the ${label}`;
  return `${days} day(s) ${at < anchor ? 'before' : 'after'} the ${label}`;
}

export const bankChange: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    if (!bundle.changes) return notEvaluated('no change history');
    const start = toMs(bundle.subject.startDate);
    const payrolls: number[] = [];
    for (const p of bundle.payments ?? []) {
      const at = toMs(p.at);
      if (p.kind === 'payroll' && isTime(at)) payrolls.push(at);
    }
    payrolls.sort((a, b) => a - b);
    const firstPayroll = payrolls[0];
    if (!isTime(start) && firstPayroll === undefined)
      return notEvaluated('no start date or payroll to compare with');
    const windowMs = ctx.policy.bankChangeWindowDays * DAY_MS;
    const claimedCountry = bundle.subject.claimedLocation?.country;
    const flagged: { index: number; text: string; reasons: string[] }[] = [];
    for (const c of realChanges(bundle, 'bank_account')) {
      let anchorText: string | undefined;
      if (isTime(start) && Math.abs(c.at - start) <= windowMs)
        anchorText = relative(c.at, start, 'start date');
      else if (firstPayroll !== undefined && Math.abs(c.at - firstPayroll) <= windowMs) {
        anchorText = relative(c.at, firstPayroll, 'first payroll');
      }
      if (!anchorText) continue;
      const reasons: string[] = [];
      const name = accountName(c.to);
      if (PAYMENT_PLATFORMS.test(name) || PAYMENT_PLATFORMS.test(stringField(c.to, 'kind') ?? '')) {
        reasons.push('to a payment platform');
      }
      const toCountry = stringField(c.to, 'country');
      const fromCountry = stringField(c.from, 'country');
      if (
        toCountry &&
        ((claimedCountry && toCountry !== claimedCountry) || (fromCountry && toCountry !== fromCountry))
      ) {
        reasons.push(`to an account in ${toCountry}`);
      }
      if (payrolls.some((p) => p > c.at && p - c.at <= RIGHT_BEFORE_PAYROLL_DAYS * DAY_MS)) {
        reasons.push('right before a payroll run');
      }
      const why = reasons.length > 0 ? `, ${listText(reasons)}` : '';
      flagged.push({ index: c.index, text: `on ${isoDay(c.at)}, ${anchorText}, to ${name}${why}`, reasons });
    }
    if (flagged.length === 0) return nothing();
    if (flagged.length >= 2) flagged[0]!.reasons.push('repeated');
    const high = flagged.length >= 2 || flagged.some((f) => f.reasons.length > 0);
    return found(
      fire(
        def,
        high ? 'high' : 'medium',
        flagged.map((f) => `changes[${f.index}]`),
        { count: flagged.length, reasons: [...new Set(flagged.flatMap((f) => f.reasons))] },
        { detail: flagged.map((f) => f.text).join('; ') },
      ),
    );
  },
};
