// Who and what a bundle names that should be screened: the person (with aliases and the identifiers that can
// corroborate a match), references, payees, household members, and the companies around them.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { ScreeningMatch, ScreeningQuery } from '../../intel/sanctions.ts';
import { dismissalKey } from '../../intel/sanctions.ts';
import type { Detector, DetectorContext, Severity } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isObject, stringField } from '../util.ts';

export type Party = { role: string; path: string; query: ScreeningQuery };

function addressText(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const parts = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'].map((k) =>
    stringField(value, k),
  );
  const text = parts.filter((p): p is string => p !== undefined && p.trim() !== '').join(', ');
  return text === '' ? undefined : text;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** People named in the bundle: the subject (with corroborating identifiers), aliases, references, payees, household. */
export function peopleOf(bundle: CaseBundle): Party[] {
  const subject = bundle.subject;
  const documents = bundle.documents ?? [];
  const nationalities = [
    ...new Set(documents.map((d) => d.fields?.nationality).filter((n): n is string => n !== undefined)),
  ];
  const documentNumbers = documents.map((d) => d.fields?.number).filter((n): n is string => n !== undefined);
  const addresses = (bundle.changes ?? [])
    .filter((c) => c.field === 'home_address')
    .map((c) => addressText(c.to))
    .filter((a): a is string => a !== undefined);
  const countries = subject.claimedLocation?.country ? [subject.claimedLocation.country] : [];
  const identifiers = {
    ...(subject.dateOfBirth ? { dateOfBirth: subject.dateOfBirth } : {}),
    nationalities,
    documentNumbers,
    addresses,
    countries,
  };
  const parties: Party[] = [];
  if (subject.name)
    parties.push({
      role: 'the person',
      path: 'subject.name',
      query: { name: subject.name, kind: 'individual', ...identifiers },
    });
  (subject.aliases ?? []).forEach((alias, i) => {
    parties.push({
      role: 'an alias of the person',
      path: `subject.aliases[${i}]`,
      query: { name: alias, kind: 'individual', ...identifiers },
    });
  });
  for (const [i, doc] of documents.entries()) {
    const printed = doc.fields?.name;
    if (printed && !(subject.name && sameName(printed, subject.name))) {
      parties.push({
        role: 'the name on a document',
        path: `documents[${i}].fields.name`,
        query: { name: printed, kind: 'individual', ...identifiers },
      });
    }
  }
  (bundle.references ?? []).forEach((ref, i) => {
    if (ref.name)
      parties.push({
        role: 'a reference',
        path: `references[${i}].name`,
        query: { name: ref.name, kind: 'individual' },
      });
  });
  (bundle.changes ?? []).forEach((change, i) => {
    if (change.field !== 'bank_account') return;
    const holder = stringField(change.to, 'holder');
    if (holder && !(subject.name && sameName(holder, subject.name))) {
      parties.push({
        role: 'a payee',
        path: `changes[${i}].to.holder`,
        query: { name: holder, kind: 'individual' },
      });
    }
  });
  (subject.household ?? []).forEach((member, i) => {
    if (member.name)
      parties.push({
        role: 'a household member',
        path: `subject.household[${i}].name`,
        query: { name: member.name, kind: 'individual' },
      });
  });
  return parties;
}

/** Companies named in the bundle: past employers, reference organisations, the staffing vendor, payee banks' holders. */
export function companiesOf(bundle: CaseBundle): Party[] {
  const parties: Party[] = [];
  const seen = new Set<string>();
  const add = (name: string | null | undefined, role: string, path: string) => {
    if (!name || name.trim() === '') return;
    const key = name.trim().toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    parties.push({ role, path, query: { name, kind: 'entity' } });
  };
  for (const [i, job] of (bundle.employment ?? []).entries()) {
    add(job.employer, 'a past employer', `employment[${i}].employer`);
  }
  for (const [i, ref] of (bundle.references ?? []).entries()) {
    add(ref.organization, "a reference's organisation", `references[${i}].organization`);
  }
  add(bundle.application?.source?.vendor, 'the staffing vendor', 'application.source.vendor');
  for (const [i, p] of (bundle.payments ?? []).entries()) {
    add(p.platform, 'a payment platform', `payments[${i}].platform`);
  }
  for (const [i, change] of (bundle.changes ?? []).entries()) {
    if (change.field === 'bank_account')
      add(stringField(change.to, 'bank'), 'the payroll bank', `changes[${i}].to.bank`);
  }
  return parties;
}

export type PartyMatch = { party: Party; match: ScreeningMatch };

/** Screens each party, drops matches an investigator dismissed for this subject, best match first. */
export function screenParties(
  parties: readonly Party[],
  bundle: CaseBundle,
  ctx: DetectorContext,
): { matches: PartyMatch[]; dismissed: number } {
  const lookup = ctx.intel.sanctions;
  if (!lookup) return { matches: [], dismissed: 0 };
  const dismissedKeys = ctx.dismissals?.get(bundle.subject.id);
  const matches: PartyMatch[] = [];
  let dismissed = 0;
  for (const party of parties) {
    for (const match of lookup.screen(party.query, { limit: 3 })) {
      if (dismissedKeys?.has(dismissalKey(match))) {
        dismissed += 1;
        continue;
      }
      matches.push({ party, match });
    }
  }
  matches.sort(
    (a, b) =>
      SEVERITY_RANK[b.match.severity] - SEVERITY_RANK[a.match.severity] || b.match.score - a.match.score,
  );
  return { matches, dismissed };
}

export const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** "corroborated by date of birth (1962-04-15) and nationality (KP)" or "; not corroborated: a possible match — needs review". */
export function corroborationText(match: ScreeningMatch): string {
  const agreed = match.corroborated.filter((c) => c.status === 'agrees');
  const conflicts = match.corroborated.filter((c) => c.status === 'conflicts');
  const parts: string[] = [];
  if (agreed.length > 0) parts.push(`, corroborated by ${agreed.map((c) => c.detail).join(' and ')}`);
  else parts.push(' on the name alone: a possible match that needs review');
  if (conflicts.length > 0) parts.push(` (but ${conflicts.map((c) => c.detail).join(' and ')} differ)`);
  return parts.join('');
}

/** What a screening detector writes into its catalog template for the best match. */
export type TemplateText = (top: PartyMatch, others: number) => Record<string, string>;

/**
 * A detector that screens the parties a bundle names and fires once with every undismissed match as data
 * (`data.matches`, for the UI and the report), worded after the best one and as severe as it is.
 */
export function screeningDetector(
  signalId: string,
  partiesOf: (bundle: CaseBundle) => Party[],
  nothingToScreen: string,
  text: TemplateText,
): Detector {
  const def = requireSignal(signalId);
  return {
    signal: def.id,
    detect(bundle, ctx) {
      const lookup = ctx.intel.sanctions;
      if (!lookup) return notEvaluated('no sanctions lists are loaded');
      const parties = partiesOf(bundle);
      if (parties.length === 0) return notEvaluated(nothingToScreen);
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
            listVersion: lookup.version,
            matches: matches.map(({ party, match }) => ({
              role: party.role,
              path: party.path,
              query: party.query.name,
              ...match,
            })),
          },
          text(top, matches.length - 1),
        ),
      );
    },
  };
}

/** `"KIM, Jong Un" (20157, DPRK3; score 100` — the list entry as explanations name it (closing paren by caller). */
export function entryText(top: PartyMatch): string {
  const programs = top.match.programs.length > 0 ? `, ${top.match.programs.join(', ')}` : '';
  return `"${top.match.matchedName}" (${top.match.entryId}${programs}; score ${top.match.score}`;
}
