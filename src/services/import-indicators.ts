// Imports threat indicators another organisation shared: a STIX 2.1 bundle or a CSV (sniffed from the
// content). Read and checked first — what cannot be used is reported per object or line and skipped, a file
// with nothing usable is rejected (as is any problem with `strict`), expired indicators are left out — then
// stored with its audit entry in one transaction. Importing the same file again changes nothing (its
// sha256 is remembered) and returns the earlier import. The runtime reloads and everyone is re-assessed.
// Emails and phones shared as salted hashes are stored as "sha256:<hex>"; the salt is not in the file and
// is not stored: the runtime uses the salts in the configuration (GATECHECK_INDICATOR_SALT).
import { createHash } from 'node:crypto';
import { appendAudit } from '../adapters/db/audit.ts';
import {
  findIndicatorImportBySha,
  type IndicatorImportRecord,
  insertIndicatorImport,
  type ThreatIndicatorRecord,
} from '../adapters/db/repositories/threat-indicators.repository.ts';
import { DomainError } from '../core/errors.ts';
import {
  INDICATOR_FILE_LIMITS,
  IndicatorFileError,
  type IndicatorProblem,
  parseIndicatorFile,
} from '../intel/indicators/parse.ts';
import { type Actor, type AppContext, authorize, inTransaction, nowIso, toAuditActor } from './context.ts';
import { enqueueReassessAll } from './reassess-all.ts';

export type ImportIndicatorsInput = {
  /** The file's name (or any name), shown in the list of imports; also the source when the file names none. */
  name?: string | undefined;
  content: Uint8Array | string;
  /** Reject the whole file when any object or line cannot be used (default: skip and report them). */
  strict?: boolean | undefined;
};

export type ImportIndicatorsResult = {
  import: IndicatorImportRecord;
  /** True when this exact file was imported before: nothing changed. */
  unchanged: boolean;
  byKind: Record<string, number>;
  problems: IndicatorProblem[];
  problemCount: number;
  expired: number;
  revoked: number;
  ignoredObjects: number;
  /**
   * Emails and phones shared as salted hashes (counted in byKind too). They match only while this
   * installation holds the salt they were made with (GATECHECK_INDICATOR_SALT).
   */
  hashed: number;
  /** True when the file has hashed indicators and no salt is configured: they cannot match anything yet. */
  hashedNeedSalt: boolean;
  reassessJobId: string | null;
};

function isUniqueViolation(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
}

function cleanName(name: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed on purpose.
  const text = (name ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return text === '' ? 'indicators' : text.slice(0, 200);
}

const toProblems = (problems: IndicatorProblem[]) =>
  problems.map((p) => ({ path: p.where, message: p.message }));

export async function importIndicators(
  app: AppContext,
  actor: Actor,
  input: ImportIndicatorsInput,
  options: { reassess?: boolean } = {},
): Promise<ImportIndicatorsResult> {
  authorize(actor, 'policy:write');
  const size = typeof input.content === 'string' ? input.content.length : input.content.byteLength;
  if (size > INDICATOR_FILE_LIMITS.maxBytes)
    throw new DomainError(
      'payload_too_large',
      `The file is larger than ${INDICATOR_FILE_LIMITS.maxBytes} bytes; split it`,
    );
  const name = cleanName(input.name);
  const now = app.clock.now();
  let parsed: ReturnType<typeof parseIndicatorFile>;
  try {
    parsed = parseIndicatorFile(input.content, { now, defaultSource: name });
  } catch (error) {
    if (error instanceof IndicatorFileError)
      throw new DomainError(
        'validation',
        `${error.message}; nothing was imported`,
        toProblems(error.problems),
      );
    throw error;
  }
  if (parsed.indicators.length === 0 || (input.strict === true && parsed.problemCount > 0)) {
    const why =
      parsed.indicators.length === 0
        ? `No usable indicator in the file (${parsed.problemCount} problem(s), ${parsed.expired} expired, ${parsed.revoked} revoked, ${parsed.ignoredObjects} other object(s))`
        : `${parsed.problemCount} object(s) or line(s) cannot be used`;
    throw new DomainError('validation', `${why}; nothing was imported`, toProblems(parsed.problems));
  }
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const byKind: Record<string, number> = {};
  for (const x of parsed.indicators) byKind[x.kind] = (byKind[x.kind] ?? 0) + 1;
  const hashed = parsed.indicators.filter((x) => x.hashed).length;
  const common = {
    byKind,
    hashed,
    hashedNeedSalt: hashed > 0 && app.config.indicators.salts.length === 0,
    problems: parsed.problems,
    problemCount: parsed.problemCount,
    expired: parsed.expired,
    revoked: parsed.revoked,
    ignoredObjects: parsed.ignoredObjects,
  };
  const who = toAuditActor(actor);
  const at = nowIso(app);
  const record: IndicatorImportRecord = {
    id: app.ids.newId(),
    name,
    format: parsed.format,
    sha256,
    bytes: size,
    indicators: parsed.indicators.length,
    problems: parsed.problemCount,
    expired: parsed.expired,
    importedAt: at,
    importedBy: who,
  };
  const rows: ThreatIndicatorRecord[] = parsed.indicators.map((x) => ({
    id: app.ids.newId(),
    importId: record.id,
    kind: x.kind,
    value: x.value,
    source: x.source,
    labels: x.labels,
    description: x.description ?? null,
    validFrom: x.validFrom ?? null,
    validUntil: x.validUntil ?? null,
    stixId: x.stixId ?? null,
    importedAt: at,
  }));
  let earlier: IndicatorImportRecord | undefined;
  try {
    earlier = await inTransaction(app, async (trx) => {
      const existing = await findIndicatorImportBySha(trx, sha256);
      if (existing) return existing;
      await insertIndicatorImport(trx, record, rows);
      await appendAudit(trx, {
        at,
        actor: who,
        action: 'indicators.imported',
        targetType: 'indicator_import',
        targetId: record.id,
        data: {
          name,
          format: parsed.format,
          sha256,
          indicators: rows.length,
          byKind,
          hashed,
          problems: parsed.problemCount,
          expired: parsed.expired,
          revoked: parsed.revoked,
        },
      });
      return undefined;
    });
  } catch (error) {
    // The same file imported twice at the same moment (PostgreSQL): the second insert hits the unique sha256.
    if (isUniqueViolation(error))
      throw new DomainError('conflict', 'The same file was being imported at the same time; try again');
    throw error;
  }
  if (earlier) return { import: earlier, unchanged: true, ...common, reassessJobId: null };
  await app.indicators?.reload();
  const job = options.reassess === false ? undefined : await enqueueReassessAll(app, who, 'reassess');
  return { import: record, unchanged: false, ...common, reassessJobId: job?.id ?? null };
}
