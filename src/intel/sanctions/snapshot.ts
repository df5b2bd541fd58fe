import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCanadaXml } from './importers/canada-xml.ts';
import { SanctionsImportError } from './importers/errors.ts';
import { importOfacCsv } from './importers/ofac-csv.ts';
import { importOfacXml } from './importers/ofac-xml.ts';
import type { ReadOptions } from './importers/read.ts';
import { importUnXml } from './importers/un-xml.ts';
import { importWalletList } from './importers/wallets.ts';
import type { SanctionedWallet, SanctionsEntry, SanctionsListId } from './model.ts';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('./default-data/', import.meta.url));

export type ManifestFileRole = 'primary' | 'add' | 'alt' | 'comments' | 'xml' | 'wallets';

/** One shipped file, unchanged from its publication. `records` is what the importer reads from it. */
export type ManifestFile = {
  path: string;
  role: ManifestFileRole;
  publishedAt: string;
  origin: string;
  sha256: string;
  bytes: number;
  records: number;
  chain?: string;
};

export type ManifestList = {
  list: SanctionsListId;
  format: 'ofac-csv' | 'ofac-xml' | 'un-xml' | 'ca-sema-xml';
  source: string;
  publishedAt: string;
  entries: number;
  files: ManifestFile[];
};

export type SnapshotManifest = {
  /** Identifies this snapshot (for "diff from the previous snapshot"). */
  snapshotId: string;
  lists: ManifestList[];
  wallets: { source: string; entries: number; files: ManifestFile[] };
};

export type SnapshotListInfo = {
  list: SanctionsListId;
  source: string;
  publishedAt: string;
  /** sha256 of the file, or for a multi-file set, of its files' hashes joined by newlines in manifest order. */
  sha256: string;
  entries: number;
};

export type SanctionsSnapshot = {
  snapshotId: string;
  lists: SnapshotListInfo[];
  entries: SanctionsEntry[];
  /** Unique (chain, address) pairs from the address lists and the entries, labelled with their owner when known. */
  wallets: SanctionedWallet[];
  /** How long parsing and verifying took, in milliseconds. */
  loadMs: number;
};

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

export function combinedSha256(files: readonly { sha256: string }[]): string {
  if (files.length === 1 && files[0] !== undefined) return files[0].sha256;
  return createHash('sha256')
    .update(files.map((f) => f.sha256).join('\n'))
    .digest('hex');
}

async function verifyFile(dir: string, file: ManifestFile) {
  const path = join(dir, file.path);
  let actual: string;
  try {
    actual = await sha256File(path);
  } catch (error) {
    throw new SanctionsImportError(path, `listed in manifest.json but cannot be read (${String(error)})`);
  }
  if (actual !== file.sha256) {
    throw new SanctionsImportError(
      path,
      `sha256 mismatch: manifest.json says ${file.sha256}, the file is ${actual}`,
    );
  }
}

function fileFor(list: ManifestList, role: ManifestFileRole, dir: string): string | undefined {
  const file = list.files.find((f) => f.role === role);
  return file === undefined ? undefined : join(dir, file.path);
}

/** Imports one list of a snapshot; returns its entries and the records read per file (in manifest order). */
export async function importManifestList(
  dir: string,
  list: ManifestList,
  options: ReadOptions = {},
): Promise<{ entries: SanctionsEntry[]; records: number[] }> {
  if (list.format === 'ofac-csv') {
    if (list.list !== 'ofac-sdn' && list.list !== 'ofac-cons')
      throw new Error(`ofac-csv cannot be ${list.list}`);
    const primary = fileFor(list, 'primary', dir);
    if (primary === undefined)
      throw new SanctionsImportError(dir, `${list.list}: no primary file in manifest.json`);
    const add = fileFor(list, 'add', dir);
    const alt = fileFor(list, 'alt', dir);
    const comments = fileFor(list, 'comments', dir);
    const { entries, stats } = await importOfacCsv(
      { primary, ...(add ? { add } : {}), ...(alt ? { alt } : {}), ...(comments ? { comments } : {}) },
      list.list,
      options,
    );
    const byRole: Partial<Record<ManifestFileRole, number>> = {
      primary: stats.rows.primary,
      add: stats.rows.add,
      alt: stats.rows.alt,
      comments: stats.rows.comments,
    };
    return { entries, records: list.files.map((f) => byRole[f.role] ?? 0) };
  }
  const file = fileFor(list, 'xml', dir);
  if (file === undefined) throw new SanctionsImportError(dir, `${list.list}: no xml file in manifest.json`);
  let entries: SanctionsEntry[];
  if (list.format === 'un-xml') entries = (await importUnXml(file, options)).entries;
  else if (list.format === 'ca-sema-xml') entries = (await importCanadaXml(file, options)).entries;
  else {
    if (list.list !== 'ofac-sdn' && list.list !== 'ofac-cons')
      throw new Error(`ofac-xml cannot be ${list.list}`);
    entries = (await importOfacXml(file, list.list, options)).entries;
  }
  return { entries, records: [entries.length] };
}

export async function importManifestWallets(
  dir: string,
  files: ManifestFile[],
  options: ReadOptions = {},
): Promise<{ wallets: SanctionedWallet[]; records: number[] }> {
  const wallets: SanctionedWallet[] = [];
  const records: number[] = [];
  for (const file of files) {
    const format = file.path.endsWith('.json')
      ? 'wallet-json'
      : file.path.endsWith('.csv')
        ? 'wallet-csv'
        : 'wallet-txt';
    const imported = await importWalletList(join(dir, file.path), format, {
      ...options,
      ...(file.chain ? { chain: file.chain } : {}),
    });
    wallets.push(...imported.wallets);
    records.push(imported.wallets.length);
  }
  return { wallets, records };
}

/** Case is not significant in 0x (EIP-55) addresses; elsewhere (base58, bech32 lower-case) it is kept. */
function walletKey(chain: string, address: string): string {
  return `${chain.toUpperCase()}:${address.startsWith('0x') ? address.toLowerCase() : address}`;
}

/** Merges the address lists with the wallets of the entries: one row per (chain, address), owner labels kept. */
export function mergeWallets(lists: SanctionedWallet[], entries: SanctionsEntry[]): SanctionedWallet[] {
  const byKey = new Map<string, SanctionedWallet>();
  for (const entry of entries) {
    for (const wallet of entry.wallets) {
      const key = walletKey(wallet.chain, wallet.address);
      if (byKey.has(key)) continue;
      byKey.set(key, {
        chain: wallet.chain,
        address: wallet.address,
        source: entry.list,
        entityName: entry.name,
        entryId: entry.entryId,
        programs: entry.programs,
      });
    }
  }
  for (const wallet of lists) {
    const key = walletKey(wallet.chain, wallet.address);
    const known = byKey.get(key);
    if (known === undefined) byKey.set(key, { ...wallet });
    else if (known.entityName === undefined && wallet.entityName !== undefined)
      known.entityName = wallet.entityName;
  }
  return [...byKey.values()];
}

function countMismatch(dir: string, file: ManifestFile, actual: number): SanctionsImportError {
  return new SanctionsImportError(
    join(dir, file.path),
    `manifest.json says ${file.records} records, the importer read ${actual}`,
  );
}

/** Loads a snapshot folder (manifest.json + files): every file's sha256 and record count is checked. */
export async function loadSnapshot(dir: string, options: ReadOptions = {}): Promise<SanctionsSnapshot> {
  const started = performance.now();
  const manifestPath = join(dir, 'manifest.json');
  let manifest: SnapshotManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as SnapshotManifest;
  } catch (error) {
    throw new SanctionsImportError(manifestPath, `cannot read the manifest (${String(error)})`);
  }
  const allFiles = [...manifest.lists.flatMap((l) => l.files), ...manifest.wallets.files];
  await Promise.all(allFiles.map((file) => verifyFile(dir, file)));

  const entries: SanctionsEntry[] = [];
  const lists: SnapshotListInfo[] = [];
  for (const list of manifest.lists) {
    const imported = await importManifestList(dir, list, options);
    list.files.forEach((file, i) => {
      const actual = imported.records[i] ?? 0;
      if (actual !== file.records) throw countMismatch(dir, file, actual);
    });
    if (imported.entries.length !== list.entries) {
      throw new SanctionsImportError(
        dir,
        `${list.list}: manifest.json says ${list.entries} entries, the importer made ${imported.entries.length}`,
      );
    }
    entries.push(...imported.entries);
    lists.push({
      list: list.list,
      source: list.source,
      publishedAt: list.publishedAt,
      sha256: combinedSha256(list.files),
      entries: imported.entries.length,
    });
  }
  const listed = await importManifestWallets(dir, manifest.wallets.files, options);
  manifest.wallets.files.forEach((file, i) => {
    const actual = listed.records[i] ?? 0;
    if (actual !== file.records) throw countMismatch(dir, file, actual);
  });
  return {
    snapshotId: manifest.snapshotId,
    lists,
    entries,
    wallets: mergeWallets(listed.wallets, entries),
    loadMs: Math.round(performance.now() - started),
  };
}

let defaultSnapshot: Promise<SanctionsSnapshot> | undefined;

/** The snapshot shipped in the repository, parsed once per process (a failed load is not cached). */
export function loadDefaultSnapshot(): Promise<SanctionsSnapshot> {
  if (defaultSnapshot === undefined) {
    defaultSnapshot = loadSnapshot(DEFAULT_DATA_DIR).catch((error: unknown) => {
      defaultSnapshot = undefined;
      throw error;
    });
  }
  return defaultSnapshot;
}

export type ListDiff = { list: SanctionsListId; added: string[]; removed: string[]; changed: string[] };
export type SnapshotDiff = { lists: ListDiff[] };

/** JSON with object keys sorted, so two entries compare by content only. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A short content hash of an entry: it changes when the entry changes (for "dismissed until the entry changes"). */
export function entryVersion(entry: SanctionsEntry): string {
  return createHash('sha256').update(canonical(entry)).digest('hex').slice(0, 16);
}

/** Entry ids added, removed and changed per list, from snapshot `a` (previous) to `b` (next). */
export function diffSnapshots(
  a: Pick<SanctionsSnapshot, 'entries'>,
  b: Pick<SanctionsSnapshot, 'entries'>,
): SnapshotDiff {
  const index = (entries: SanctionsEntry[]) => {
    const byList = new Map<SanctionsListId, Map<string, SanctionsEntry>>();
    for (const entry of entries) {
      const list = byList.get(entry.list) ?? new Map<string, SanctionsEntry>();
      list.set(entry.entryId, entry);
      byList.set(entry.list, list);
    }
    return byList;
  };
  const before = index(a.entries);
  const after = index(b.entries);
  const listIds = [...new Set([...before.keys(), ...after.keys()])].sort();
  return {
    lists: listIds.map((list) => {
      const old = before.get(list) ?? new Map<string, SanctionsEntry>();
      const next = after.get(list) ?? new Map<string, SanctionsEntry>();
      const diff: ListDiff = { list, added: [], removed: [], changed: [] };
      for (const [id, entry] of next) {
        const previous = old.get(id);
        if (previous === undefined) diff.added.push(id);
        else if (canonical(previous) !== canonical(entry)) diff.changed.push(id);
      }
      for (const id of old.keys()) if (!next.has(id)) diff.removed.push(id);
      return diff;
    }),
  };
}
