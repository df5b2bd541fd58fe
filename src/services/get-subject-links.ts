// The link graph around one stored subject (core/links/graph.ts): the people up to two steps away over
// shared values, resume and photo matches, at most MAX_GRAPH_NODES of them. Every subject is read because
// anyone may share a value with the centre; nothing is written.
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { type SubjectGraph, subjectGraph } from '../core/links/graph.ts';
import { type Actor, type AppContext, authorize, notFound } from './context.ts';
import { loadLinkIndex } from './list-link-clusters.ts';

export const MAX_GRAPH_NODES = 200;

export async function getSubjectLinks(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<SubjectGraph> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  if (!(await subjectExists(db, subjectId))) throw notFound('Subject', subjectId);
  const graph = subjectGraph(await loadLinkIndex(db), subjectId, { maxHops: 2, maxNodes: MAX_GRAPH_NODES });
  if (!graph) throw notFound('Subject', subjectId);
  return graph;
}
