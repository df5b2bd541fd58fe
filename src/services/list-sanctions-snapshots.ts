// The sanctions list snapshots for the settings page and `gatecheck intel sanctions list`: each list's version,
// date, entry counts and the diff from the previous snapshot. With no import yet, the shipped default is shown.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '../adapters/db/records.ts';
import { listSnapshots } from '../adapters/db/repositories/sanctions-snapshots.repository.ts';
import { listTitle } from '../intel/sanctions/lookup.ts';
import { DEFAULT_DATA_DIR } from '../intel/sanctions/snapshot.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

export type SnapshotView = {
  id: string;
  createdAt: string | null;
  createdBy: string | null;
  source: 'default' | 'import';
  status: 'active' | 'superseded' | 'failed';
  /** Loaded in this process right now. */
  loaded: boolean;
  lists: JsonValue;
  diff: JsonValue | null;
  error: string | null;
};

export async function listSanctionsSnapshots(
  app: AppContext,
  actor: Actor,
): Promise<{
  snapshots: SnapshotView[];
  loaded: {
    version: string;
    entries: number;
    names: number;
    wallets: number;
    loadMs: number;
    buildMs: number;
  } | null;
}> {
  authorize(actor, 'subjects:read');
  const rows = await listSnapshots(app.database.db);
  const loadedVersion = app.sanctions?.version;
  const snapshots: SnapshotView[] = rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    createdBy: r.createdBy.name,
    source: r.source,
    status: r.status,
    loaded: r.id === loadedVersion,
    lists: r.lists,
    diff: r.diff,
    error: r.error,
  }));
  if (app.sanctions && !rows.some((r) => r.status === 'active')) {
    const shipped = await app.sanctions.snapshot();
    // The shipped manifest records each file's origin, publication date and sha256 (verified when loaded).
    const manifest = await readShippedManifest();
    const filesOf = (paths: readonly string[]) =>
      paths.map((path) => {
        const known = manifest.get(path);
        return { path, ...(known ? { sha256: known.sha256, bytes: known.bytes, origin: known.origin } : {}) };
      });
    snapshots.push({
      id: shipped.id,
      createdAt: null,
      createdBy: null,
      source: 'default',
      status: 'active',
      loaded: shipped.id === app.sanctions.version,
      lists: {
        lists: shipped.lists.map((l) => ({
          list: l.list,
          title: listTitle(l.list),
          ...(l.publishedAt ? { publishedAt: l.publishedAt } : {}),
          entries: l.entries,
          files: filesOf(l.files),
        })),
        wallets: { entries: shipped.wallets.length, files: filesOf(shipped.walletFiles) },
      },
      diff: null,
      error: null,
    });
  }
  const stats = app.sanctions?.stats;
  return {
    snapshots,
    loaded:
      stats && loadedVersion
        ? {
            version: loadedVersion,
            entries: stats.entries,
            names: stats.names,
            wallets: stats.wallets,
            loadMs: stats.loadMs,
            buildMs: stats.buildMs,
          }
        : null,
  };
}

type ShippedFile = { path: string; sha256: string; bytes: number; origin: string };

let shippedManifest: Promise<Map<string, ShippedFile>> | undefined;

/** path → file record of the shipped default-data manifest (read once per process). */
function readShippedManifest(): Promise<Map<string, ShippedFile>> {
  shippedManifest ??= readFile(join(DEFAULT_DATA_DIR, 'manifest.json'), 'utf8').then((text) => {
    const manifest = JSON.parse(text) as {
      lists: { files: ShippedFile[] }[];
      wallets: { files: ShippedFile[] };
    };
    const files = [...manifest.lists.flatMap((l) => l.files), ...manifest.wallets.files];
    return new Map(files.map((f) => [f.path, f]));
  });
  return shippedManifest;
}
