// onboarding.byod-request — asks to use a personal computer or a virtual desktop instead of the company device.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText } from '../util.ts';

const def = requireSignal('onboarding.byod-request');

const OWN_DEVICE =
  /\b(my own|own|personal|my) (laptop|computer|pc|machine|device|mac|macbook|workstation|desktop)\b/;
const VIRTUAL = /\b(virtual desktop|vdi|remote desktop|cloud pc|windows 365|citrix|avd|virtual machine)\b/;
const INSTEAD = /\b(instead of|rather than|use|work (on|from)|prefer|no need|don'?t (need|send)|keep)\b/;
const COMPANY_DEVICE =
  /\b(company|work|your|corporate|the) (laptop|computer|device|machine|equipment)\b|\bcourier\b|\bship/;

export const byodRequest: Detector = {
  signal: def.id,
  detect(bundle) {
    const incidents = bundle.incidents ?? [];
    const comms = bundle.communications ?? [];
    if (!bundle.incidents && !bundle.communications) return notEvaluated('no incidents or messages recorded');
    const evidence: string[] = [];
    for (let i = 0; i < incidents.length; i++) {
      if (incidents[i]!.kind === 'byod_request') evidence.push(`incidents[${i}]`);
    }
    for (let i = 0; i < comms.length; i++) {
      const c = comms[i]!;
      if (c.direction === 'outbound' || !c.text) continue;
      const t = normalizeText(c.text);
      const own = OWN_DEVICE.test(t) && INSTEAD.test(t) && COMPANY_DEVICE.test(t);
      if (own || (VIRTUAL.test(t) && INSTEAD.test(t))) evidence.push(`communications[${i}]`);
    }
    if (evidence.length === 0) return nothing();
    return found(fire(def, 'medium', evidence, { count: evidence.length }));
  },
};
