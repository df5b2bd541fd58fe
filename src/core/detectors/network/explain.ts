// Network explanations: the catalog's one-sentence template, followed by the specifics that made the
// signal fire (addresses, places, times, speeds), so a reader can check every claim against the logs.
import type { Severity, Signal, SignalDefinition } from '../../types.ts';
import { fire } from '../signal.ts';
import { listText } from '../util.ts';

/** A fired signal whose explanation is the filled template plus `detail` (one or more sentences). */
export function fireDetailed(
  def: SignalDefinition,
  severity: Severity,
  evidence: string[],
  data: Record<string, unknown>,
  text: Record<string, string | number>,
  detail: string,
): Signal {
  const signal = fire(def, severity, evidence, data, text);
  return detail === '' ? signal : { ...signal, explanation: `${signal.explanation} ${detail}` };
}

/** "a, b and 3 more" */
export function sampleText(items: readonly string[], total: number, max = 3): string {
  const shown = items.slice(0, max);
  const more = total - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : listText(shown);
}

/** Evidence paths for bundle login positions, in bundle order, without repeats. */
export function loginEvidence(indexes: Iterable<number>): string[] {
  return [...new Set(indexes)].sort((a, b) => a - b).map((i) => `logins[${i}]`);
}

/** "the claimed location (Toronto, CA)"-style text of a subject's claimed place. */
export type Claimed = { country?: string; city?: string };

export function claimedText(claimed: Claimed): string | undefined {
  if (claimed.city && claimed.country) return `${claimed.city}, ${claimed.country}`;
  return claimed.country ?? claimed.city;
}
