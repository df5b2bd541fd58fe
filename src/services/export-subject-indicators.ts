// A subject's identifiers as a STIX 2.1 bundle other organisations can import (Gatecheck's own importer
// among them): the organisation as an `identity`, one `indicator` per identifier (email, phone, payment
// wallet, GitHub account, profile URL, public IP, and the email's domain unless it is a webmail provider).
// Shared only for a subject whose case is escalated or reported, unless `all` is asked for. With `hashed`,
// emails and phones are replaced by a salted SHA-256 (sha256 of "<salt>:<normal form>", hex), so companies
// that agreed on the salt can compare without disclosing the values. Audited.
import { createHash, randomUUID } from 'node:crypto';
import { appendAudit } from '../adapters/db/audit.ts';
import { findCase } from '../adapters/db/repositories/cases.repository.ts';
import { findSubject } from '../adapters/db/repositories/subjects.repository.ts';
import {
  type IndicatorCandidate,
  indicatorCandidates,
} from '../core/detectors/links/indicator-candidates.ts';
import { webmailProvider } from '../core/detectors/references/webmail-domains.ts';
import { DomainError } from '../core/errors.ts';
import type { IndicatorKind } from '../core/intel/indicators.ts';
import { isPublicIp } from '../core/links/normalize.ts';
import { HASHED_STIX_TYPE, MIN_SALT_LENGTH, saltedSha256 } from '../intel/indicators/hashed.ts';
import {
  type Actor,
  type AppContext,
  authorize,
  inTransaction,
  notFound,
  nowIso,
  toAuditActor,
} from './context.ts';

export type ExportIndicatorsInput = {
  /** Every identifier, whatever the case status (default: only for an escalated or reported case). */
  all?: boolean | undefined;
  /** Salted SHA-256 of emails and phones instead of the values. */
  hashed?: boolean | undefined;
  /** The salt agreed between the organisations (at least 16 characters); required with `hashed`. */
  salt?: string | undefined;
  /** The organisation named as the source (default: GATECHECK_ORGANIZATION_NAME, else "Gatecheck"). */
  organization?: string | undefined;
  /** How long receivers should keep using the indicators (days, default 365). */
  validDays?: number | undefined;
};

export type StixObject = Record<string, unknown> & { type: string; id: string };
export type StixBundle = { type: 'bundle'; id: string; objects: StixObject[] };

export const SHARED_CASE_STATUSES = ['escalated', 'reported'] as const;
export { MIN_SALT_LENGTH, saltedSha256 };

/** The namespace of Gatecheck's name-based (v5) STIX ids. */
const NAMESPACE = '6f0e2f4c-3a55-4f0e-9d2a-5b7c1e8a9d31';

/** RFC 9562 UUIDv5 (SHA-1, name-based): the same organisation and identifier always get the same STIX id. */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A STIX string literal: backslash and quote escaped (the only escapes the grammar has). */
function literal(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

const HASHED_TYPE = HASHED_STIX_TYPE;

function patternOf(kind: IndicatorKind, value: string): string {
  switch (kind) {
    case 'email':
      return `[email-addr:value = ${literal(value)}]`;
    case 'phone':
      return `[x-phone:value = ${literal(value)}]`;
    case 'wallet':
      return `[cryptocurrency-wallet:value = ${literal(value)}]`;
    case 'domain':
      return `[domain-name:value = ${literal(value)}]`;
    case 'github':
      return `[user-account:account_login = ${literal(value)} AND user-account:account_type = 'github']`;
    case 'ip':
      return `[${value.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value = ${literal(value)}]`;
    case 'url':
      return `[url:value = ${literal(value)}]`;
  }
}

/** What is worth sharing: no webmail domains, no profile-site hosts, no private or reserved addresses. */
function shareable(c: IndicatorCandidate): boolean {
  if (c.kind === 'domain')
    return c.paths.some((p) => /email/.test(p)) && webmailProvider(c.value) === undefined;
  if (c.kind === 'ip') return isPublicIp(c.value);
  return true;
}

export async function exportSubjectIndicators(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: ExportIndicatorsInput = {},
): Promise<StixBundle> {
  authorize(actor, 'export');
  const hashed = input.hashed === true;
  const salt = input.salt ?? '';
  if (hashed && salt.length < MIN_SALT_LENGTH)
    throw new DomainError(
      'validation',
      `Hashed export needs the shared salt (at least ${MIN_SALT_LENGTH} characters)`,
      [
        {
          path: 'salt',
          message: `at least ${MIN_SALT_LENGTH} characters, agreed with the receiving organisations`,
        },
      ],
    );
  const validDays = Math.min(Math.max(1, Math.trunc(input.validDays ?? 365)), 3650);
  const organization =
    input.organization?.trim().slice(0, 200) || app.config.verifications.organizationName || 'Gatecheck';
  const who = toAuditActor(actor);
  return inTransaction(app, async (trx) => {
    const subject = await findSubject(trx, subjectId);
    const record = await findCase(trx, subjectId);
    if (!subject || !record) throw notFound('Subject', subjectId);
    if (input.all !== true && !(SHARED_CASE_STATUSES as readonly string[]).includes(record.status))
      throw new DomainError(
        'validation',
        `The case is ${record.status.replace('_', ' ')}: indicators are shared for escalated or reported cases; ask for all=true to export every identifier anyway`,
      );
    const at = nowIso(app);
    const until = new Date(app.clock.now().getTime() + validDays * 86_400_000).toISOString();
    const identityId = `identity--${uuidV5(`identity:${organization}`)}`;
    const objects: StixObject[] = [
      {
        type: 'identity',
        spec_version: '2.1',
        id: identityId,
        created: at,
        modified: at,
        name: organization,
        identity_class: 'organization',
      },
    ];
    const counts: Record<string, number> = {};
    for (const c of indicatorCandidates(subject.bundle).filter(shareable)) {
      const hide = hashed && (c.kind === 'email' || c.kind === 'phone');
      const value = hide ? saltedSha256(salt, c.value) : c.value;
      const pattern = hide
        ? `[${HASHED_TYPE}:kind = ${literal(c.kind)} AND ${HASHED_TYPE}:sha256 = ${literal(value)}]`
        : patternOf(c.kind, c.value);
      objects.push({
        type: 'indicator',
        spec_version: '2.1',
        id: `indicator--${uuidV5(`indicator:${organization}:${c.kind}:${value}`)}`,
        created: at,
        modified: at,
        created_by_ref: identityId,
        name: `${c.what[0]!.toUpperCase()}${c.what.slice(1)} used by a suspected fraudulent worker`,
        description: `Shared from a Gatecheck case (${record.status.replace('_', ' ')}) about a suspected fraudulent remote worker.`,
        indicator_types: ['malicious-activity'],
        pattern,
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: at,
        valid_until: until,
      });
      counts[c.kind] = (counts[c.kind] ?? 0) + 1;
    }
    await appendAudit(trx, {
      at,
      actor: who,
      action: 'indicators.exported',
      targetType: 'subject',
      targetId: subjectId,
      data: { caseStatus: record.status, all: input.all === true, hashed, counts, organization },
    });
    return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
  });
}
