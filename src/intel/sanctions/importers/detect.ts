import { basename } from 'node:path';
import { SanctionsImportError } from './errors.ts';
import { readHead } from './read.ts';

export type SanctionsFileFormat =
  | 'ofac-csv-primary'
  | 'ofac-csv-add'
  | 'ofac-csv-alt'
  | 'ofac-csv-comments'
  | 'ofac-xml'
  | 'un-xml'
  | 'ca-sema-xml'
  | 'wallet-txt'
  | 'wallet-json'
  | 'wallet-csv';

/** Counts the fields of one CSV line (quotes respected), enough for sniffing. */
function countFields(line: string): number {
  let count = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) count += 1;
  }
  return count;
}

function rootElement(head: string): string | undefined {
  const withoutProlog = head.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  return /<([A-Za-z_][\w.:-]*)/.exec(withoutProlog)?.[1]?.replace(/^.*:/, '');
}

/** Tells the format of a sanctions file from its first bytes (its name only breaks ties for OFAC CSVs). */
export async function detectFormat(file: string): Promise<SanctionsFileFormat> {
  const head = (await readHead(file)).replace(/^\uFEFF/, '');
  const trimmed = head.trimStart();
  if (trimmed.startsWith('<')) {
    if (/<!DOCTYPE|<!ENTITY/i.test(head)) {
      throw new SanctionsImportError(file, 'a DOCTYPE is not allowed (entity declarations are refused)');
    }
    const root = rootElement(trimmed);
    if (root === 'sdnList') return 'ofac-xml';
    if (root === 'CONSOLIDATED_LIST') return 'un-xml';
    if (root === 'data-set') return 'ca-sema-xml';
    throw new SanctionsImportError(file, `unknown XML document (root <${root ?? '?'}>)`);
  }
  if (trimmed.startsWith('[')) return 'wallet-json';
  const firstLine = trimmed.split(/\r?\n/, 1)[0] ?? '';
  const lower = firstLine.toLowerCase();
  if (/^"?address"?\s*,/.test(lower) || /^ent_num,sdn_name,/.test(lower)) return 'wallet-csv';
  if (/^\d+,/.test(firstLine)) {
    const fields = countFields(firstLine);
    if (fields === 12) return 'ofac-csv-primary';
    if (fields === 6) return 'ofac-csv-add';
    if (fields === 5 && /^\d+,\d+,"?[afn]ka"?,/i.test(firstLine)) return 'ofac-csv-alt';
    if (/comments/i.test(basename(file)) || fields <= 2) return 'ofac-csv-comments';
  }
  if (/^[A-Za-z0-9:]{20,120}\r?$/.test(firstLine)) return 'wallet-txt';
  throw new SanctionsImportError(file, 'cannot tell the format from the first bytes; pass it explicitly', {
    line: 1,
  });
}
