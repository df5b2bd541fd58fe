// links.known-indicator — one of the subject's identifiers (email, phone, wallet, email or profile domain,
// GitHub account, profile URL, application or sign-in IP) matches a threat indicator another organisation
// shared (imported from STIX 2.1 or CSV). Only indicators in force at the assessment time count. Not
// evaluated when no indicators are loaded. An indicator shared as a salted hash (email, phone) matches when
// the subject's own value hashed with the agreed salt is the same hash: the evidence says so and names the
// import, and holds nothing of the other organisation's list but that hash's source.
import { type IndicatorHit, inForce } from '../../intel/indicators.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { type IndicatorCandidate, indicatorCandidates } from './indicator-candidates.ts';

const def = requireSignal('links.known-indicator');

type Match = { candidate: IndicatorCandidate; hits: IndicatorHit[] };

export const knownIndicator: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const lookup = ctx.intel.indicators;
    if (!lookup || lookup.size === 0) return notEvaluated('no threat indicators are imported');
    const matches: Match[] = [];
    for (const candidate of indicatorCandidates(bundle)) {
      const hits = lookup.match(candidate.kind, candidate.value).filter((h) => inForce(h, ctx.now));
      if (hits.length > 0) matches.push({ candidate, hits });
    }
    const top = matches[0];
    if (!top) return nothing();
    const sources = [...new Set(matches.flatMap((m) => m.hits.map((h) => h.source)))];
    const topHit = top.hits[0]!;
    return found(
      fire(
        def,
        'critical',
        [...new Set(matches.flatMap((m) => m.candidate.paths))],
        {
          count: matches.length,
          sources,
          matches: matches.map((m) => ({
            kind: m.candidate.kind,
            value: m.candidate.value,
            paths: m.candidate.paths,
            indicators: m.hits.map((h) => ({
              source: h.source,
              labels: [...h.labels],
              importId: h.importId,
              ...(h.description !== undefined ? { description: h.description } : {}),
              ...(h.validUntil !== undefined ? { validUntil: h.validUntil } : {}),
              ...(h.stixId !== undefined ? { stixId: h.stixId } : {}),
              ...(h.hashed ? { hashed: true } : {}),
            })),
          })),
        },
        {
          what: `${top.candidate.what} ${top.candidate.value}${matches.length > 1 ? ` (and ${matches.length - 1} more identifier${matches.length > 2 ? 's' : ''})` : ''}`,
          indicator: `shared by ${topHit.source}${topHit.hashed ? ` as a salted hash (a fingerprint of the value, not the value itself; import ${topHit.importId})` : ''}${topHit.labels.length > 0 ? `: ${topHit.labels.join(', ')}` : ''}`,
        },
      ),
    );
  },
};
