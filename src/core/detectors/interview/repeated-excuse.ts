// interview.repeated-excuse — the same kind of excuse (camera, connection, microphone, …) given more than once.
// Excuses are grouped into families, so "camera broken", "laptop camera broken" and "my camera is broken"
// count as the same excuse. Each interview or message counts once per family.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText, quote } from '../util.ts';

const def = requireSignal('interview.repeated-excuse');

export const EXCUSE_FAMILIES: { family: string; pattern: RegExp }[] = [
  { family: 'camera', pattern: /\b(camera|webcam|web cam|cam|video (is|isn'?t|not))\b/ },
  {
    family: 'connection',
    pattern: /\b(connection|internet|wi-?fi|network|bandwidth|lag+y?|signal|isp|router)\b/,
  },
  { family: 'microphone', pattern: /\b(mic|microphone|audio|sound|headset|headphones?|speaker)\b/ },
  { family: 'power', pattern: /\b(power (cut|outage|failure)|electricity|blackout|battery)\b/ },
  { family: 'device', pattern: /\b(laptop|computer|pc|phone|device)\b/ },
  {
    family: 'location',
    pattern: /\b(travel(l?ing)?|on the road|in a cafe|at the airport|outside|hospital)\b/,
  },
];

// In free text (messages, notes) an excuse also needs a word saying something is wrong.
const PROBLEM =
  /\b(broken|broke|not working|doesn'?t work|don'?t work|stopped working|isn'?t working|issue|issues|problem|problems|unstable|not stable|bad|poor|down|slow|weak|dead|died|fail(ed|ing|s)?|glitch|repair|outage|cut|cannot|can'?t|unable)\b/;

/** Excuse families named by a text; `requireProblem` for free text, false for an explicit excuse field. */
export function excuseFamilies(text: string, requireProblem: boolean): string[] {
  const t = normalizeText(text);
  if (requireProblem && !PROBLEM.test(t)) return [];
  const out: string[] = [];
  for (const { family, pattern } of EXCUSE_FAMILIES) {
    if (pattern.test(t)) out.push(family);
  }
  // "laptop camera broken" is a camera excuse, not also a device one.
  if (out.length > 1 && out.includes('device')) out.splice(out.indexOf('device'), 1);
  return out;
}

type Occasion = { path: string; text: string };

export const repeatedExcuse: Detector = {
  signal: def.id,
  detect(bundle) {
    const interviews = bundle.interviews ?? [];
    const comms = bundle.communications ?? [];
    if (interviews.length === 0 && comms.length === 0)
      return notEvaluated('no interviews or messages recorded');
    const byFamily = new Map<string, Occasion[]>();
    const add = (families: string[], occasion: Occasion) => {
      for (const f of families) {
        const list = byFamily.get(f);
        if (list) list.push(occasion);
        else byFamily.set(f, [occasion]);
      }
    };
    for (let i = 0; i < interviews.length; i++) {
      const iv = interviews[i]!;
      if (iv.excuse) {
        add(excuseFamilies(iv.excuse, false), { path: `interviews[${i}]`, text: iv.excuse });
        continue;
      }
      // No excuse field: an interviewer's note reporting a problem the candidate gave still counts, once.
      const families = new Set<string>();
      let sample = '';
      for (const note of iv.observations ?? []) {
        const f = excuseFamilies(note, true);
        if (f.length > 0 && /\b(said|says|claimed|told|excuse|because|blamed)\b/.test(normalizeText(note))) {
          for (const x of f) families.add(x);
          sample ||= note;
        }
      }
      if (families.size > 0) add([...families], { path: `interviews[${i}]`, text: sample });
    }
    for (let i = 0; i < comms.length; i++) {
      const c = comms[i]!;
      if (c.direction === 'outbound' || !c.text) continue;
      add(excuseFamilies(c.text, true), { path: `communications[${i}]`, text: c.text });
    }
    let best: [string, Occasion[]] | undefined;
    for (const entry of byFamily) {
      if (entry[1].length >= 2 && (!best || entry[1].length > best[1].length)) best = entry;
    }
    if (!best) return nothing();
    const [family, occasions] = best;
    const repeated = [...byFamily]
      .filter(([, o]) => o.length >= 2)
      .map(([f, o]) => ({ family: f, count: o.length }));
    const examples = [...new Set(occasions.map((o) => quote(o.text, 60)))].slice(0, 3).join(', ');
    return found(
      fire(
        def,
        'medium',
        occasions.map((o) => o.path),
        { family, count: occasions.length, repeated },
        { examples },
      ),
    );
  },
};
