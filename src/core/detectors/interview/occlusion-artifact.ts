// interview.occlusion-artifact — the image glitched when a hand/object passed in front of the face.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText, quote } from '../util.ts';

const def = requireSignal('interview.occlusion-artifact');

const OCCLUDER =
  /\b(hand|hands|finger|fingers|object|cup|mug|pen|paper|phone|glass(es)?|covered|cover(ing)?)\b/;
const FACE = /\bface\b/;
const ARTIFACT =
  /\b(froze|frozen|freez\w*|fad(ed|ing|es)|warp\w*|glitch\w*|blur\w*|flicker\w*|disappear\w*|vanish\w*|passed behind|went behind|behind (it|the face)|distort\w*|artifacts?|ghost\w*|melt\w*|smear\w*)\b/;

/** Whether an interviewer's note describes a face-covering artifact. */
export function describesOcclusionArtifact(note: string): boolean {
  const t = normalizeText(note);
  return FACE.test(t) && OCCLUDER.test(t) && ARTIFACT.test(t);
}

export const occlusionArtifact: Detector = {
  signal: def.id,
  detect(bundle) {
    const interviews = bundle.interviews;
    if (!interviews || interviews.length === 0) return notEvaluated('no interviews recorded');
    let tested = 0;
    const evidence: string[] = [];
    const what: string[] = [];
    for (let i = 0; i < interviews.length; i++) {
      const iv = interviews[i]!;
      const result = iv.checks?.handOcclusion;
      const note = (iv.observations ?? []).find(describesOcclusionArtifact);
      if (result === 'passed' || result === 'artifact' || note) tested++;
      if (result === 'artifact' || (note && result !== 'passed')) {
        evidence.push(`interviews[${i}]`);
        what.push(note ? quote(note, 90) : 'artifact recorded by the interviewer');
      }
    }
    if (tested === 0) return notEvaluated('no interview recorded a face-covering (hand) test');
    if (evidence.length === 0) return nothing();
    return found(fire(def, 'high', evidence, { count: evidence.length, tested }, { what: what.join('; ') }));
  },
};
