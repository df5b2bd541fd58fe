// Clusters of stored subjects joined by shared identifiers: `listLinkClusters` (core/links/clusters.ts) for
// `gatecheck links --db`, and `listRankedLinkClusters` (core/links/graph.ts) for the organisation's Links
// page — address clusters with several employees first, then by risk. Reads every stored subject once and
// the resume and photo matches of their latest assessments; nothing is written. The Links index is built a
// page of subjects at a time, letting other requests run between pages (the server is one process: a build
// in one go held every other request for seconds at 100,000 subjects).

import { setImmediate } from 'node:timers/promises';
import type { Executor } from '../adapters/db/database.ts';
import { listLatestSignals } from '../adapters/db/repositories/assessments.repository.ts';
import {
  listAllBundles,
  listSubjectsWithBundlesPage,
  populationFingerprint,
  type SubjectRecord,
} from '../adapters/db/repositories/subjects.repository.ts';
import type { SubjectCluster } from '../core/links/clusters.ts';
import { clusterBundles } from '../core/links/clusters.ts';
import {
  createLinkIndexBuilder,
  DEFAULT_LINK_KINDS,
  type LinkIndex,
  type LinkKind,
  type LinkSubject,
  type RankedCluster,
  rankedClusters,
  type SimilarityMatch,
} from '../core/links/graph.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

export const DEFAULT_CLUSTERS_LIMIT = 50;
export const MAX_CLUSTERS_LIMIT = 500;

export async function listLinkClusters(app: AppContext, actor: Actor): Promise<SubjectCluster[]> {
  authorize(actor, 'subjects:read');
  return clusterBundles(await listAllBundles(app.database.db));
}

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** Resume and photo matches as the stored signals recorded them (data.matches[].subject). */
async function similarityMatches(db: Executor, kinds: readonly LinkKind[]): Promise<SimilarityMatch[]> {
  const ids = [
    ...(kinds.includes('resume') ? ['links.duplicate-resume'] : []),
    ...(kinds.includes('photo') ? ['links.reused-photo'] : []),
  ];
  const out: SimilarityMatch[] = [];
  for (const { subjectId, signals } of await listLatestSignals(db, ids)) {
    for (const signal of signals) {
      const matches = record(signal.data).matches;
      for (const m of Array.isArray(matches) ? matches.map(record) : []) {
        if (typeof m.subject !== 'string') continue;
        if (signal.id === 'links.duplicate-resume') {
          const pct = typeof m.similarity === 'number' ? ` (${Math.round(m.similarity * 100)}% alike)` : '';
          out.push({ kind: 'resume', a: subjectId, b: m.subject, display: `resume text${pct}` });
        } else {
          const display =
            m.kind === 'face'
              ? 'the same face'
              : m.identicalFile
                ? 'the identical photo file'
                : 'the same picture';
          out.push({ kind: 'photo', a: subjectId, b: m.subject, display });
        }
      }
    }
  }
  return out;
}

/** Subjects read from the database per page of the Links index build. */
export const LINK_INDEX_PAGE_SIZE = 2_000;
/**
 * Subjects normalised between two yields to the event loop: about 15 ms of work (a whole page of 2,000 took
 * 100–500 ms on a loaded machine, time every other request would have waited).
 */
const LINK_INDEX_SLICE = 200;

function toLinkSubject(s: SubjectRecord): LinkSubject {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind === 'candidate' || s.kind === 'employee' ? s.kind : null,
    band: s.band,
    score: s.score,
    bundle: s.bundle,
  };
}

/** Every stored subject in pages by id, normalised a slice at a time with a yield to the event loop after each. */
async function buildIndex(db: Executor, kinds: readonly LinkKind[], pageSize: number): Promise<LinkIndex> {
  const builder = createLinkIndexBuilder(kinds);
  let after: string | null = null;
  for (;;) {
    const page = await listSubjectsWithBundlesPage(db, { after, limit: pageSize });
    for (let i = 0; i < page.length; i += LINK_INDEX_SLICE) {
      builder.add(page.slice(i, i + LINK_INDEX_SLICE).map(toLinkSubject));
      await setImmediate();
    }
    const last = page.at(-1);
    if (page.length < pageSize || !last) break;
    after = last.id;
  }
  const matches = await similarityMatches(db, kinds);
  return builder.finish(matches);
}

/** The index as of `fingerprint`, finished or still being built (requests meanwhile share the one build). */
type CachedIndex = { fingerprint: string; index: Promise<LinkIndex> };
/** Per database and set of kinds: the last index built, reused while nothing stored has changed. */
const cache = new WeakMap<object, Map<string, CachedIndex>>();

/**
 * The link index of every stored subject over the given kinds of shared value. Rebuilt only when a subject
 * or an assessment was added, changed or deleted since the last build started (populationFingerprint is
 * read before the build, so a change during a build is picked up by the next request), because normalising
 * every identifier of the population is the expensive part. Concurrent requests share one build.
 */
export async function loadLinkIndex(
  db: Executor,
  kinds: readonly LinkKind[] = DEFAULT_LINK_KINDS,
  options: { pageSize?: number } = {},
): Promise<LinkIndex> {
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? LINK_INDEX_PAGE_SIZE));
  const fingerprint = await populationFingerprint(db);
  const key = [...kinds].sort().join(',');
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const hit = perDb.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit.index;
  const entry: CachedIndex = { fingerprint, index: buildIndex(db, kinds, pageSize) };
  perDb.set(key, entry);
  const builds = perDb;
  // A failed build is not kept: the next request tries again (the caller still gets the error).
  entry.index.catch(() => {
    if (builds.get(key) === entry) builds.delete(key);
  });
  return entry.index;
}

export type RankedClusterList = { items: RankedCluster[]; total: number };

export async function listRankedLinkClusters(
  app: AppContext,
  actor: Actor,
  input: { kind?: LinkKind | undefined; limit?: number | undefined } = {},
): Promise<RankedClusterList> {
  authorize(actor, 'subjects:read');
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_CLUSTERS_LIMIT, 1), MAX_CLUSTERS_LIMIT);
  const index = await loadLinkIndex(app.database.db, input.kind ? [input.kind] : DEFAULT_LINK_KINDS);
  const clusters = rankedClusters(index);
  return { items: clusters.slice(0, limit), total: clusters.length };
}
