import { emptyEntry, type SanctionsEntry, type SanctionsEntryKind, type SanctionsListId } from '../model.ts';
import { toCountryCode } from './country.ts';
import { SanctionsImportError } from './errors.ts';
import { parseOfacRemarks } from './ofac-remarks.ts';
import { type ReadOptions, streamCsv } from './read.ts';

/** The files of one OFAC legacy CSV publication (SDN: sdn/add/alt/sdn_comments; non-SDN: cons_prim/…). */
export type OfacCsvFiles = { primary: string; add?: string; alt?: string; comments?: string };

export type OfacCsvResult = {
  entries: SanctionsEntry[];
  /** Rows read per file, and rows of add/alt/comments whose ent_num is not in the primary file (dropped). */
  stats: {
    rows: { primary: number; add: number; alt: number; comments: number };
    unresolved: { add: number; alt: number; comments: number };
    /** Remarks cut at OFAC's 1,000-character limit whose spill-over was not supplied (last part ignored). */
    truncatedRemarks: number;
  };
};

const COLUMNS = { primary: 12, add: 6, alt: 5, comments: 2 } as const;

/** OFAC writes "-0- " for null. */
function value(field: string | undefined): string | undefined {
  const text = (field ?? '').trim();
  return text === '' || text === '-0-' ? undefined : text;
}

function entNum(file: string, field: string | undefined, line: number): string {
  const text = (field ?? '').trim();
  if (!/^\d+$/.test(text)) {
    throw new SanctionsImportError(file, `ent_num must be a number, got "${text.slice(0, 40)}"`, { line });
  }
  return text;
}

function checkColumns(file: string, fields: string[], expected: number, line: number) {
  if (fields.length !== expected) {
    throw new SanctionsImportError(file, `expected ${expected} columns, found ${fields.length}`, { line });
  }
}

function kindOf(type: string | undefined): SanctionsEntryKind {
  switch (type?.toLowerCase()) {
    case undefined:
      return 'entity';
    case 'individual':
      return 'individual';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      return 'unknown';
  }
}

export function splitPrograms(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/\]\s*\[/)
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter((p) => p !== '');
}

/**
 * Imports an OFAC legacy CSV set. Spill-over remarks from the comments file are appended to the
 * primary row's Remarks before parsing; add/alt/comments rows for unknown ent_nums are counted and dropped.
 */
export async function importOfacCsv(
  files: OfacCsvFiles,
  list: Extract<SanctionsListId, 'ofac-sdn' | 'ofac-cons'>,
  options: ReadOptions = {},
): Promise<OfacCsvResult> {
  const byId = new Map<string, SanctionsEntry>();
  const remarks = new Map<string, string>();
  const stats: OfacCsvResult['stats'] = {
    rows: { primary: 0, add: 0, alt: 0, comments: 0 },
    unresolved: { add: 0, alt: 0, comments: 0 },
    truncatedRemarks: 0,
  };

  for await (const { fields, line } of streamCsv(files.primary, options)) {
    checkColumns(files.primary, fields, COLUMNS.primary, line);
    const id = entNum(files.primary, fields[0], line);
    const name = value(fields[1]);
    if (name === undefined) throw new SanctionsImportError(files.primary, 'SDN_Name is empty', { line });
    if (byId.has(id)) throw new SanctionsImportError(files.primary, `duplicate ent_num ${id}`, { line });
    const entry = emptyEntry(list, id, kindOf(value(fields[2])), name);
    entry.programs = splitPrograms(value(fields[3]));
    const callSign = value(fields[5]);
    if (callSign !== undefined) entry.documents.push({ type: 'Call Sign', number: callSign });
    byId.set(id, entry);
    const text = value(fields[11]);
    if (text !== undefined) remarks.set(id, (fields[11] ?? '').replace(/^\s+/, ''));
    stats.rows.primary += 1;
  }

  if (files.comments !== undefined) {
    for await (const { fields, line } of streamCsv(files.comments, options)) {
      checkColumns(files.comments, fields, COLUMNS.comments, line);
      const id = entNum(files.comments, fields[0], line);
      stats.rows.comments += 1;
      if (!byId.has(id)) {
        stats.unresolved.comments += 1;
        continue;
      }
      remarks.set(id, `${remarks.get(id) ?? ''}${fields[1] ?? ''}`);
    }
  }

  for (const [id, text] of remarks) {
    const entry = byId.get(id);
    if (entry === undefined) continue;
    const trimmed = text.trim();
    entry.remarks = trimmed;
    const truncated = text.length >= 1000 && !trimmed.endsWith('.');
    if (truncated) stats.truncatedRemarks += 1;
    const parsed = parseOfacRemarks(trimmed, { truncated });
    entry.aliases.push(...parsed.aliases);
    entry.datesOfBirth.push(...parsed.datesOfBirth);
    entry.placesOfBirth.push(...parsed.placesOfBirth);
    entry.nationalities.push(...parsed.nationalities);
    entry.documents.push(...parsed.documents);
    entry.wallets.push(...parsed.wallets);
  }

  if (files.alt !== undefined) {
    for await (const { fields, line } of streamCsv(files.alt, options)) {
      checkColumns(files.alt, fields, COLUMNS.alt, line);
      const id = entNum(files.alt, fields[0], line);
      stats.rows.alt += 1;
      const entry = byId.get(id);
      if (entry === undefined) {
        stats.unresolved.alt += 1;
        continue;
      }
      const name = value(fields[3]);
      if (name === undefined) continue;
      const known = entry.aliases.some((a) => a.name.toLowerCase() === name.toLowerCase());
      if (!known) entry.aliases.push({ name, quality: 'strong' });
    }
  }

  if (files.add !== undefined) {
    for await (const { fields, line } of streamCsv(files.add, options)) {
      checkColumns(files.add, fields, COLUMNS.add, line);
      const id = entNum(files.add, fields[0], line);
      stats.rows.add += 1;
      const entry = byId.get(id);
      if (entry === undefined) {
        stats.unresolved.add += 1;
        continue;
      }
      const country = value(fields[4]);
      const text = [value(fields[2]), value(fields[3]), country].filter((p) => p !== undefined).join(', ');
      if (text === '') continue;
      entry.addresses.push(country === undefined ? { text } : { text, country: toCountryCode(country) });
    }
  }

  return { entries: [...byId.values()], stats };
}
