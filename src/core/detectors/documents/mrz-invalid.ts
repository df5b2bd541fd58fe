// documents.mrz-invalid — a document's machine-readable lines do not parse, a check digit fails, or the
// issuing state / nationality is no real country code (ICAO "UTO" specimens count: a specimen is not an
// identity document). Visas are not checked (the MRZ library does not read them), so they never fire.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { type MrzResult, parseMrz } from './mrz-read.ts';

const def = requireSignal('documents.mrz-invalid');

/** What is wrong, in words: which field and which digit. */
export function mrzDetail(r: MrzResult): string {
  const parts = r.problems.map((p) =>
    p.message.replace(/: invalid check digit: (.)\. Must be (.)/, ' is $1, should be $2'),
  );
  if (r.specimen) parts.push('UTO (Utopia) is the ICAO specimen code, not a country');
  return parts.join('; ');
}

export const mrzInvalid: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const docs = bundle.documents ?? [];
    let checked = 0;
    const evidence: string[] = [];
    const invalid: { kind: string; format: string | null; problems: MrzResult['problems'] }[] = [];
    const details: string[] = [];
    docs.forEach((d, i) => {
      if (!d.mrz || d.mrz.length === 0) return;
      const r = parseMrz(d.mrz, { now: ctx.now });
      if (!r.supported) return;
      checked++;
      if (r.valid) return;
      evidence.push(`documents[${i}].mrz`);
      invalid.push({ kind: d.kind ?? 'document', format: r.format, problems: r.problems });
      details.push(mrzDetail(r));
    });
    if (checked === 0) return notEvaluated('no document with machine-readable lines that can be checked');
    if (invalid.length === 0) return nothing();
    const first = invalid[0]!;
    return found(
      fire(
        def,
        'critical',
        evidence,
        { count: invalid.length, invalid },
        { document: first.kind.replace(/_/g, ' '), detail: details.join(' | ') },
      ),
    );
  },
};
