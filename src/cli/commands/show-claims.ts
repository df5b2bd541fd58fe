// `gatecheck claims <bundle.json> [--json] [--at <ISO time>]`: the claims table of one bundle — what the
// resume, application, interviews, documents, references and the record say about the person, side by
// side — with the signals of an assessment of that bundle linked to the rows they concern. The same table
// the server answers at GET /subjects/{id}/claims. No server or database needed; sanctions are not screened.
import { assessPopulation } from '../../core/assess.ts';
import {
  buildClaims,
  CLAIM_STATUSES,
  type ClaimRow,
  type ClaimStatus,
} from '../../core/claims/build-claims.ts';
import { createIpRuntime, withIpIntel } from '../../intel/ip/runtime.ts';
import { paint, warn } from '../output.ts';
import { describeInput, readBundles, UsageError } from '../read-bundles.ts';
import { parseAtOption } from './assess-bundles.ts';

export type ClaimsOptions = { json?: boolean; at?: string };

const STATUS_WORDS: Record<ClaimStatus, string> = {
  differ: paint('red', 'DIFFER   '),
  unclear: paint('yellow', 'CHECK    '),
  explained: paint('green', 'EXPLAINED'),
  agree: paint('green', 'AGREE    '),
  single: paint('grey', 'ONE SOURCE'),
};

/** Returns the exit code: 0 when the table was printed, 1 when the bundle is invalid. */
export async function showClaims(file: string, options: ClaimsOptions): Promise<number> {
  const now = parseAtOption(options.at, new Date());
  const { bundles, errors } = await readBundles([file]);
  for (const error of errors) {
    warn(`${describeInput(error.file, error.index)}: rejected, ${error.problems.length} problem(s):`);
    for (const problem of error.problems) warn(`  ${problem.path}: ${problem.message}`);
  }
  if (errors.length > 0) return 1;
  if (bundles.length !== 1)
    throw new UsageError(`${file} holds ${bundles.length} bundles; give a file with one bundle`);
  const bundle = bundles[0]!.bundle;
  const ip = createIpRuntime();
  await ip.ready();
  const [assessment] = assessPopulation([bundle], {
    now,
    intel: withIpIntel({ available: new Set<string>() }, ip),
  });
  const table = buildClaims(bundle, { now, signals: assessment?.signals ?? [] });
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [];
  const who = bundle.subject.name ?? bundle.subject.id;
  const { differ, unclear, explained, agree, single } = table.counts;
  out.push(
    `${paint('bold', who)}  ${differ} differ, ${unclear} to check by hand, ${explained} explained, ${agree} agree, ${single} from one source`,
  );
  // Disagreements first, then what a person should check, then the rest (the table's own order within each).
  const rank = (row: ClaimRow) => CLAIM_STATUSES.indexOf(row.status);
  for (const row of [...table.rows].sort((a, b) => rank(a) - rank(b))) out.push(...rowLines(row));
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function rowLines(row: ClaimRow): string[] {
  const lines = [`${STATUS_WORDS[row.status]} ${paint('bold', row.label)}  ${row.summary}`];
  for (const value of row.values) {
    const from = value.from ? paint('grey', ` (${value.from})`) : '';
    lines.push(`            ${value.column}: ${value.text}${from}  ${paint('grey', value.path)}`);
    for (const note of value.notes) lines.push(`              ${note.verdict}: ${note.reason}`);
  }
  for (const signal of row.signals) lines.push(`            signal ${signal.id}: ${signal.explanation}`);
  return lines;
}
