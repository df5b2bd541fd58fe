// The sanctions list snapshots for the settings page and `gatecheck intel sanctions list`: each list's version,
// date, entry counts and the diff from the previous snapshot. With no import yet, the shipped default is shown.
import type { JsonValue } from '../adapters/db/records.ts';
import { listSnapshots } from '../adapters/db/repositories/sanctions-snapshots.repository.ts';
import { listTitle } from '../intel/sanctions/lookup.ts';
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
          files: l.files,
        })),
        wallets: { entries: shipped.wallets.length, files: shipped.walletFiles },
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
