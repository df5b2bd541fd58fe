// `gatecheck assess <bundle.json | folder>... [--json] [--at <ISO time>]`
// All bundles given form one population. No server or database needed.
import { assessPopulation, toPublicAssessment } from '../../core/assess.ts';
import { isIsoDateTimeWithOffset } from '../../core/bundle/formats.ts';
import { getSignal } from '../../core/catalog/signals.ts';
import type { DetailedAssessment } from '../../core/types.ts';
import { createIpRuntime, withIpIntel } from '../../intel/ip/runtime.ts';
import { loadShippedIntel } from '../../intel/sanctions/runtime.ts';
import { bandLabel, paint, severityLabel, warn } from '../output.ts';
import { describeInput, expandBundlePaths, readBundles, UsageError } from '../read-bundles.ts';

export type AssessOptions = { json?: boolean; at?: string; sanctions?: boolean };

export function parseAtOption(at: string | undefined, fallback: Date): Date {
  if (at === undefined || at === '') return fallback;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(at);
  if (!dateOnly && !isIsoDateTimeWithOffset(at)) {
    throw new UsageError(
      `--at ${JSON.stringify(at)} is not an ISO 8601 time with an offset (e.g. 2026-06-01T00:00:00Z)`,
    );
  }
  return new Date(dateOnly ? `${at}T00:00:00Z` : at);
}

/** Returns the process exit code: 0 when every bundle was assessed, 1 when some input was invalid. */
export async function assessBundles(paths: string[], options: AssessOptions): Promise<number> {
  if (paths.length === 0) throw new UsageError('name at least one bundle file or folder');
  const now = parseAtOption(options.at, new Date());
  const files = await expandBundlePaths(paths);
  if (files.length === 0) throw new UsageError(`no .json files found in: ${paths.join(', ')}`);
  const { bundles, errors } = await readBundles(files);
  for (const error of errors) {
    warn(`${describeInput(error.file, error.index)}: rejected, ${error.problems.length} problem(s):`);
    for (const problem of error.problems) warn(`  ${problem.path}: ${problem.message}`);
  }
  // Sanctions screening uses the lists shipped with Gatecheck (the server uses the last imported ones); sign-in
  // addresses are placed with the shipped IP databases (the server also applies imported range lists).
  const sanctions = options.sanctions === false ? { available: new Set<string>() } : await loadShippedIntel();
  const ip = createIpRuntime();
  await ip.ready();
  const results = assessPopulation(
    bundles.map((b) => b.bundle),
    { now, intel: withIpIntel(sanctions, ip) },
  );
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(results.map(toPublicAssessment), null, 2)}\n`);
  } else {
    for (const [i, result] of results.entries()) printAssessment(result, bundles[i]?.bundle.subject.name);
  }
  return errors.length > 0 ? 1 : 0;
}

function printAssessment(result: DetailedAssessment, name: string | undefined): void {
  const out: string[] = [];
  const who = name === undefined ? result.subject : `${name} (${result.subject})`;
  out.push(`${paint('bold', who)}  score ${result.score}/100  band ${bandLabel(result.band)}`);
  for (const reason of result.reasons) out.push(`  ${reason}`);
  for (const signal of result.signals) {
    const title = getSignal(signal.id)?.title ?? signal.id;
    out.push(`  ${severityLabel(signal.severity)} ${signal.id}  ${paint('grey', title)}`);
    out.push(`           ${signal.explanation}`);
    if (signal.evidence.length > 0)
      out.push(paint('grey', `           evidence: ${signal.evidence.join(', ')}`));
  }
  if (result.gaps.length > 0) {
    out.push('  Not evaluated (no data yet):');
    for (const gap of result.gaps) out.push(`    - ${gap.check}: ${gap.step}`);
  }
  process.stdout.write(`${out.join('\n')}\n\n`);
}
