// `gatecheck import <bundle...>`: stores bundles in the database; each bundle is all-or-nothing.
import type { Problem } from '../../core/bundle/validate.ts';
import { cliActor } from '../../services/context.ts';
import { importBundles } from '../../services/import-bundles.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';
import { describeInput, expandBundlePaths, readBundles, UsageError } from '../read-bundles.ts';

type ReportItem =
  | { input: string; ok: true; subjectId: string; action: 'created' | 'updated'; warnings?: Problem[] }
  | { input: string; ok: false; problems: Problem[] };

export async function importBundleFiles(
  paths: string[],
  options: StoreOptions & { json?: boolean },
): Promise<number> {
  if (paths.length === 0) throw new UsageError('name at least one bundle file or folder');
  const files = await expandBundlePaths(paths);
  if (files.length === 0) throw new UsageError(`no .json files found in: ${paths.join(', ')}`);
  const { bundles, errors } = await readBundles(files);
  const { results } = await withAppContext(options, (app) =>
    importBundles(
      app,
      cliActor(process.env.USER ?? 'cli'),
      bundles.map((b) => b.raw),
    ),
  );
  const report: ReportItem[] = [
    ...errors.map(
      (e): ReportItem => ({ input: describeInput(e.file, e.index), ok: false, problems: e.problems }),
    ),
    ...results.map((r): ReportItem => {
      const input = bundles[r.index];
      const label = input ? describeInput(input.file, input.index) : `#${r.index}`;
      return r.ok
        ? {
            input: label,
            ok: true,
            subjectId: r.subjectId,
            action: r.action,
            ...(r.warnings ? { warnings: r.warnings } : {}),
          }
        : { input: label, ok: false, problems: r.problems };
    }),
  ];
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const item of report) {
      if (item.ok) {
        process.stdout.write(
          `${paint('green', 'ok')}       ${item.input}: ${item.action} ${item.subjectId}\n`,
        );
        for (const w of item.warnings ?? []) warn(`  ${paint('yellow', 'note')} ${w.path}: ${w.message}`);
        continue;
      }
      warn(`${paint('red', 'rejected')} ${item.input}: nothing stored, ${item.problems.length} problem(s):`);
      for (const p of item.problems) warn(`  ${p.path}: ${p.message}`);
    }
  }
  return report.every((r) => r.ok) ? 0 : 1;
}
