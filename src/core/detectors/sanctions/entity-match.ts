// sanctions.entity-match — past employers, reference organisations, the staffing vendor, payment platforms and
// payroll banks against listed entities. As for people, the engine's classification decides the severity:
// a name-only match is a medium "possible match — needs review"; a corroborating country or address raises it.
import { companiesOf, corroborationText, entryText, screeningDetector } from './parties.ts';

export const entityMatch = screeningDetector(
  'sanctions.entity-match',
  companiesOf,
  'no employers, vendors or payees to screen',
  (top) => ({
    name: `"${top.party.query.name}" (${top.party.role})`,
    entry: `${entryText(top)}${corroborationText(top.match)})`,
    list: top.match.listTitle,
  }),
);
