// Shared wording and reading of bundle references[]: who a reference is, and whether the relationship is
// personal (a friend or relative vouching for character) rather than professional.
import type { CaseBundle } from '../../bundle/schema.ts';
import { normalizeText, quote } from '../util.ts';

export type Reference = NonNullable<CaseBundle['references']>[number];

/** Relationship words that make a reference personal, not someone speaking for an organisation. */
const PERSONAL = [
  'friend',
  'personal',
  'family',
  'relative',
  'spouse',
  'wife',
  'husband',
  'partner',
  'brother',
  'sister',
  'mother',
  'father',
  'parent',
  'cousin',
  'uncle',
  'aunt',
  'neighbour',
  'neighbor',
  'roommate',
  'flatmate',
  'character',
];
// "business partner" or "partner at the firm" is professional; only a bare "partner" is personal.
const PROFESSIONAL_PARTNER = /\b(business|managing|founding|senior|equity)\s+partner\b|\bpartner\s+(at|of)\b/;

/** Whether a relationship is personal (friend, relative, neighbour, "personal reference"…). */
export function isPersonalRelationship(relationship: string | undefined): boolean {
  if (!relationship) return false;
  const text = normalizeText(relationship.slice(0, 200));
  if (PROFESSIONAL_PARTNER.test(text)) return false;
  const words = new Set(text.split(/[^\p{L}]+/u));
  return PERSONAL.some((w) => words.has(w) || words.has(`${w}s`));
}

const short = (text: string | undefined, max: number) => {
  const t = text?.trim();
  return t ? quote(t, max).slice(1, -1) : undefined;
};

/** "Jane Roe (former manager, Shopwise Inc.)", or "reference 2 (…)" without a name. */
export function referenceLabel(ref: Reference, index: number): string {
  const name = short(ref.name, 60) ?? `reference ${index + 1}`;
  const about = [short(ref.relationship, 40), short(ref.organization, 60)].filter(Boolean);
  return about.length > 0 ? `${name} (${about.join(', ')})` : name;
}

/** The reference's notes quoted for an explanation, when there are any. */
export function notesText(ref: Reference, max = 160): string | undefined {
  const n = ref.notes?.trim();
  return n ? quote(n, max) : undefined;
}
