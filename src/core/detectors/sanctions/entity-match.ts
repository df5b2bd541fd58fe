// sanctions.entity-match — past employers, reference organisations, the staffing vendor, payment platforms and
// payroll banks against listed entities. A strong match on a company is high; corroborated (country, address) or
// near-exact on a distinctive name it is critical; a weak match on a common company name stays medium for review.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { companiesOf, corroborationText, screenParties } from './parties.ts';

const def = requireSignal('sanctions.entity-match');

export const entityMatch: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    if (!ctx.intel.sanctions) return notEvaluated('no sanctions lists are loaded');
    const parties = companiesOf(bundle);
    if (parties.length === 0) return notEvaluated('no employers, vendors or payees to screen');
    const { matches, dismissed } = screenParties(parties, bundle, ctx);
    const top = matches[0];
    if (!top) return nothing();
    return found(
      fire(
        def,
        top.match.severity,
        [...new Set(matches.map((m) => m.party.path))],
        {
          count: matches.length,
          dismissed,
          listVersion: ctx.intel.sanctions.version,
          matches: matches.map(({ party, match }) => ({
            role: party.role,
            path: party.path,
            query: party.query.name,
            ...match,
          })),
        },
        {
          name: `"${top.party.query.name}" (${top.party.role})`,
          entry: `"${top.match.matchedName}" (${top.match.entryId}${top.match.programs.length > 0 ? `, ${top.match.programs.join(', ')}` : ''}; score ${top.match.score}${corroborationText(top.match)})`,
          list: top.match.listTitle,
        },
      ),
    );
  },
};
