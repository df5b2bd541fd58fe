// A case snapshot: one subject's case frozen at a moment, in named parts, each with its SHA-256 over canonical
// JSON (object keys sorted at every level) in a manifest, and one hash over the manifest itself. Reports are
// built from a snapshot, so a report names exactly the evidence it shows.
import type { CaseBundle } from '../bundle/schema.ts';
import type { ScreeningMatch, WalletHit } from '../intel/sanctions.ts';
import type { Band, DetailedAssessment, Severity } from '../types.ts';

export const SNAPSHOT_PARTS = ['bundle', 'assessment', 'screenings', 'case', 'timeline', 'files'] as const;
export type SnapshotPartName = (typeof SNAPSHOT_PARTS)[number];

export const SNAPSHOT_PART_TITLES: Readonly<Record<SnapshotPartName, string>> = {
  bundle: 'the evidence (case bundle)',
  assessment: 'the latest assessment',
  screenings: 'the sanctions screening results',
  case: 'the case status, notes and checklist',
  timeline: 'the timeline',
  files: 'the list of stored files and their hashes',
};

export type SnapshotActor = { kind: string; id: string | null; name: string };

export type SnapshotAssessment = {
  id: string;
  createdAt: string;
  trigger: string;
  assessment: DetailedAssessment;
} | null;

export type ScreenedParty = { role: string; path: string; name: string; matches: ScreeningMatch[] };
export type ScreenedWallet = { address: string; path: string; hits: WalletHit[] };

export type SnapshotScreenings = {
  /** False when this instance has no sanctions lists loaded (the parties are still listed). */
  available: boolean;
  /** The list snapshot screened against (null when not available). */
  listVersion: string | null;
  parties: ScreenedParty[];
  wallets: ScreenedWallet[];
  /** Matches an investigator marked "not this person". */
  dismissals: { list: string; entryId: string; matchedName: string | null; reason: string; at: string }[];
};

export type SnapshotChecklistItem = {
  id: string;
  title: string;
  group: string;
  status: string;
  note: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
};

export type SnapshotCase = {
  status: string;
  assignee: { id: string; name: string } | null;
  openedAt: string;
  updatedAt: string;
  events: { at: string; kind: string; from: string | null; to: string | null; actor: string }[];
  notes: { at: string; author: string; text: string }[];
  /** The due-diligence checklist when this instance keeps one; null otherwise. */
  checklist: SnapshotChecklistItem[] | null;
};

export type SnapshotTimelineItem = {
  at: string;
  kind: string;
  title: string;
  detail?: string;
  path?: string;
  severity?: Severity;
};

export type SnapshotFile = {
  kind: 'document' | 'recording' | 'resume';
  id: string;
  name: string;
  mediaType: string | null;
  bytes: number | null;
  /** As recorded when the file was stored. */
  sha256: string;
  storedAt: string | null;
  /** Deleted files keep their hash here; the file itself is gone. */
  deletedAt: string | null;
};

export type SnapshotParts = {
  bundle: CaseBundle;
  assessment: SnapshotAssessment;
  screenings: SnapshotScreenings;
  case: SnapshotCase;
  timeline: SnapshotTimelineItem[];
  files: SnapshotFile[];
};

export type SnapshotManifest = {
  algorithm: 'sha256';
  canonicalization: 'json-sorted-keys';
  snapshotId: string;
  subjectId: string;
  createdAt: string;
  createdBy: SnapshotActor;
  reason: string;
  /** Part name → hex SHA-256 of its canonical JSON. */
  parts: Record<SnapshotPartName, string>;
};

export type CaseSnapshot = {
  id: string;
  subjectId: string;
  createdAt: string;
  createdBy: SnapshotActor;
  reason: string;
  manifest: SnapshotManifest;
  /** SHA-256 of the manifest's canonical JSON. */
  manifestHash: string;
  parts: SnapshotParts;
};

/** The list view: who, when, why and the hash, without the parts. */
export type CaseSnapshotSummary = Omit<CaseSnapshot, 'parts' | 'manifest'> & {
  band: Band | null;
  score: number | null;
};

export type SnapshotVerification = {
  ok: boolean;
  snapshotId: string;
  manifestHash: string;
  parts: { name: SnapshotPartName; expected: string; actual: string | null; ok: boolean }[];
  /** Plain-language problems, empty when ok. */
  problems: string[];
};

export const MAX_SNAPSHOT_REASON = 1000;
