// logistics.shipping-change — the equipment shipping address changed within
// policy.shippingChangeWindowDays before the equipment shipped (or before the start date).
// High when the new address is in another region/country, or the change came right before shipping.
import type { Detector } from '../../types.ts';
import { asAddress, describeAddress, realChanges } from '../changes.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { DAY_MS, isTime, round1, toMs } from '../util.ts';

const def = requireSignal('logistics.shipping-change');
const RIGHT_BEFORE_DAYS = 3;

export const shippingChange: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    if (!bundle.changes) return notEvaluated('no change history');
    const shipped = toMs(bundle.onboarding?.equipmentShippedAt);
    const start = toMs(bundle.subject.startDate);
    const anchor = isTime(shipped) ? shipped : start;
    if (!isTime(anchor)) return notEvaluated('no shipping date or start date');
    const anchorLabel = isTime(shipped) ? 'the equipment shipped' : 'the start date';
    const windowMs = ctx.policy.shippingChangeWindowDays * DAY_MS;
    const claimed = bundle.subject.claimedLocation;
    const flagged: { index: number; daysBefore: number; text: string; moved: boolean }[] = [];
    for (const c of realChanges(bundle, 'shipping_address')) {
      if (c.at > anchor || anchor - c.at > windowMs) continue;
      const to = asAddress(c.to);
      const from = asAddress(c.from);
      const ref = from ?? { region: claimed?.region, country: claimed?.country };
      const moved =
        (to?.country !== undefined && ref.country !== undefined && to.country !== ref.country) ||
        (to?.region !== undefined && ref.region !== undefined && to.region !== ref.region);
      const daysBefore = round1((anchor - c.at) / DAY_MS);
      const where = `${from ? `from ${describeAddress(from)} ` : ''}to ${describeAddress(to)}`;
      flagged.push({
        index: c.index,
        daysBefore,
        moved,
        text: `${where}, ${Math.floor(daysBefore)} day(s) before ${anchorLabel}${moved ? ' (another region or country)' : ''}`,
      });
    }
    if (flagged.length === 0) return nothing();
    const high = flagged.some((f) => f.moved || f.daysBefore <= RIGHT_BEFORE_DAYS) || flagged.length >= 2;
    return found(
      fire(
        def,
        high ? 'high' : 'medium',
        flagged.map((f) => `changes[${f.index}]`),
        {
          count: flagged.length,
          daysBefore: flagged.map((f) => f.daysBefore),
          otherRegion: flagged.some((f) => f.moved),
        },
        { anchor: anchorLabel, detail: flagged.map((f) => f.text).join('; ') },
      ),
    );
  },
};
