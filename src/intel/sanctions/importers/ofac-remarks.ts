import type { SanctionsAlias, SanctionsDocument, SanctionsWallet } from '../model.ts';
import { toCountryCode } from './country.ts';

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/**
 * OFAC date text → YYYY, YYYY-MM or YYYY-MM-DD: "12 Jan 1970", "Jan 1970", "1970", "circa 1970",
 * "1962 to 1964" (every year of a range up to 20 years), "01/31/1970".
 */
export function parseOfacDate(raw: string): string[] {
  const text = raw.trim().replace(/^circa\s+/i, '');
  const range = /^(\d{4})\s+to\s+(\d{4})$/.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to < from || to - from > 20) return [String(from), String(to)];
    const years: string[] = [];
    for (let year = from; year <= to; year += 1) years.push(String(year));
    return years;
  }
  const full = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(text);
  if (full) {
    const month = MONTHS[(full[2] ?? '').toLowerCase()];
    if (month !== undefined) return [`${full[3]}-${month}-${(full[1] ?? '').padStart(2, '0')}`];
  }
  const monthYear = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(text);
  if (monthYear) {
    const month = MONTHS[(monthYear[1] ?? '').toLowerCase()];
    if (month !== undefined) return [`${monthYear[2]}-${month}`];
  }
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (us) return [`${us[3]}-${us[1]}-${us[2]}`];
  const iso = /^(\d{4})(-\d{2}(-\d{2})?)?$/.exec(text);
  if (iso) return [text];
  return [];
}

/** Identifier types that are documents a subject could present or that identify an entity. */
const DOCUMENT_TYPES = [
  'Passport',
  'Diplomatic Passport',
  'National ID No.',
  'Identification Number',
  'Cedula No.',
  'SSN',
  'Tax ID No.',
  'Registration Number',
  'Registration ID',
  'Business Registration Number',
  'Business Number',
  'Company Number',
  'UK Company Number',
  'Commercial Registry Number',
  "Driver's License No.",
  'C.U.R.P.',
  'R.F.C.',
  'NIT #',
  'RUC #',
  'D.N.I.',
  "Citizen's Card Number",
  'Residency Number',
  'Personal ID Card',
  'Birth Certificate Number',
  'Kenyan ID No.',
  'Travel Document Number',
  'Government Gazette Number',
  'Legal Entity Number',
  'SWIFT/BIC',
  'Vessel Registration Identification',
  "Aircraft Manufacturer's Serial Number (MSN)",
  'Aircraft Tail Number',
  'Stateless Person Passport',
  'Refugee ID Card',
  "Seafarer's Identification Document",
  'Trade License No.',
  'Chinese Commercial Code',
  'Public Security and Immigration No.',
  'MMSI',
  'Unified Social Credit Code (USCC)',
].sort((a, b) => b.length - a.length);

export type ParsedRemarks = {
  aliases: SanctionsAlias[];
  datesOfBirth: string[];
  placesOfBirth: string[];
  nationalities: string[];
  documents: SanctionsDocument[];
  wallets: SanctionsWallet[];
};

const WALLET = /^Digital Currency Address - ([A-Z0-9]+) (\S+)/;

/** A "Digital Currency Address - XBT 1abc" feature (also used by the XML idList), or undefined. */
export function parseWalletFeature(text: string): SanctionsWallet | undefined {
  const match = WALLET.exec(text.trim());
  if (!match) return undefined;
  return { chain: match[1] ?? '', address: (match[2] ?? '').replace(/[.;,]+$/, '') };
}

/** Splits "1234 (Korea, North) expires 24 Dec 2024" into number and country. */
export function parseDocumentValue(type: string, value: string): SanctionsDocument | undefined {
  const match = /^(.+?)(?:\s+\(([^)]+)\))?(?:\s+(?:expires|issued|alt\.|Issue Date).*)?$/.exec(value.trim());
  if (!match) return undefined;
  const number = (match[1] ?? '').trim();
  if (number === '') return undefined;
  const country = match[2];
  return country === undefined ? { type, number } : { type, number, country: toCountryCode(country) };
}

function parseDocument(part: string): SanctionsDocument | undefined {
  for (const type of DOCUMENT_TYPES) {
    if (part.startsWith(`${type} `)) return parseDocumentValue(type, part.slice(type.length + 1));
  }
  return undefined;
}

function unquote(text: string): string {
  return text
    .trim()
    .replace(/^['"]+/, '')
    .replace(/['".]+$/, '')
    .trim();
}

/**
 * Parses OFAC's legacy Remarks column ("DOB 12 Jan 1970; POB …; nationality Korea, North;
 * Passport 1234 (Korea, North); Digital Currency Address - XBT 1abc…; a.k.a. 'X'") into fields.
 * What it does not recognise stays only in the remarks text.
 */
export function parseOfacRemarks(remarks: string, options: { truncated?: boolean } = {}): ParsedRemarks {
  const parsed: ParsedRemarks = {
    aliases: [],
    datesOfBirth: [],
    placesOfBirth: [],
    nationalities: [],
    documents: [],
    wallets: [],
  };
  const parts = remarks.split(/;\s+/);
  // A remark cut off mid-way (OFAC's 1,000-character column without its spill-over): its last part is unreliable.
  if (options.truncated) parts.pop();
  for (const rawPart of parts) {
    const part = rawPart
      .trim()
      .replace(/\.$/, '')
      .replace(/^alt\.\s+/, '');
    if (part === '') continue;
    const akaMatch = /^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+(.+)$/.exec(part);
    if (akaMatch) {
      const name = unquote(akaMatch[1] ?? '');
      if (name !== '') parsed.aliases.push({ name, quality: 'strong' });
      continue;
    }
    const dob = /^DOB\s+(.+)$/.exec(part);
    if (dob) {
      parsed.datesOfBirth.push(...parseOfacDate(dob[1] ?? ''));
      continue;
    }
    const pob = /^POB\s+(.+)$/.exec(part);
    if (pob) {
      parsed.placesOfBirth.push((pob[1] ?? '').trim());
      continue;
    }
    const nationality = /^(?:nationality|citizen)\s+(.+)$/.exec(part);
    if (nationality) {
      parsed.nationalities.push(toCountryCode(nationality[1] ?? ''));
      continue;
    }
    const wallet = parseWalletFeature(part);
    if (wallet) {
      parsed.wallets.push(wallet);
      continue;
    }
    const document = parseDocument(part);
    if (document) parsed.documents.push(document);
  }
  parsed.nationalities = [...new Set(parsed.nationalities)];
  parsed.datesOfBirth = [...new Set(parsed.datesOfBirth)];
  return parsed;
}
