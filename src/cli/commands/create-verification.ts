// `gatecheck verification create <subjectId> [--json]`: sends a subject a live verification from the local
// database (as the operator at the shell) and prints the single-use link to give the candidate (shown once:
// only a hash of its token is stored). Exit 0 created, 1 unknown subject; usage errors 2.
import { isDomainError } from '../../core/errors.ts';
import { cliActor } from '../../services/context.ts';
import { type CreatedVerification, createVerification } from '../../services/create-verification.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { warn } from '../output.ts';
import { UsageError } from '../read-bundles.ts';

export type CreateVerificationOptions = StoreOptions & { json?: boolean };

export async function createVerificationCommand(
  subjectId: string,
  options: CreateVerificationOptions,
): Promise<number> {
  if (subjectId.trim() === '')
    throw new UsageError('say which subject: gatecheck verification create <subjectId>');
  let created: CreatedVerification;
  try {
    created = await withAppContext(options, (app) =>
      createVerification(app, cliActor(process.env.USER ?? 'cli'), subjectId),
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    warn(`gatecheck: ${error.message}`);
    return 1;
  }
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
    return 0;
  }
  const v = created.verification;
  process.stdout.write(
    [
      `Verification ${v.id} sent for subject ${v.subjectId}.`,
      `Give the candidate this link (single use, shown only now; it expires ${v.expiresAt}):`,
      `  ${created.link}`,
      '',
    ].join('\n'),
  );
  return 0;
}
