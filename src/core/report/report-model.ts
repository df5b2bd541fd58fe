// The report as data (gatecheck.report/v1), built from one case snapshot: summary and band with the reasons,
// timeline, every signal with its evidence, identifiers, screenings, case and checklist state, the manifest
// with its hashes, and what the Canadian, US and UK authorities' forms ask for, filled in where known.
// Pure: the PDF renderer and the JSON endpoint both render this model; neither recomputes anything.
import type { CaseBundle } from '../bundle/schema.ts';
import { CASE_STATUS_LABELS, isCaseStatus } from '../case/state-machine.ts';
import { getCheck } from '../catalog/checks.ts';
import { getSignal } from '../catalog/signals.ts';
import { SOURCES } from '../catalog/sources.ts';
import { extractIdentifiers, KIND_WORDS } from '../links/identifiers.ts';
import { isPublicIp, normalizeIp } from '../links/normalize.ts';
import type { Band, Severity, SourceKey } from '../types.ts';
import { addressLine, describeEvidence, valueAtPath } from './evidence.ts';
import { buildJurisdictions, type JurisdictionSection } from './jurisdictions.ts';
import type {
  CaseSnapshot,
  SnapshotCase,
  SnapshotFile,
  SnapshotManifest,
  SnapshotScreenings,
  SnapshotTimelineItem,
} from './snapshot.ts';

export const REPORT_FORMAT = 'gatecheck.report/v1';

export type ReportIdentifier = {
  kind: 'email' | 'phone' | 'address' | 'bank' | 'wallet' | 'device' | 'ip' | 'account';
  label: string;
  value: string;
  /** Where in the evidence. */
  path: string;
  note?: string;
};

export type ReportSignal = {
  id: string;
  title: string;
  severity: Severity;
  explanation: string;
  howToVerify: string | null;
  sources: { key: string; title: string; publisher: string; year: number | null }[];
  evidence: { path: string; value: string }[];
};

export type ReportModel = {
  format: typeof REPORT_FORMAT;
  generatedAt: string;
  title: string;
  snapshot: {
    id: string;
    createdAt: string;
    createdBy: string;
    reason: string;
    manifestHash: string;
    manifest: SnapshotManifest;
  };
  subject: {
    id: string;
    name: string | null;
    kind: string | null;
    role: string | null;
    aliases: string[];
    dateOfBirth: string | null;
    claimedLocation: string | null;
    startDate: string | null;
  };
  summary: {
    band: Band | null;
    score: number | null;
    assessedAt: string | null;
    /** One plain-language sentence on what the band means. */
    headline: string;
    reasons: string[];
    signalCount: number;
    bySeverity: Record<Severity, number>;
    notEvaluated: { check: string; title: string; step: string }[];
  };
  timeline: SnapshotTimelineItem[];
  signals: ReportSignal[];
  identifiers: ReportIdentifier[];
  screenings: SnapshotScreenings;
  case: SnapshotCase & { statusLabel: string };
  /** Plain words on where the checklist state comes from (when there is none). */
  checklistNote: string | null;
  files: SnapshotFile[];
  jurisdictions: JurisdictionSection[];
  /** Said on the cover and the last page. */
  disclaimer: string;
};

const HEADLINES: Record<Band, string> = {
  low: 'Nothing found so far suggests this person is not who they claim to be. Keep the normal checks going.',
  elevated:
    'Some signs need a closer look before going further. Most have innocent explanations; check them with the steps listed.',
  high: 'Several strong signs point to a possible fraudulent identity. Verify identity in person before giving any access or payment.',
  critical:
    'The signs match the pattern of the North Korean IT-worker scheme. Contain access quietly, preserve the evidence and consider reporting to the authorities below.',
};

export const REPORT_DISCLAIMER =
  'This report lists signals — facts that deserve a check — not a verdict. Every signal names the evidence it rests on and the step that confirms or clears it. Judge people on verified facts and behaviour, never on where they come from.';

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

function sourceOf(key: string): ReportSignal['sources'][number] {
  const def = SOURCES[key as SourceKey];
  return def
    ? { key, title: def.title, publisher: def.publisher, year: def.year }
    : { key, title: key, publisher: '', year: null };
}

/** Each identifier once per kind and value, with the first place it was found; full values (for authorities). */
export function reportIdentifiers(bundle: CaseBundle): ReportIdentifier[] {
  const out: ReportIdentifier[] = [];
  const seen = new Set<string>();
  for (const id of extractIdentifiers(bundle)) {
    if (id.kind === 'device' || id.kind === 'ip') continue;
    const raw = valueAtPath(bundle, id.path);
    let value: string;
    if (id.kind === 'phone' || id.kind === 'email') value = id.key;
    else if (id.kind === 'wallet') value = typeof raw === 'string' ? raw.trim() : id.display;
    else if (id.kind === 'address') value = addressLine(raw) ?? id.display;
    else value = typeof raw === 'string' ? raw : describeEvidence(raw, 200) || id.display;
    const key = `${id.kind}|${id.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const notes = [
      id.reference ? "a reference's contact, not the person's own" : null,
      id.weak ? 'shared addresses (offices, VPNs) are common: weak on its own' : null,
      id.addressUse ? `${id.addressUse} address` : null,
    ].filter((n): n is string => n !== null);
    out.push({
      kind: id.kind,
      label: KIND_WORDS[id.kind],
      value,
      path: id.path,
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    });
  }
  // Every internet address the person used (the link graph keeps only public ones; a report lists all).
  const ip = (value: unknown, path: string) => {
    const key = normalizeIp(typeof value === 'string' ? value : null);
    if (!key || seen.has(`ip|${key}`)) return;
    seen.add(`ip|${key}`);
    const notes = ['shared addresses (offices, VPNs) are common: weak on its own'];
    if (!isPublicIp(key)) notes.push('private or reserved range');
    out.push({ kind: 'ip', label: KIND_WORDS.ip, value: key, path, note: notes.join('; ') });
  };
  ip(bundle.application?.ip, 'application.ip');
  (bundle.logins ?? []).forEach((l, i) => {
    if (l.allowListed !== true) ip(l.ip, `logins[${i}].ip`);
  });
  (bundle.subject.profiles ?? []).forEach((p, i) => {
    if (!p.url || seen.has(`account|${p.url}`)) return;
    seen.add(`account|${p.url}`);
    out.push({
      kind: 'account',
      label: `${p.kind ?? 'online'} profile`,
      value: p.url,
      path: `subject.profiles[${i}]`,
    });
  });
  (bundle.logins ?? []).forEach((l, i) => {
    if (!l.account) return;
    const key = `account|${l.app ?? ''}|${l.account.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      kind: 'account',
      label: `${l.app ?? 'sign-in'} account`,
      value: l.account,
      path: `logins[${i}].account`,
    });
  });
  return out;
}

function subjectOf(bundle: CaseBundle): ReportModel['subject'] {
  const s = bundle.subject;
  const loc = s.claimedLocation;
  const where = loc ? [loc.city, loc.region, loc.country].filter(Boolean).join(', ') : '';
  return {
    id: s.id,
    name: s.name ?? null,
    kind: s.kind ?? null,
    role: s.role ?? null,
    aliases: s.aliases ?? [],
    dateOfBirth: s.dateOfBirth ?? null,
    claimedLocation: where === '' ? null : where,
    startDate: s.startDate ?? null,
  };
}

/** The report model of one snapshot. `generatedAt` is the moment the report is written (a parameter: pure). */
export function buildReport(snapshot: CaseSnapshot, generatedAt: string): ReportModel {
  const { parts } = snapshot;
  const bundle = parts.bundle;
  const assessment = parts.assessment?.assessment ?? null;
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const signals: ReportSignal[] = [...(assessment?.signals ?? [])]
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.id < b.id ? -1 : 1))
    .map((s) => {
      bySeverity[s.severity] += 1;
      const def = getSignal(s.id);
      return {
        id: s.id,
        title: def?.title ?? s.id,
        severity: s.severity,
        explanation: s.explanation,
        howToVerify: def?.howToVerify ?? null,
        sources: s.sources.map(sourceOf),
        evidence: s.evidence.map((path) => ({ path, value: describeEvidence(valueAtPath(bundle, path)) })),
      };
    });
  const identifiers = reportIdentifiers(bundle);
  const subject = subjectOf(bundle);
  const status = parts.case.status;
  const band = assessment?.band ?? null;
  const model: Omit<ReportModel, 'jurisdictions'> = {
    format: REPORT_FORMAT,
    generatedAt,
    title: `Case report: ${subject.name ?? subject.id}`,
    snapshot: {
      id: snapshot.id,
      createdAt: snapshot.createdAt,
      createdBy: snapshot.createdBy.name,
      reason: snapshot.reason,
      manifestHash: snapshot.manifestHash,
      manifest: snapshot.manifest,
    },
    subject,
    summary: {
      band,
      score: assessment?.score ?? null,
      assessedAt: assessment?.assessedAt ?? null,
      headline: band
        ? HEADLINES[band]
        : 'This person has not been assessed yet: there is no band. Run an assessment, then make a new report.',
      reasons: assessment?.reasons ?? [],
      signalCount: signals.length,
      bySeverity,
      notEvaluated: (assessment?.gaps ?? []).map((g) => ({
        check: g.check,
        title: getCheck(g.check)?.title ?? g.check,
        step: g.step,
      })),
    },
    timeline: parts.timeline,
    signals,
    identifiers,
    screenings: parts.screenings,
    case: { ...parts.case, statusLabel: isCaseStatus(status) ? CASE_STATUS_LABELS[status] : status },
    checklistNote:
      parts.case.checklist === null
        ? 'No due-diligence checklist was recorded for this case when the snapshot was made; the case status and notes below are the record of the work done.'
        : null,
    files: parts.files,
    disclaimer: REPORT_DISCLAIMER,
  };
  return { ...model, jurisdictions: buildJurisdictions({ ...model, bundle }) };
}
