// What every service receives: the application context and the actor on whose behalf it runs.
import type { Transaction } from 'kysely';
import type { Clock } from '../adapters/clock/clock.ts';
import type { Database } from '../adapters/db/database.ts';
import type { AuditActor } from '../adapters/db/records.ts';
import type { DB } from '../adapters/db/tables.ts';
import type { IdGenerator } from '../adapters/ids/ids.ts';
import type { FileStore } from '../adapters/storage/file-store.ts';
import type { Config } from '../config/config.ts';
import { can, type Permission, type Role } from '../core/auth/roles.ts';
import { DomainError } from '../core/errors.ts';
import type { IntelLookups } from '../core/types.ts';
import type { IndicatorRuntime } from '../intel/indicators/runtime.ts';
import type { IpRuntime } from '../intel/ip/runtime.ts';
import type { SanctionsRuntime } from '../intel/sanctions/runtime.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

export type AppContext = {
  database: Database;
  clock: Clock;
  ids: IdGenerator;
  jobs: JobQueue;
  config: Config;
  intel: IntelLookups;
  /** The sanctions list runtime behind `intel.sanctions` (absent: screening is not available). */
  sanctions?: SanctionsRuntime;
  /** The IP intelligence runtime behind `intel.ip` (shipped databases + imported lists). */
  ip?: IpRuntime;
  /** The imported threat indicators behind `intel.indicators`. */
  indicators?: IndicatorRuntime;
  /** Uploaded documents, encrypted at rest (absent: the encrypted local store under <dataDir>/files). */
  files?: FileStore;
};

/** Who is asking: a signed-in user, an API token, the system itself (jobs, setup) or the local CLI. */
export type Actor = { kind: 'user' | 'token' | 'system' | 'cli'; id: string; name: string; role: Role };

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system', name: 'Gatecheck', role: 'admin' };

/** The local operator running `gatecheck …` on the server itself (has shell access, so admin). */
export function cliActor(name = 'cli'): Actor {
  return { kind: 'cli', id: `cli:${name}`, name, role: 'admin' };
}

export function toAuditActor(actor: Actor): AuditActor {
  return { kind: actor.kind, id: actor.id, name: actor.name };
}

const PERMISSION_WORDS: Record<Permission, string> = {
  'subjects:read': 'view subjects',
  'subjects:write': 'add or change subjects and evidence',
  'cases:note': 'add case notes',
  'cases:work': 'work cases (transitions, assignment)',
  'audit:read': 'read the audit log',
  export: 'export cases',
  'policy:write': 'change the policy',
  'users:manage': 'manage users',
  'tokens:manage': 'manage API tokens',
  'logins:import': 'import sign-in events or link their accounts to subjects',
};

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new DomainError('forbidden', `The ${actor.role} role cannot ${PERMISSION_WORDS[permission]}`);
  }
}

/**
 * Runs `work` in one transaction. Intel that loads from the database (the sanctions snapshot, imported IP lists)
 * is loaded first: on SQLite the transaction holds the only connection, so a load from inside would wait forever.
 */
export async function inTransaction<T>(
  app: AppContext,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  if (app.sanctions && app.sanctions.current() === undefined) await app.sanctions.lookup();
  if (app.ip) await app.ip.ready();
  if (app.indicators) await app.indicators.ready();
  return app.database.db.transaction().execute(work);
}

export function nowIso(app: AppContext): string {
  return app.clock.now().toISOString();
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `${what} ${JSON.stringify(id)} was not found`);
}
