// Shared by the services that assess or screen: wait for the sanctions lists to be loaded, and the
// investigators' dismissals as the map assessPopulation takes.
import type { Executor } from '../../adapters/db/database.ts';
import { listAllDismissals } from '../../adapters/db/repositories/dismissals.repository.ts';
import { DomainError } from '../../core/errors.ts';
import { dismissalKey, type SanctionsLookup } from '../../core/intel/sanctions.ts';
import type { AppContext } from '../context.ts';

/** Waits until the active sanctions snapshot is loaded (no-op without a runtime). */
export async function prepareIntel(app: AppContext): Promise<void> {
  if (app.sanctions) await app.sanctions.lookup();
}

/** The current lookup, loading it first if needed; a `validation` error when screening is not set up. */
export async function requireSanctions(app: AppContext): Promise<SanctionsLookup> {
  if (!app.sanctions)
    throw new DomainError('validation', 'Sanctions screening is not available in this instance');
  return app.sanctions.lookup();
}

export type DismissalMap = Map<string, Set<string>>;

/** subject id → dismissal keys (list:entryId:entryVersion), for every subject or the given ones. */
export async function loadDismissals(db: Executor, subjectIds?: readonly string[]): Promise<DismissalMap> {
  const map: DismissalMap = new Map();
  for (const d of await listAllDismissals(db, subjectIds)) {
    const keys = map.get(d.subjectId) ?? new Set<string>();
    keys.add(dismissalKey({ list: d.list, entryId: d.entryId, entryVersion: d.entryVersion }));
    map.set(d.subjectId, keys);
  }
  return map;
}
