// Clusters of stored subjects joined by shared identifiers (core/links/clusters.ts), for `gatecheck links
// --db` and the organisation view. Reads every stored bundle once; nothing is written.

import { listAllBundles } from '../adapters/db/repositories/subjects.repository.ts';
import type { SubjectCluster } from '../core/links/clusters.ts';
import { clusterBundles } from '../core/links/clusters.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

export async function listLinkClusters(app: AppContext, actor: Actor): Promise<SubjectCluster[]> {
  authorize(actor, 'subjects:read');
  return clusterBundles(await listAllBundles(app.database.db));
}
