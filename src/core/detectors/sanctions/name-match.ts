// sanctions.name-match — the person's, an alias's, a reference's, a payee's or a household member's name
// against the sanctions lists. Fairness: a name alone is at most a medium "possible match — needs review";
// only a corroborating identifier (date of birth, nationality, document, address) makes it high or critical.
import { corroborationText, entryText, peopleOf, screeningDetector } from './parties.ts';

export const nameMatch = screeningDetector(
  'sanctions.name-match',
  peopleOf,
  'no names to screen',
  (top, others) => ({
    name: `"${top.party.query.name}" (${top.party.role})`,
    entry: `${entryText(top)})`,
    list: top.match.listTitle,
    corroboration: `${corroborationText(top.match)}${others > 0 ? `; ${others} more possible match(es) listed` : ''}`,
  }),
);
