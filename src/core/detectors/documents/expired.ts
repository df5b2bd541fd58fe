// documents.expired — an identity document whose expiry date was before it was presented
// (received), or before the assessment time when no receipt date is recorded. The expiry is the printed
// one, or the MRZ's when nothing printed was recorded and its check digits hold (an OCR-read passport).
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isoDay, isTime, toMs } from '../util.ts';
import { parseMrz } from './mrz-read.ts';

const def = requireSignal('documents.expired');
const IDENTITY_KINDS = new Set(['passport', 'national_id', 'drivers_license', 'work_permit']);

function mrzExpiry(mrz: readonly string[] | undefined, now: Date): string | undefined {
  if (!mrz || mrz.length === 0) return undefined;
  const r = parseMrz(mrz, { now });
  return r.supported && r.checkDigitsValid ? (r.fields.expirationDate ?? undefined) : undefined;
}

export const documentsExpired: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const docs = bundle.documents ?? [];
    let withExpiry = 0;
    const evidence: string[] = [];
    const expired: { kind: string; expiry: string; presented: string }[] = [];
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (d.kind !== undefined && !IDENTITY_KINDS.has(d.kind)) continue;
      const expiry = d.fields?.expiry ?? mrzExpiry(d.mrz, ctx.now);
      if (!expiry) continue;
      withExpiry++;
      const received = toMs(d.receivedAt);
      const presented = isTime(received) ? received : ctx.now.getTime();
      // A document is valid through its expiry day: expired means the expiry day ended before presentation.
      if (toMs(expiry) + 86_400_000 > presented) continue;
      evidence.push(d.fields?.expiry ? `documents[${i}].fields.expiry` : `documents[${i}].mrz`);
      expired.push({ kind: d.kind ?? 'document', expiry, presented: isoDay(presented) });
    }
    if (withExpiry === 0) return notEvaluated('no identity document with an expiry date');
    if (expired.length === 0) return nothing();
    const first = expired[0]!;
    return found(
      fire(
        def,
        'medium',
        evidence,
        { count: expired.length, expired, expiry: first.expiry, presented: first.presented },
        { document: first.kind.replace(/_/g, ' ') },
      ),
    );
  },
};
