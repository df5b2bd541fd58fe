// `gatecheck audit verify`: walks the audit log's hash chain; exit 1 when an entry was edited or removed.
import { cliActor } from '../../services/context.ts';
import { verifyAudit } from '../../services/read-audit.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';

export async function verifyAuditLog(options: StoreOptions & { json?: boolean }): Promise<number> {
  const result = await withAppContext(options, (app) =>
    verifyAudit(app, cliActor(process.env.USER ?? 'cli')),
  );
  if (options.json === true) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.ok)
    process.stdout.write(`${paint('green', 'ok')}: the audit log's ${result.entries} entries are intact.\n`);
  else
    warn(
      `${paint('red', 'FAILED')}: the audit log was altered at entry ${result.firstBadSeq ?? '?'}: ${result.problem ?? 'hash mismatch'} (${result.entries} entries checked before it).`,
    );
  return result.ok ? 0 : 1;
}
