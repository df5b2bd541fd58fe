import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SanctionedWallet } from '../model.ts';
import { SanctionsImportError } from './errors.ts';
import { splitPrograms } from './ofac-csv.ts';
import { checkFileSize, type ReadOptions, streamCsv } from './read.ts';

export type WalletListFormat = 'wallet-txt' | 'wallet-json' | 'wallet-csv';

/** The chain of a 0xB10C list from its file name (sanctioned_addresses_XBT.txt → XBT). */
export function chainFromFileName(file: string): string | undefined {
  return /sanctioned_addresses_([A-Z0-9]+)\.(?:txt|json)$/i.exec(basename(file))?.[1]?.toUpperCase();
}

const ADDRESS = /^[A-Za-z0-9:]{20,120}$/;

export type WalletListResult = {
  wallets: SanctionedWallet[];
  /** Rows whose address cannot be one (e.g. cut off in a truncated OFAC remark); they are left out. */
  skipped: { line: number; reason: string }[];
};

function requireChain(file: string, chain: string | undefined): string {
  if (chain === undefined) {
    throw new SanctionsImportError(file, 'cannot tell the chain from the file name; pass it explicitly');
  }
  return chain;
}

/**
 * Imports a list of sanctioned digital-currency addresses: 0xB10C's per-chain `.txt` (one per line) or
 * `.json` (array of strings); ultrasoundmoney's `address,name` CSV (Ethereum); or the
 * `ent_num,sdn_name,programs,currency,address,…` CSV.
 */
export async function importWalletList(
  file: string,
  format: WalletListFormat,
  options: ReadOptions & { chain?: string; source?: string } = {},
): Promise<WalletListResult> {
  const source = options.source ?? basename(file);
  const result: WalletListResult = { wallets: [], skipped: [] };
  const add = (wallet: SanctionedWallet, line: number) => {
    if (ADDRESS.test(wallet.address)) result.wallets.push(wallet);
    else
      result.skipped.push({
        line,
        reason: `not a digital-currency address: "${wallet.address.slice(0, 40)}"`,
      });
  };
  if (format === 'wallet-json') {
    await checkFileSize(file, options);
    const chain = requireChain(file, options.chain ?? chainFromFileName(file));
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new SanctionsImportError(
        file,
        `malformed JSON (${error instanceof Error ? error.message : error})`,
      );
    }
    if (!Array.isArray(parsed)) throw new SanctionsImportError(file, 'expected a JSON array of addresses');
    parsed.forEach((item: unknown, index) => {
      if (typeof item !== 'string') throw new SanctionsImportError(file, `item ${index} is not a string`);
      add({ chain, address: item.trim(), source }, index + 2);
    });
    return result;
  }
  if (format === 'wallet-txt') {
    const chain = requireChain(file, options.chain ?? chainFromFileName(file));
    for await (const { fields, line } of streamCsv(file, options)) {
      if (fields.length !== 1)
        throw new SanctionsImportError(file, 'expected one address per line', { line });
      add({ chain, address: (fields[0] ?? '').trim(), source }, line);
    }
    return result;
  }
  let header: string[] | undefined;
  for await (const { fields, line } of streamCsv(file, options)) {
    if (header === undefined) {
      header = fields.map((f) => f.trim().toLowerCase());
      if (!header.includes('address')) throw new SanctionsImportError(file, 'no "address" column', { line });
      continue;
    }
    if (fields.length !== header.length) {
      throw new SanctionsImportError(file, `expected ${header.length} columns, found ${fields.length}`, {
        line,
      });
    }
    const row = new Map(header.map((key, i) => [key, (fields[i] ?? '').trim()]));
    const address = row.get('address') ?? '';
    const chain = row.get('currency') || options.chain || (address.startsWith('0x') ? 'ETH' : undefined);
    const wallet: SanctionedWallet = { chain: requireChain(file, chain), address, source };
    const name = row.get('name') || row.get('sdn_name');
    if (name) wallet.entityName = name;
    const entNum = row.get('ent_num');
    if (entNum) wallet.entryId = entNum;
    const programs = row.get('programs');
    if (programs) wallet.programs = splitPrograms(programs);
    add(wallet, line);
  }
  return result;
}
