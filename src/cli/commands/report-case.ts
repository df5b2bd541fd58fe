// `gatecheck report <subject> --out file.pdf [--json] [--snapshot id]`: the case report as PDF (or the JSON model
// with --json), from a new snapshot of the stored case or from a given one. Prints the snapshot and its manifest
// hash so the file can be checked later (GET /api/v1/snapshots/{id}/verify).
import { writeFile } from 'node:fs/promises';
import { isDomainError } from '../../core/errors.ts';
import { cliActor } from '../../services/context.ts';
import { buildCaseReport, renderCaseReport } from '../../services/report-case.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';
import { UsageError } from '../read-bundles.ts';

export type ReportOptions = StoreOptions & {
  out?: string;
  json?: boolean;
  snapshot?: string;
  reason?: string;
};

export async function reportCommand(subjectId: string, options: ReportOptions): Promise<number> {
  const json = options.json === true;
  if (!json && options.out === undefined) throw new UsageError('--out <file.pdf> is required (or --json)');
  const actor = cliActor(process.env.USER ?? 'cli');
  const input = { snapshotId: options.snapshot, reason: options.reason ?? 'Report (command line)' };
  return withAppContext(options, async (app) => {
    try {
      if (json) {
        const model = await buildCaseReport(app, actor, subjectId, input);
        const text = `${JSON.stringify(model, null, 2)}\n`;
        if (options.out === undefined) process.stdout.write(text);
        else await writeFile(options.out, text);
        if (options.out !== undefined)
          process.stdout.write(
            `${JSON.stringify({ out: options.out, snapshot: model.snapshot.id, manifestHash: model.snapshot.manifestHash })}\n`,
          );
        return 0;
      }
      const { model, pdf } = await renderCaseReport(app, actor, subjectId, input);
      await writeFile(options.out as string, pdf);
      process.stdout.write(
        `${paint('green', 'ok')}: ${options.out} (${pdf.byteLength} bytes) — ${model.subject.name ?? subjectId}, ${model.summary.band ?? 'not assessed'}\n  snapshot ${model.snapshot.id}, manifest SHA-256 ${model.snapshot.manifestHash}\n`,
      );
      return 0;
    } catch (error) {
      if (!isDomainError(error) || (error.code !== 'not_found' && error.code !== 'validation')) throw error;
      warn(`${paint('red', 'failed')}: ${error.message}`);
      return 1;
    }
  });
}
