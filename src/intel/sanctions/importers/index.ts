import { dirname } from 'node:path';
import type { SanctionedWallet, SanctionsEntry, SanctionsListId } from '../model.ts';
import { importCanadaXml } from './canada-xml.ts';
import { detectFormat, type SanctionsFileFormat } from './detect.ts';
import { SanctionsImportError } from './errors.ts';
import { importOfacCsv, type OfacCsvFiles } from './ofac-csv.ts';
import { importOfacXml } from './ofac-xml.ts';
import type { ReadOptions } from './read.ts';
import { importUnXml } from './un-xml.ts';
import { importWalletList } from './wallets.ts';

export { importCanadaXml } from './canada-xml.ts';
export { detectFormat, type SanctionsFileFormat } from './detect.ts';
export { SanctionsImportError } from './errors.ts';
export { importOfacCsv, type OfacCsvFiles, type OfacCsvResult } from './ofac-csv.ts';
export { parseOfacDate, parseOfacRemarks } from './ofac-remarks.ts';
export { importOfacXml } from './ofac-xml.ts';
export { DEFAULT_MAX_BYTES, type ReadOptions } from './read.ts';
export { importUnXml } from './un-xml.ts';
export { importWalletList, type WalletListFormat, type WalletListResult } from './wallets.ts';

export type ImportedFile = {
  file: string;
  format: SanctionsFileFormat;
  list?: SanctionsListId;
  publishedAt?: string;
};

export type ImportResult = {
  entries: SanctionsEntry[];
  wallets: SanctionedWallet[];
  files: ImportedFile[];
  /** Rows left out with the reason (never silently). */
  skipped: { file: string; line: number; reason: string }[];
};

export type ImportFilesOptions = ReadOptions & {
  /** Explicit formats by file path, overriding detection. */
  formats?: Record<string, SanctionsFileFormat>;
  /** Which OFAC list the legacy CSV / classic XML files belong to (default: cons_* files → ofac-cons, else ofac-sdn). */
  ofacList?: 'ofac-sdn' | 'ofac-cons';
  /** Chain of a plain address list whose file name does not say it. */
  chain?: string;
};

function ofacListFor(file: string, options: ImportFilesOptions): 'ofac-sdn' | 'ofac-cons' {
  return options.ofacList ?? (/cons_|consolidated/i.test(file) ? 'ofac-cons' : 'ofac-sdn');
}

/**
 * Imports any mix of list files: formats are detected from content (or given), OFAC legacy CSV files
 * in the same folder are joined as one set (it must contain the primary sdn/cons_prim file).
 */
export async function importSanctionsFiles(
  files: string[],
  options: ImportFilesOptions = {},
): Promise<ImportResult> {
  const result: ImportResult = { entries: [], wallets: [], files: [], skipped: [] };
  const csvSets = new Map<string, Partial<OfacCsvFiles> & { files: string[] }>();
  for (const file of files) {
    const format = options.formats?.[file] ?? (await detectFormat(file));
    if (
      format === 'ofac-csv-primary' ||
      format === 'ofac-csv-add' ||
      format === 'ofac-csv-alt' ||
      format === 'ofac-csv-comments'
    ) {
      const key = `${dirname(file)}|${ofacListFor(file, options)}`;
      const set = csvSets.get(key) ?? { files: [] };
      set.files.push(file);
      if (format === 'ofac-csv-primary') set.primary = file;
      if (format === 'ofac-csv-add') set.add = file;
      if (format === 'ofac-csv-alt') set.alt = file;
      if (format === 'ofac-csv-comments') set.comments = file;
      csvSets.set(key, set);
      continue;
    }
    if (format === 'ofac-xml') {
      const list = ofacListFor(file, options);
      const imported = await importOfacXml(file, list, options);
      result.entries.push(...imported.entries);
      result.files.push({
        file,
        format,
        list,
        ...(imported.publishedAt ? { publishedAt: imported.publishedAt } : {}),
      });
    } else if (format === 'un-xml') {
      const imported = await importUnXml(file, options);
      result.entries.push(...imported.entries);
      result.files.push({
        file,
        format,
        list: 'un',
        ...(imported.publishedAt ? { publishedAt: imported.publishedAt } : {}),
      });
    } else if (format === 'ca-sema-xml') {
      result.entries.push(...(await importCanadaXml(file, options)).entries);
      result.files.push({ file, format, list: 'ca-sema' });
    } else {
      const imported = await importWalletList(file, format, options);
      result.wallets.push(...imported.wallets);
      result.skipped.push(...imported.skipped.map((s) => ({ file, ...s })));
      result.files.push({ file, format });
    }
  }
  for (const [key, set] of csvSets) {
    if (set.primary === undefined) {
      throw new SanctionsImportError(
        set.files.join(', '),
        'OFAC add/alt/comments files given without their primary sdn.csv / cons_prim.csv',
      );
    }
    const list = key.endsWith('ofac-cons') ? 'ofac-cons' : 'ofac-sdn';
    const { files: _files, ...paths } = set;
    const imported = await importOfacCsv({ ...paths, primary: set.primary }, list, options);
    result.entries.push(...imported.entries);
    for (const file of set.files)
      result.files.push({ file, format: options.formats?.[file] ?? (await detectFormat(file)), list });
  }
  return result;
}
