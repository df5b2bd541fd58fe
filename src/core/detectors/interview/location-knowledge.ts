// interview.location-knowledge — cannot talk about the claimed city, employer or native language.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText, quote } from '../util.ts';

const def = requireSignal('interview.location-knowledge');

const FAILED_NOTE =
  /\b(could not|couldn'?t|unable to|did not know|didn'?t know|does not know|doesn'?t know|no idea (of|about)|failed to) (name|describe|say|tell|recall|remember|answer|talk about|explain|identify|find)\b/;
const ABOUT_PLACE =
  /\b(city|town|neighbou?rhood|street|area|address|commute|transit|lrt|subway|metro|bus|train|office|employer|company|team|manager|weather|local|downtown|landmark|restaurant|language|dialect)\b/;

export const locationKnowledge: Detector = {
  signal: def.id,
  detect(bundle) {
    const interviews = bundle.interviews;
    if (!interviews || interviews.length === 0) return notEvaluated('no interviews recorded');
    let tested = 0;
    const evidence: string[] = [];
    const what: string[] = [];
    for (let i = 0; i < interviews.length; i++) {
      const iv = interviews[i]!;
      const result = iv.checks?.locationSmallTalk;
      const note = (iv.observations ?? []).find((o) => {
        const t = normalizeText(o);
        return FAILED_NOTE.test(t) && ABOUT_PLACE.test(t);
      });
      if (result === 'passed' || result === 'failed' || note) tested++;
      if (result === 'failed' || (note && result !== 'passed')) {
        evidence.push(`interviews[${i}]`);
        what.push(note ? quote(note, 90) : 'failed the small talk about the claimed location');
      }
    }
    if (tested === 0)
      return notEvaluated('no interview recorded small talk about the claimed location or employer');
    if (evidence.length === 0) return nothing();
    const loc = bundle.subject.claimedLocation;
    const place = loc?.city ?? loc?.region ?? loc?.country ?? 'the claimed location';
    return found(fire(def, 'medium', evidence, { count: evidence.length }, { what: what.join('; '), place }));
  },
};
