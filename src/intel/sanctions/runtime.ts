// Builds the SanctionsLookup from the ACTIVE snapshot (the newest successful import recorded in the store,
// else the snapshot shipped in the repository) and swaps it atomically after an import. Loading is lazy and
// shared: the first caller starts it, everyone waits on the same promise, later calls reuse the result.
// Another process's import is noticed by a cheap check of the active snapshot id (at most every few seconds).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/tables.ts';
import type { SanctionsLookup } from '../../core/intel/sanctions.ts';
import type { IntelLookups } from '../../core/types.ts';
import { type ImportFilesOptions, importSanctionsFiles } from './importers/index.ts';
import { type BuiltLookup, createSanctionsLookup, type LookupStats } from './lookup.ts';
import type { SanctionedWallet, SanctionsEntry, SanctionsListId } from './model.ts';
import { DEFAULT_DATA_DIR, loadDefaultSnapshot, mergeWallets } from './snapshot.ts';

/** One file of a stored snapshot, relative to the snapshot's folder. */
export type StoredFile = {
  path: string;
  sha256: string;
  bytes: number;
  format: string;
  origin: 'upload' | 'carried';
};

export type StoredList = {
  list: SanctionsListId;
  title: string;
  publishedAt?: string;
  entries: number;
  files: StoredFile[];
};

/** What `sanctions_snapshots.lists` holds for an import. */
export type StoredManifest = {
  lists: StoredList[];
  wallets: { entries: number; files: StoredFile[] };
  skipped: number;
};

/** A snapshot in memory: where it came from, its lists and everything parsed from it. */
export type LoadedSnapshot = {
  id: string;
  source: 'default' | 'import';
  /** Folder holding the files (the shipped default-data folder, or <dataDir>/intel/sanctions/<id>). */
  dir: string;
  lists: { list: SanctionsListId; publishedAt?: string; entries: number; files: string[] }[];
  walletFiles: string[];
  entries: SanctionsEntry[];
  wallets: SanctionedWallet[];
  loadMs: number;
};

export type SanctionsRuntime = {
  /** The lookup over the active snapshot; loads it on first use (later calls reuse it). */
  lookup(): Promise<SanctionsLookup>;
  /** The loaded lookup, or undefined while nothing is loaded yet (never blocks). */
  current(): SanctionsLookup | undefined;
  /** The loaded snapshot (for diffs and carrying lists over into an import). */
  snapshot(): Promise<LoadedSnapshot>;
  /** Throws away what is loaded and loads the active snapshot again. */
  reload(): Promise<SanctionsLookup>;
  /** Makes a snapshot that was just imported the current one (atomic swap; running screens keep the old one). */
  activate(snapshot: LoadedSnapshot, lookup?: BuiltLookup): BuiltLookup;
  /** The active snapshot's version, once loaded. */
  readonly version: string | undefined;
  /** Index size and timings of the current lookup, once loaded. */
  readonly stats: (LookupStats & { loadMs: number }) | undefined;
};

export type SanctionsRuntimeOptions = {
  dataDir: string;
  /** Without a store only the shipped default is used (the CLI's `assess`). */
  db?: Kysely<DB>;
  /** How often to look for an import made by another process (default 5 s). */
  recheckMs?: number;
  /** Reads "now" for the recheck interval (tests). */
  nowMs?: () => number;
  /** What to use when nothing was imported (default: the shipped snapshot). */
  loadFallback?: () => Promise<LoadedSnapshot>;
};

export function snapshotDir(dataDir: string, id: string): string {
  return join(dataDir, 'intel', 'sanctions', id);
}

async function activeImportedSnapshot(db: Kysely<DB>): Promise<{ id: string; lists: string } | undefined> {
  return db
    .selectFrom('sanctions_snapshots')
    .select(['id', 'lists'])
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Parses the files of an imported snapshot folder (as listed in its manifest) into a LoadedSnapshot. */
export async function loadStoredSnapshot(
  dir: string,
  id: string,
  manifest: StoredManifest,
  options: ImportFilesOptions = {},
): Promise<LoadedSnapshot> {
  const started = performance.now();
  const listFiles = manifest.lists.flatMap((l) => l.files.map((f) => join(dir, f.path)));
  const walletFiles = manifest.wallets.files.map((f) => join(dir, f.path));
  const result = await importSanctionsFiles([...new Set([...listFiles, ...walletFiles])], options);
  return {
    id,
    source: 'import',
    dir,
    lists: manifest.lists.map((l) => ({
      list: l.list,
      ...(l.publishedAt ? { publishedAt: l.publishedAt } : {}),
      entries: l.entries,
      files: l.files.map((f) => f.path),
    })),
    walletFiles: manifest.wallets.files.map((f) => f.path),
    entries: result.entries,
    wallets: mergeWallets(result.wallets, result.entries),
    loadMs: Math.round(performance.now() - started),
  };
}

/** The shipped snapshot as a LoadedSnapshot (parsed once per process). */
export async function loadShippedSnapshot(): Promise<LoadedSnapshot> {
  const shipped = await loadDefaultSnapshot();
  const manifest = JSON.parse(await readFile(join(DEFAULT_DATA_DIR, 'manifest.json'), 'utf8')) as {
    lists: { list: SanctionsListId; files: { path: string }[] }[];
    wallets: { files: { path: string }[] };
  };
  return {
    id: shipped.snapshotId,
    source: 'default',
    dir: DEFAULT_DATA_DIR,
    lists: shipped.lists.map((l) => ({
      list: l.list,
      publishedAt: l.publishedAt,
      entries: l.entries,
      files: manifest.lists.find((m) => m.list === l.list)?.files.map((f) => f.path) ?? [],
    })),
    walletFiles: manifest.wallets.files.map((f) => f.path),
    entries: shipped.entries,
    wallets: shipped.wallets,
    loadMs: shipped.loadMs,
  };
}

export function buildLookup(snapshot: LoadedSnapshot): BuiltLookup {
  const publishedAt: Partial<Record<SanctionsListId, string>> = {};
  for (const l of snapshot.lists) if (l.publishedAt) publishedAt[l.list] = l.publishedAt;
  return createSanctionsLookup({
    version: snapshot.id,
    entries: snapshot.entries,
    wallets: snapshot.wallets,
    publishedAt,
  });
}

type Loaded = { snapshot: LoadedSnapshot; lookup: BuiltLookup };

let shipped: Promise<Loaded> | undefined;

/** The shipped snapshot and its lookup, built once per process (both are immutable, so runtimes share them). */
function loadShipped(): Promise<Loaded> {
  if (shipped === undefined) {
    const attempt = loadShippedSnapshot().then((snapshot) => ({ snapshot, lookup: buildLookup(snapshot) }));
    shipped = attempt;
    attempt.catch(() => {
      if (shipped === attempt) shipped = undefined;
    });
  }
  return shipped;
}

export function createSanctionsRuntime(options: SanctionsRuntimeOptions): SanctionsRuntime {
  const recheckMs = options.recheckMs ?? 5000;
  const nowMs = options.nowMs ?? (() => Date.now());
  let loading: Promise<Loaded> | undefined;
  let loaded: Loaded | undefined;
  let checkedAt = 0;

  const loadActive = async (): Promise<Loaded> => {
    const row = options.db ? await activeImportedSnapshot(options.db) : undefined;
    if (!row && !options.loadFallback) return loadShipped();
    const snapshot = row
      ? await loadStoredSnapshot(
          snapshotDir(options.dataDir, row.id),
          row.id,
          JSON.parse(row.lists) as StoredManifest,
        )
      : await (options.loadFallback ?? loadShippedSnapshot)();
    return { snapshot, lookup: buildLookup(snapshot) };
  };

  const start = (): Promise<Loaded> => {
    const attempt = loadActive().then((result) => {
      // An import may have swapped in a newer snapshot while this one was loading.
      if (loading === attempt) loaded = result;
      checkedAt = nowMs();
      return loaded ?? result;
    });
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = undefined;
    });
    return attempt;
  };

  // Whether another process imported a newer snapshot is checked in the background: callers get the loaded
  // lookup at once. Awaiting that query here would deadlock on SQLite, whose only connection is held by the
  // transaction the caller assesses in; the check then simply runs after it commits.
  let checking: Promise<void> | undefined;
  const recheck = (db: NonNullable<typeof options.db>, current: Loaded): void => {
    checkedAt = nowMs();
    checking = activeImportedSnapshot(db)
      .then(async (active) => {
        const activeId = active?.id;
        const isCurrent =
          activeId === undefined ? current.snapshot.source === 'default' : activeId === current.snapshot.id;
        if (!isCurrent && loaded === current) await start();
      })
      .catch(() => {
        // Keep the loaded lookup; the next call after recheckMs tries again.
      })
      .finally(() => {
        checking = undefined;
      });
  };

  const ensure = async (): Promise<Loaded> => {
    if (loaded) {
      if (options.db && checking === undefined && nowMs() - checkedAt >= recheckMs)
        recheck(options.db, loaded);
      return loaded;
    }
    return loading ?? start();
  };

  return {
    async lookup() {
      return (await ensure()).lookup;
    },
    current() {
      return loaded?.lookup;
    },
    async snapshot() {
      return (await ensure()).snapshot;
    },
    async reload() {
      loaded = undefined;
      return (await start()).lookup;
    },
    activate(snapshot, lookup) {
      const built = lookup ?? buildLookup(snapshot);
      loaded = { snapshot, lookup: built };
      loading = Promise.resolve(loaded);
      checkedAt = nowMs();
      return built;
    },
    get version() {
      return loaded?.lookup.version;
    },
    get stats() {
      return loaded ? { ...loaded.lookup.stats, loadMs: loaded.snapshot.loadMs } : undefined;
    },
  };
}

/** Intel lookups whose `sanctions` is always the runtime's current lookup (after `await runtime.lookup()`). */
export function createSanctionsIntel(runtime: SanctionsRuntime): IntelLookups {
  return {
    available: new Set(['sanctions']),
    get sanctions() {
      return runtime.current();
    },
  };
}

let shippedIntel: Promise<IntelLookups> | undefined;

/** Intel over the shipped default snapshot, loaded once per process (for `gatecheck assess`, no store). */
export function loadShippedIntel(): Promise<IntelLookups> {
  shippedIntel ??= (async () => {
    const runtime = createSanctionsRuntime({ dataDir: DEFAULT_DATA_DIR });
    await runtime.lookup();
    return createSanctionsIntel(runtime);
  })();
  return shippedIntel;
}
