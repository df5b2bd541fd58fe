// `gatecheck links <bundle.json | folder>... | --db [--json]`: groups of people joined by a shared email,
// phone number, bank account, crypto wallet, device or address (normalised), largest groups first, with the
// values that join them. From files (no database needed) or from the subjects stored in the database.
import type { SubjectCluster } from '../../core/links/clusters.ts';
import { clusterBundles } from '../../core/links/clusters.ts';
import { KIND_WORDS } from '../../core/links/identifiers.ts';
import { cliActor } from '../../services/context.ts';
import { listLinkClusters } from '../../services/list-link-clusters.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';
import { describeInput, expandBundlePaths, readBundles, UsageError } from '../read-bundles.ts';

export type LinksOptions = Partial<StoreOptions> & { json?: boolean; db?: boolean };

export async function listLinks(paths: string[], options: LinksOptions): Promise<number> {
  let clusters: SubjectCluster[];
  let failed = false;
  if (options.db === true) {
    if (paths.length > 0) throw new UsageError('give bundle files or folders, or --db, not both');
    clusters = await withAppContext(
      {
        dataDir: options.dataDir ?? './data',
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      },
      (app) => listLinkClusters(app, cliActor(process.env.USER ?? 'cli')),
    );
  } else {
    if (paths.length === 0) throw new UsageError('name bundle files or folders, or use --db');
    const files = await expandBundlePaths(paths);
    if (files.length === 0) throw new UsageError(`no .json files found in: ${paths.join(', ')}`);
    const { bundles, errors } = await readBundles(files);
    for (const error of errors) {
      warn(`${describeInput(error.file, error.index)}: rejected, ${error.problems.length} problem(s):`);
      for (const problem of error.problems) warn(`  ${problem.path}: ${problem.message}`);
    }
    failed = errors.length > 0;
    clusters = clusterBundles(bundles.map((b) => b.bundle));
  }
  if (options.json === true) process.stdout.write(`${JSON.stringify(clusters, null, 2)}\n`);
  else process.stdout.write(formatClusters(clusters));
  return failed ? 1 : 0;
}

export function formatClusters(clusters: readonly SubjectCluster[]): string {
  if (clusters.length === 0)
    return 'No two people share an email, phone, bank account, wallet, device or address.\n';
  const out: string[] = [];
  clusters.forEach((c, i) => {
    const names = c.subjects.map((s) => (s.name ? `${s.name} (${s.id})` : s.id));
    out.push(`${paint('bold', `Group ${i + 1}`)}: ${c.subjects.length} people — ${names.join(', ')}`);
    for (const link of c.links) {
      out.push(`  ${KIND_WORDS[link.kind]} ${link.value}: ${link.subjects.join(', ')}`);
    }
  });
  return `${out.join('\n')}\n`;
}
