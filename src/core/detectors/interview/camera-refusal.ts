// interview.camera-refusal — a planned video/in-person interview held without camera or moved off video.
import type { Interview } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { quote } from '../util.ts';

const def = requireSignal('interview.camera-refusal');
const OFF_VIDEO = new Set(['phone', 'chat', 'email']);

/** A held interview that was meant to be face to face (video or in person). */
export function wasPlannedFaceToFace(iv: Interview): boolean {
  const planned = iv.plannedMode ?? iv.actualMode;
  return (
    (planned === 'video' || planned === 'in_person') && (iv.status === undefined || iv.status === 'held')
  );
}

export function cameraRefused(iv: Interview): boolean {
  if (iv.actualMode === 'in_person') return false;
  return iv.cameraOn === false || (iv.actualMode !== undefined && OFF_VIDEO.has(iv.actualMode));
}

export const cameraRefusal: Detector = {
  signal: def.id,
  detect(bundle) {
    const interviews = bundle.interviews;
    if (!interviews || interviews.length === 0) return notEvaluated('no interviews recorded');
    let total = 0;
    const evidence: string[] = [];
    const excuses: string[] = [];
    const movedTo: string[] = [];
    for (let i = 0; i < interviews.length; i++) {
      const iv = interviews[i]!;
      if (!wasPlannedFaceToFace(iv)) continue;
      total++;
      if (!cameraRefused(iv)) continue;
      evidence.push(`interviews[${i}]`);
      if (iv.excuse && !excuses.includes(iv.excuse)) excuses.push(iv.excuse);
      if (iv.actualMode && OFF_VIDEO.has(iv.actualMode)) movedTo.push(iv.actualMode);
    }
    if (total === 0) return notEvaluated('no video or in-person interview was held');
    if (evidence.length === 0) return nothing();
    const count = evidence.length;
    const excuseText =
      excuses.length === 0
        ? ''
        : ` (${excuses.length === 1 ? 'excuse' : 'excuses'}: ${excuses.map((e) => quote(e, 60).slice(1, -1)).join('; ')})`;
    return found(
      fire(
        def,
        count >= 2 ? 'high' : 'medium',
        evidence,
        { count, total, excuses, movedTo },
        { excuses: excuseText },
      ),
    );
  },
};
