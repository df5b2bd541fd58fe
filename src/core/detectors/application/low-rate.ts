// application.low-rate — the asked rate is far under the role's benchmark (policy.lowRateRatio).
// Different periods are compared as yearly figures (2080 h, 260 days, 52 weeks, 12 months);
// different currencies are never compared (no exchange rates in core).
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';

const def = requireSignal('application.low-rate');

export const PER_YEAR: Record<string, number> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

type Rate = { amount: number; currency?: string | undefined; per?: string | undefined };

function show(r: Rate): string {
  // Thousands separators without toLocaleString (slow in a hot loop): 135000 -> 135,000.
  const [whole, fraction] = String(Math.round(r.amount * 100) / 100).split('.');
  const amount = `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
  return `${amount}${r.currency ? ` ${r.currency}` : ''}${r.per ? ` per ${r.per}` : ''}`;
}

export const lowRate: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const asked = bundle.application?.askedRate;
    const benchmark = bundle.application?.benchmarkRate;
    if (!asked || !benchmark) return notEvaluated('the asked rate or the benchmark rate is missing');
    if ((asked.currency ?? '') !== (benchmark.currency ?? '')) {
      return notEvaluated(
        `the asked rate (${asked.currency ?? 'no currency'}) and the benchmark (${benchmark.currency ?? 'no currency'}) are in different currencies`,
      );
    }
    let askedAmount = asked.amount;
    let benchmarkAmount = benchmark.amount;
    if ((asked.per ?? '') !== (benchmark.per ?? '')) {
      if (!asked.per || !benchmark.per)
        return notEvaluated('only one of the rates says what period it is for');
      askedAmount *= PER_YEAR[asked.per]!;
      benchmarkAmount *= PER_YEAR[benchmark.per]!;
    }
    if (benchmarkAmount <= 0) return notEvaluated('the benchmark rate is zero');
    const ratio = askedAmount / benchmarkAmount;
    if (ratio >= ctx.policy.lowRateRatio) return nothing();
    return found(
      fire(
        def,
        'low',
        ['application.askedRate', 'application.benchmarkRate'],
        {
          ratio: Math.round(ratio * 1000) / 1000,
          percent: Math.round(ratio * 100),
          threshold: Math.round(ctx.policy.lowRateRatio * 100),
        },
        { asked: show(asked), benchmark: show(benchmark) },
      ),
    );
  },
};
