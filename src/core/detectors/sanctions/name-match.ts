// sanctions.name-match — the person's, an alias's, a reference's, a payee's or a household member's name
// against the sanctions lists. Fairness: a name alone is at most a medium "possible match — needs review";
// only a corroborating identifier (date of birth, nationality, document, address) makes it high or critical.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { corroborationText, peopleOf, screenParties } from './parties.ts';

const def = requireSignal('sanctions.name-match');

export const nameMatch: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    if (!ctx.intel.sanctions) return notEvaluated('no sanctions lists are loaded');
    const parties = peopleOf(bundle);
    if (parties.length === 0) return notEvaluated('no names to screen');
    const { matches, dismissed } = screenParties(parties, bundle, ctx);
    const top = matches[0];
    if (!top) return nothing();
    const evidence = [...new Set(matches.map((m) => m.party.path))];
    return found(
      fire(
        def,
        top.match.severity,
        evidence,
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
          entry: `"${top.match.matchedName}" (${top.match.entryId}${top.match.programs.length > 0 ? `, ${top.match.programs.join(', ')}` : ''}; score ${top.match.score})`,
          list: top.match.listTitle,
          corroboration: `${corroborationText(top.match)}${matches.length > 1 ? `; ${matches.length - 1} more possible match(es) listed` : ''}`,
        },
      ),
    );
  },
};
