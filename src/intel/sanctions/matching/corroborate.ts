// Corroboration: compare the candidate's other identifiers with a list entry's, field by field, and classify
// the match. Fairness rule: a name alone is at most `medium` ("possible match — needs review");
// `high` needs a second identifier that agrees (date or year of birth, address; nationality alone is not enough); `critical` needs a document/wallet, or DOB + nationality.
import { foldText } from './normalize.ts';

export type CandidateFacts = {
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  dateOfBirth?: string;
  /** ISO 3166 alpha-2 codes or country names */
  nationalities?: string[];
  documents?: string[];
  addresses?: string[];
  wallets?: string[];
};

export type EntryFacts = {
  datesOfBirth: string[];
  nationalities: string[];
  documents: string[];
  addresses: string[];
  wallets?: string[];
};

export type CorroborationField = 'dateOfBirth' | 'nationality' | 'document' | 'address' | 'wallet';
export type FieldStatus = 'agrees' | 'conflicts' | 'unknown';

export type FieldCorroboration = {
  field: CorroborationField;
  status: FieldStatus;
  /** exact = full date, document or wallet; partial = year of birth only, or a city/country-level address */
  strength: 'exact' | 'partial' | 'none';
  detail: string;
};

export type Corroboration = { fields: FieldCorroboration[] };

export type Severity = 'medium' | 'high' | 'critical';
export type MatchClass = { severity: Severity | null; reasons: string[] };

// Country names as lists write them → ISO alpha-2. Enough for the lists' DPRK-related entries and the
// countries DPRK IT workers claim; anything else is compared as folded text.
const COUNTRY_ALIASES: Record<string, string> = {
  'democratic peoples republic of korea': 'KP',
  'north korea': 'KP',
  dprk: 'KP',
  'korea north': 'KP',
  'korea democratic peoples republic of': 'KP',
  prk: 'KP',
  'republic of korea': 'KR',
  'south korea': 'KR',
  korea: 'KR',
  'korea south': 'KR',
  kor: 'KR',
  china: 'CN',
  'peoples republic of china': 'CN',
  chn: 'CN',
  'russian federation': 'RU',
  russia: 'RU',
  rus: 'RU',
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  japan: 'JP',
  jpn: 'JP',
  canada: 'CA',
  'united kingdom': 'GB',
  uk: 'GB',
  'great britain': 'GB',
  vietnam: 'VN',
  'viet nam': 'VN',
  laos: 'LA',
  'lao peoples democratic republic': 'LA',
  cambodia: 'KH',
  'united arab emirates': 'AE',
  uae: 'AE',
  syria: 'SY',
  'syrian arab republic': 'SY',
  iran: 'IR',
  'iran islamic republic of': 'IR',
  pakistan: 'PK',
  ukraine: 'UA',
  belarus: 'BY',
  mongolia: 'MN',
  singapore: 'SG',
  malaysia: 'MY',
  thailand: 'TH',
  philippines: 'PH',
  india: 'IN',
  nigeria: 'NG',
  mexico: 'MX',
  colombia: 'CO',
  spain: 'ES',
  germany: 'DE',
  france: 'FR',
  italy: 'IT',
  poland: 'PL',
  iraq: 'IQ',
  afghanistan: 'AF',
  yemen: 'YE',
  somalia: 'SO',
  sudan: 'SD',
  libya: 'LY',
  lebanon: 'LB',
  egypt: 'EG',
  'saudi arabia': 'SA',
  turkey: 'TR',
  turkiye: 'TR',
};

/** ISO alpha-2 code for a country name or code (folded text when unknown). */
export function countryCode(value: string): string {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  const folded = foldText(trimmed);
  return COUNTRY_ALIASES[folded] ?? folded;
}

type PartialDate = { year: number; month?: number; day?: number };

function parseDate(value: string): PartialDate | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value.trim());
  if (!m) return null;
  const out: PartialDate = { year: Number(m[1]) };
  if (m[2]) out.month = Number(m[2]);
  if (m[3]) out.day = Number(m[3]);
  return out;
}

function compareDob(candidate: string | undefined, entry: string[]): FieldCorroboration {
  const field = 'dateOfBirth' as const;
  const c = candidate ? parseDate(candidate) : null;
  const listed = entry.map(parseDate).filter((d): d is PartialDate => d !== null);
  if (!c || listed.length === 0)
    return { field, status: 'unknown', strength: 'none', detail: 'no date of birth to compare' };
  for (const d of listed) {
    if (d.year !== c.year) continue;
    const full = d.month !== undefined && d.day !== undefined && c.month !== undefined && c.day !== undefined;
    if (full && (d.month !== c.month || d.day !== c.day)) continue;
    return {
      field,
      status: 'agrees',
      strength: full ? 'exact' : 'partial',
      detail: full ? `date of birth ${candidate} is listed` : `year of birth ${c.year} is listed`,
    };
  }
  return {
    field,
    status: 'conflicts',
    strength: 'none',
    detail: `date of birth ${candidate} differs from the listed ${entry.join(', ')}`,
  };
}

function compareSets(
  field: CorroborationField,
  candidate: string[] | undefined,
  entry: string[] | undefined,
  key: (v: string) => string,
  strength: 'exact' | 'partial',
  conflictOnDifference: boolean,
): FieldCorroboration {
  const c = (candidate ?? []).map(key).filter((v) => v.length > 0);
  const e = (entry ?? []).map(key).filter((v) => v.length > 0);
  if (c.length === 0 || e.length === 0)
    return { field, status: 'unknown', strength: 'none', detail: `no ${field} to compare` };
  const hit = c.find((v) => e.includes(v));
  if (hit !== undefined) return { field, status: 'agrees', strength, detail: `${field} ${hit} is listed` };
  if (!conflictOnDifference)
    return { field, status: 'unknown', strength: 'none', detail: `${field} not among the listed` };
  return {
    field,
    status: 'conflicts',
    strength: 'none',
    detail: `${field} ${c.join(', ')} differs from the listed ${e.join(', ')}`,
  };
}

const documentKey = (v: string): string => v.toUpperCase().replace(/[^A-Z0-9]/g, '');
const walletKey = (v: string): string =>
  /^0x[0-9a-fA-F]{40}$/.test(v.trim()) ? v.trim().toLowerCase() : v.trim();
const addressKey = (v: string): string => foldText(v);

/** Compare the candidate's identifiers with a list entry's, field by field. */
export function corroborate(candidate: CandidateFacts, entry: EntryFacts): Corroboration {
  return {
    fields: [
      compareDob(candidate.dateOfBirth, entry.datesOfBirth),
      // A different nationality is only weak evidence (people hold several and DPRK workers claim others):
      // recorded as a conflict but it never clears a match on its own.
      compareSets('nationality', candidate.nationalities, entry.nationalities, countryCode, 'partial', true),
      // A different document number proves nothing (people hold several): unknown, not a conflict.
      compareSets('document', candidate.documents, entry.documents, documentKey, 'exact', false),
      compareSets('address', candidate.addresses, entry.addresses, addressKey, 'partial', false),
      compareSets('wallet', candidate.wallets, entry.wallets, walletKey, 'exact', false),
    ],
  };
}

/** Name scores at or above this are strong enough to stand beside a corroborating identifier. */
export const STRONG_NAME_SCORE = 0.84;

/**
 * Severity of a possible list match from the name score and the field-by-field corroboration.
 * null = not a match (name too weak, or a date of birth that conflicts and nothing that agrees).
 */
export function classifyMatch(nameScore: number, corroboration: Corroboration): MatchClass {
  const reasons: string[] = [];
  const agrees = corroboration.fields.filter((f) => f.status === 'agrees');
  const conflicts = corroboration.fields.filter((f) => f.status === 'conflicts');
  const by = (field: CorroborationField) => agrees.find((f) => f.field === field);
  const hardId = by('document') ?? by('wallet');
  for (const f of agrees) reasons.push(`agrees: ${f.detail}`);
  for (const f of conflicts) reasons.push(`conflicts: ${f.detail}`);

  if (hardId && nameScore >= 0.6) {
    reasons.unshift(`name score ${nameScore.toFixed(2)} with a matching ${hardId.field}`);
    return { severity: 'critical', reasons };
  }
  if (nameScore < STRONG_NAME_SCORE) {
    reasons.unshift(`name score ${nameScore.toFixed(2)} below ${STRONG_NAME_SCORE}`);
    return { severity: null, reasons };
  }
  reasons.unshift(`name score ${nameScore.toFixed(2)}`);
  const dobConflict = conflicts.some((f) => f.field === 'dateOfBirth');
  if (dobConflict && agrees.length === 0) {
    reasons.push('different date of birth and nothing else agrees: a different person');
    return { severity: null, reasons };
  }
  const dob = by('dateOfBirth');
  const nationality = by('nationality');
  if (!dobConflict && dob && nationality) return { severity: 'critical', reasons };
  if (dobConflict || conflicts.length > 0) {
    reasons.push('possible match — needs review (identifiers disagree)');
    return { severity: 'medium', reasons };
  }
  // Nationality alone is shared by millions: it does not lift a name match above medium.
  if (agrees.some((f) => f.field !== 'nationality')) return { severity: 'high', reasons };
  reasons.push('possible match — needs review (name only; a second identifier is needed for high)');
  return { severity: 'medium', reasons };
}
