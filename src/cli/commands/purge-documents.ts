// `gatecheck documents purge [--json]`: delete now every stored document and resume file whose retention period is over (the
// documents part of the sweep the server runs at start and every hour), each deletion audited. Exit 0, 1 if any
// file failed. The whole sweep (sign-in logs, verification media, closed cases …) is `gatecheck retention run`.
import { purgeExpiredDocuments } from '../../services/purge-expired-documents.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';

export async function purgeDocumentsCommand(options: StoreOptions & { json?: boolean }): Promise<number> {
  const result = await withAppContext(options, (app) => purgeExpiredDocuments(app));
  if (options.json === true) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(
      result.deleted === 0
        ? 'No stored document or resume file has reached the end of its retention period.\n'
        : `Deleted ${result.deleted} stored file${result.deleted === 1 ? '' : 's'} whose retention period was over (${result.fileIds.length} document${result.fileIds.length === 1 ? '' : 's'}, ${result.resumeSubjects.length} resume${result.resumeSubjects.length === 1 ? '' : 's'}; audited as document.deleted).\n`,
    );
    process.stdout.write(
      'This is the documents part of the retention sweep only; `gatecheck retention run` runs all of it (sign-in logs, verification media, closed cases …).\n',
    );
    for (const f of result.failed)
      process.stderr.write(`gatecheck: could not delete ${f.fileId}: ${f.error}\n`);
  }
  return result.failed.length > 0 ? 1 : 0;
}
