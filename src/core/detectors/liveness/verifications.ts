// Reading gatecheck's own liveness sessions from a bundle: `verifications[]` items of kind `liveness`,
// each `{ status, sentAt?, expiresAt?, at?, result? }` where `result` is the LivenessResult the server
// recomputed from the trace. A bundle can come from outside, so a result is used only when its shape holds.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { KeyframeVerdict, LivenessFinding, LivenessResult } from '../../liveness/types.ts';

export type LivenessItem = { index: number; status: string | undefined; item: Record<string, unknown> };
export type LivenessOutcome = { index: number; result: LivenessResult; path: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function livenessItems(bundle: CaseBundle): LivenessItem[] {
  const out: LivenessItem[] = [];
  (bundle.verifications ?? []).forEach((v, index) => {
    if (v.kind === 'liveness') out.push({ index, status: v.status, item: v as Record<string, unknown> });
  });
  return out;
}

/** A LivenessResult, or null when the value does not have its shape. */
export function asLivenessResult(value: unknown): LivenessResult | null {
  if (!isObject(value) || value.version !== 1) return null;
  const { integrity, challenges, findings, virtualCamera, faceMatch } = value;
  if (!isObject(integrity) || !Array.isArray(integrity.problems)) return null;
  if (!Array.isArray(challenges) || !challenges.every((c) => isObject(c) && typeof c.passed === 'boolean'))
    return null;
  if (!Array.isArray(findings) || !findings.every((f) => isObject(f) && typeof f.kind === 'string'))
    return null;
  if (!isObject(virtualCamera) || typeof virtualCamera.flagged !== 'boolean') return null;
  if (
    faceMatch !== null &&
    faceMatch !== undefined &&
    !(isObject(faceMatch) && typeof faceMatch.matched === 'boolean')
  )
    return null;
  return value as unknown as LivenessResult;
}

/** The liveness sessions that carry a usable result. */
export function livenessOutcomes(bundle: CaseBundle): LivenessOutcome[] {
  const out: LivenessOutcome[] = [];
  for (const { index, item } of livenessItems(bundle)) {
    const result = asLivenessResult(item.result);
    if (result) out.push({ index, result, path: `verifications[${index}].result` });
  }
  return out;
}

export const NO_VERIFICATION = 'no liveness verification was sent';
const NO_COMPLETED = 'no completed liveness verification';

/** Why a result-reading detector has nothing to evaluate. */
export function noResultReason(bundle: CaseBundle): string {
  return livenessItems(bundle).length === 0 ? NO_VERIFICATION : NO_COMPLETED;
}

/** Moments as readable seconds: `12.4 s, 13.1 s`. */
export function momentsText(moments: readonly number[]): string {
  return moments
    .slice(0, 3)
    .map((m) => `${Math.round(m / 100) / 10} s`)
    .join(', ');
}

/** The findings of one kind (strong evidence only), with their evidence paths. */
export function findingsOf(
  outcomes: readonly LivenessOutcome[],
  kind: LivenessFinding['kind'],
): { finding: LivenessFinding; path: string; outcome: LivenessOutcome }[] {
  const out: { finding: LivenessFinding; path: string; outcome: LivenessOutcome }[] = [];
  for (const o of outcomes)
    o.result.findings.forEach((finding, k) => {
      if (finding.kind === kind && !finding.weak)
        out.push({ finding, path: `${o.path}.findings[${k}]`, outcome: o });
    });
  return out;
}

/** A keyframe quoted by a signal, so the UI can show the captured picture next to the explanation. */
export type QuotedKeyframe = {
  /** Evidence path of the verdict, e.g. `verifications[0].result.keyframes[2]`. */
  path: string;
  /** The keyframe's index (GET …/verifications/{sessionId}/keyframes/{index}). */
  index: number;
  t: number;
  agrees: boolean;
  detail: string;
};

function keyframesOf(result: LivenessResult): KeyframeVerdict[] {
  const list = (result as { keyframes?: unknown }).keyframes;
  return Array.isArray(list)
    ? list.filter(
        (k): k is KeyframeVerdict =>
          isObject(k) &&
          typeof k.index === 'number' &&
          typeof k.t === 'number' &&
          typeof k.agrees === 'boolean',
      )
    : [];
}

/** The session's keyframes that disagree with its trace. */
export function disagreeingKeyframes(o: LivenessOutcome): QuotedKeyframe[] {
  return keyframesOf(o.result).flatMap((k, j) =>
    k.agrees
      ? []
      : [
          {
            path: `${o.path}.keyframes[${j}]`,
            index: k.index,
            t: k.t,
            agrees: false,
            detail: String(k.detail),
          },
        ],
  );
}

/** The session's keyframes taken within `withinMs` of any of the moments (the pictures of those moments). */
export function keyframesNear(
  o: LivenessOutcome,
  moments: readonly number[],
  withinMs = 1000,
): QuotedKeyframe[] {
  return keyframesOf(o.result).flatMap((k, j) =>
    moments.some((m) => Math.abs(m - k.t) <= withinMs)
      ? [
          {
            path: `${o.path}.keyframes[${j}]`,
            index: k.index,
            t: k.t,
            agrees: k.agrees,
            detail: String(k.detail),
          },
        ]
      : [],
  );
}
