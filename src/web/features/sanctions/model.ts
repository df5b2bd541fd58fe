// The sanctions shapes the UI reads (signal data, screening results, list snapshots, dismissals), and
// defensive readers that turn whatever JSON arrives into them: a missing field renders as "not given",
// never as a crash.
import type { Corroboration } from '../../../core/intel/sanctions.ts';

export type MatchSeverity = 'medium' | 'high' | 'critical';

/** One possible match between a screened name and a list entry. */
export type MatchView = {
  /** Who was screened: "subject", "alias", "reference", "payee"… (absent on the Screening page). */
  role?: string;
  /** Where in the case bundle the screened name came from. */
  path?: string;
  /** The name as screened. */
  query?: string;
  list: string;
  listTitle?: string;
  entryId: string;
  entryVersion?: string;
  entryKind?: string;
  /** The entry's primary name, and the name or alias of it that matched. */
  name: string;
  matchedName: string;
  programs: string[];
  listedOn?: string;
  remarks?: string;
  score: number;
  severity?: MatchSeverity;
  corroborated: Corroboration[];
  reasons: string[];
};

export type WalletHitView = {
  path?: string;
  address: string;
  chain: string;
  source: string;
  entityName?: string;
  entryId?: string;
  programs: string[];
};

export type Dismissal = {
  id: string;
  signal: string;
  list: string;
  entryId: string;
  entryVersion?: string;
  matchedName?: string;
  reason: string;
  dismissedBy?: string;
  dismissedAt?: string;
};

export type ListCounts = { individuals?: number; entities?: number; wallets?: number; total?: number };

export type ListFile = { name: string; sha256?: string; publishedOn?: string };

export type ListInfo = {
  id: string;
  title: string;
  /** The publisher's description of the file set, when given. */
  source?: string;
  publishedOn?: string;
  /** sha256 of the list's file, or of its files' hashes for a multi-file set. */
  sha256?: string;
  files: ListFile[];
  counts: ListCounts;
};

export type ListDiff = {
  list: string;
  added: string[];
  removed: string[];
  changed: string[];
  addedCount: number;
  removedCount: number;
  changedCount: number;
};

export type SnapshotView = {
  id: string;
  createdAt?: string;
  createdBy?: string;
  source?: string;
  status: string;
  lists: ListInfo[];
  diff: ListDiff[];
  error?: string;
  /** The files a failed import tried to read. */
  files: string[];
  /** Loaded in the server right now. */
  loaded: boolean;
};

export type SnapshotsView = { snapshots: SnapshotView[]; loadedVersion?: string };

export type ScreenRequest = { name: string; dob?: string; country?: string; kind?: 'individual' | 'entity' };

export type ScreenResult = {
  query: Record<string, unknown>;
  matches: MatchView[];
  /** Which lists (and versions) were searched, when the server says. */
  searched: { id: string; title: string; version?: string }[];
  version?: string;
};

// ---------------------------------------------------------------------------------------------- readers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return typeof value === 'string' && value ? [value] : [];
  return value
    .map((v) => (isRecord(v) ? (str(v.id) ?? str(v.entryId) ?? str(v.name)) : str(v)))
    .filter((v): v is string => v !== undefined);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

const CORROBORATION_FIELDS = new Set<Corroboration['field']>([
  'dateOfBirth',
  'nationality',
  'document',
  'address',
  'country',
]);

function readCorroboration(value: unknown): Corroboration[] {
  const out: Corroboration[] = [];
  for (const c of records(value)) {
    const field = str(c.field);
    const status = str(c.status);
    if (!field || (status !== 'agrees' && status !== 'conflicts')) continue;
    out.push({
      field: CORROBORATION_FIELDS.has(field as Corroboration['field'])
        ? (field as Corroboration['field'])
        : 'country',
      status,
      detail: str(c.detail) ?? '',
    });
  }
  return out;
}

function readSeverity(value: unknown): MatchSeverity | undefined {
  return value === 'medium' || value === 'high' || value === 'critical' ? value : undefined;
}

export function readMatch(value: unknown): MatchView | null {
  if (!isRecord(value)) return null;
  const list = str(value.list);
  const entryId = str(value.entryId);
  if (!list || !entryId) return null;
  const name = str(value.name) ?? str(value.matchedName) ?? '';
  const m: MatchView = {
    list,
    entryId,
    name,
    matchedName: str(value.matchedName) ?? name,
    programs: strings(value.programs),
    score: Math.max(0, Math.min(100, num(value.score) ?? 0)),
    corroborated: readCorroboration(value.corroborated),
    reasons: strings(value.reasons),
  };
  assign(m, 'role', str(value.role));
  assign(m, 'path', str(value.path));
  assign(m, 'query', str(value.query));
  assign(m, 'listTitle', str(value.listTitle));
  assign(m, 'entryVersion', str(value.entryVersion));
  assign(m, 'entryKind', str(value.entryKind));
  assign(m, 'listedOn', str(value.listedOn));
  assign(m, 'remarks', str(value.remarks));
  assign(m, 'severity', readSeverity(value.severity));
  return m;
}

export function readMatches(value: unknown): MatchView[] {
  if (!Array.isArray(value)) return [];
  return value.map(readMatch).filter((m): m is MatchView => m !== null);
}

export function readWalletHits(value: unknown): WalletHitView[] {
  const out: WalletHitView[] = [];
  for (const h of records(value)) {
    const address = str(h.address);
    if (!address) continue;
    const hit: WalletHitView = {
      address,
      chain: str(h.chain) ?? '',
      source: str(h.source) ?? '',
      programs: strings(h.programs),
    };
    assign(hit, 'path', str(h.path));
    assign(hit, 'entityName', str(h.entityName));
    assign(hit, 'entryId', str(h.entryId));
    out.push(hit);
  }
  return out;
}

function actorName(value: unknown): string | undefined {
  if (isRecord(value)) return str(value.name) ?? str(value.email) ?? str(value.id);
  return str(value);
}

export function readDismissals(value: unknown): Dismissal[] {
  const items = Array.isArray(value) ? value : isRecord(value) ? (value.items ?? value.dismissals ?? []) : [];
  const out: Dismissal[] = [];
  for (const d of records(items)) {
    const list = str(d.list);
    const entryId = str(d.entryId) ?? str(d.entry_id);
    if (!list || !entryId) continue;
    const item: Dismissal = {
      id: str(d.id) ?? `${list}:${entryId}:${str(d.entryVersion) ?? ''}`,
      signal: str(d.signal) ?? '',
      list,
      entryId,
      reason: str(d.reason) ?? '',
    };
    assign(item, 'entryVersion', str(d.entryVersion) ?? str(d.entry_version));
    assign(item, 'matchedName', str(d.matchedName) ?? str(d.matched_name));
    assign(item, 'dismissedBy', actorName(d.dismissedBy ?? d.dismissed_by ?? d.actor));
    assign(item, 'dismissedAt', str(d.dismissedAt) ?? str(d.dismissed_at) ?? str(d.at));
    out.push(item);
  }
  return out;
}

function readCounts(value: Record<string, unknown>): ListCounts {
  const c = isRecord(value.counts) ? value.counts : value;
  const counts: ListCounts = {};
  assign(counts, 'individuals', num(c.individuals) ?? num(c.individual));
  assign(counts, 'entities', num(c.entities) ?? num(c.entity));
  assign(counts, 'wallets', num(c.wallets) ?? num(c.wallet));
  assign(counts, 'total', num(c.total) ?? num(c.entries) ?? num(value.entries) ?? num(value.entryCount));
  return counts;
}

function readFiles(value: Record<string, unknown>): ListFile[] {
  const out: ListFile[] = [];
  const raw = value.files ?? value.sources;
  if (Array.isArray(raw)) {
    for (const f of raw) {
      if (typeof f === 'string') out.push({ name: f });
      else if (isRecord(f)) {
        const name = str(f.name) ?? str(f.file) ?? str(f.path) ?? str(f.sourceFile);
        if (!name) continue;
        const file: ListFile = { name };
        assign(file, 'sha256', str(f.sha256));
        assign(file, 'publishedOn', str(f.publishedAt) ?? str(f.publishedOn));
        out.push(file);
      }
    }
  }
  const single = str(value.sourceFile) ?? str(value.file);
  if (out.length === 0 && single) {
    out.push({ name: single });
  }
  return out;
}

function readList(value: unknown, key?: string): ListInfo | null {
  if (!isRecord(value)) return null;
  const id = str(value.id) ?? str(value.list) ?? key;
  if (!id) return null;
  const info: ListInfo = {
    id,
    title: str(value.title) ?? str(value.listTitle) ?? LIST_TITLES[id] ?? id,
    files: readFiles(value),
    counts: readCounts(value),
  };
  assign(
    info,
    'publishedOn',
    str(value.publishedOn) ??
      str(value.publishedAt) ??
      str(value.published) ??
      str(value.date) ??
      str(value.publicationDate),
  );
  assign(info, 'source', str(value.source) ?? str(value.description));
  assign(info, 'sha256', str(value.sha256));
  return info;
}

function readLists(value: unknown): ListInfo[] {
  if (Array.isArray(value)) return value.map((v) => readList(v)).filter((l): l is ListInfo => l !== null);
  if (isRecord(value)) {
    const inner = value.lists;
    if (inner !== undefined && inner !== value) return readLists(inner);
    return Object.entries(value)
      .map(([k, v]) => readList(v, k))
      .filter((l): l is ListInfo => l !== null);
  }
  return [];
}

function idsOrCount(value: unknown): { ids: string[]; count: number } {
  if (Array.isArray(value)) {
    const ids = strings(value);
    return { ids, count: value.length };
  }
  return { ids: [], count: num(value) ?? 0 };
}

function readDiffEntry(list: string, value: unknown): ListDiff | null {
  if (!isRecord(value)) return null;
  const added = idsOrCount(value.added);
  const removed = idsOrCount(value.removed);
  const changed = idsOrCount(value.changed);
  const counts = isRecord(value.counts) ? value.counts : {};
  return {
    list: str(value.list) ?? list,
    added: added.ids,
    removed: removed.ids,
    changed: changed.ids,
    addedCount: num(value.addedCount) ?? num(counts.added) ?? added.count,
    removedCount: num(value.removedCount) ?? num(counts.removed) ?? removed.count,
    changedCount: num(value.changedCount) ?? num(counts.changed) ?? changed.count,
  };
}

export function readDiff(value: unknown): ListDiff[] {
  if (Array.isArray(value)) {
    return value
      .map((v) => readDiffEntry(isRecord(v) ? (str(v.list) ?? '') : '', v))
      .filter((d): d is ListDiff => d !== null);
  }
  if (!isRecord(value)) return [];
  if (value.lists !== undefined) return readDiff(value.lists);
  if ('added' in value || 'removed' in value || 'changed' in value) {
    const one = readDiffEntry(str(value.list) ?? 'all', value);
    return one ? [one] : [];
  }
  return Object.entries(value)
    .map(([k, v]) => readDiffEntry(k, v))
    .filter((d): d is ListDiff => d !== null);
}

export function readSnapshot(value: unknown): SnapshotView | null {
  if (!isRecord(value)) return null;
  const id = str(value.id) ?? str(value.snapshotId);
  if (!id) return null;
  const listsJson = value.lists ?? value.manifest;
  const lists = readLists(listsJson);
  // The address lists sit beside the lists: `{lists: [...], wallets: {entries, files}}`.
  if (isRecord(listsJson) && isRecord(listsJson.wallets)) {
    const w = listsJson.wallets;
    const files = readFiles(w);
    const entries = num(w.entries);
    if (files.length > 0 || (entries ?? 0) > 0) {
      const counts: ListCounts = {};
      assign(counts, 'wallets', entries);
      lists.push({ id: 'wallets', title: LIST_TITLES.wallets ?? 'Wallets', files, counts });
    }
  }
  const snap: SnapshotView = {
    id,
    status: str(value.status) ?? 'active',
    lists,
    diff: readDiff(value.diff),
    files: isRecord(listsJson) && !Array.isArray(listsJson.lists) ? strings(listsJson.files) : [],
    loaded: value.loaded === true,
  };
  assign(snap, 'createdAt', str(value.createdAt) ?? str(value.created_at));
  assign(snap, 'createdBy', actorName(value.createdBy ?? value.created_by));
  assign(snap, 'source', str(value.source));
  assign(snap, 'error', str(value.error) ?? undefined);
  return snap;
}

/** `GET /intel/sanctions`: `{snapshots, loaded: {version…}}` (or a bare array of snapshots). */
export function readSnapshotsView(value: unknown): SnapshotsView {
  const view: SnapshotsView = { snapshots: readSnapshots(value) };
  if (isRecord(value) && isRecord(value.loaded)) assign(view, 'loadedVersion', str(value.loaded.version));
  return view;
}

export function readSnapshots(value: unknown): SnapshotView[] {
  let raw: unknown[] = [];
  if (Array.isArray(value)) raw = value;
  else if (isRecord(value)) {
    if (Array.isArray(value.snapshots)) raw = value.snapshots;
    else if (Array.isArray(value.items)) raw = value.items;
    else {
      if (isRecord(value.active)) raw.push(value.active);
      if (Array.isArray(value.previous)) raw.push(...value.previous);
      if (raw.length === 0 && value.id !== undefined) raw.push(value);
    }
  }
  return raw.map(readSnapshot).filter((s): s is SnapshotView => s !== null);
}

export function readScreenResult(value: unknown): ScreenResult {
  const body = isRecord(value) ? value : {};
  const searched: ScreenResult['searched'] = [];
  for (const l of records(body.lists ?? body.searched)) {
    const id = str(l.id) ?? str(l.list);
    if (!id) continue;
    const item: ScreenResult['searched'][number] = { id, title: str(l.title) ?? id };
    assign(item, 'version', str(l.version) ?? str(l.publishedOn) ?? str(l.date));
    searched.push(item);
  }
  const result: ScreenResult = {
    query: isRecord(body.query) ? body.query : {},
    matches: readMatches(body.matches),
    searched,
  };
  assign(result, 'version', str(body.version) ?? str(body.listVersion) ?? str(body.snapshot));
  return result;
}

// ---------------------------------------------------------------------------------------------- words

/** Short names for the lists Gatecheck knows, for when the server gives only the id. */
export const LIST_TITLES: Record<string, string> = {
  'ofac-sdn': 'OFAC Specially Designated Nationals (US)',
  'ofac-cons': 'OFAC Consolidated non-SDN lists (US)',
  un: 'UN Security Council Consolidated List',
  'ca-sema': 'Canada Consolidated Autonomous Sanctions List',
  wallets: 'Sanctioned cryptocurrency wallets',
};

export const SANCTIONS_SIGNALS = new Set([
  'sanctions.name-match',
  'sanctions.entity-match',
  'payments.sanctioned-wallet',
]);

export const CORROBORATION_LABELS: Record<Corroboration['field'], string> = {
  dateOfBirth: 'Date of birth',
  nationality: 'Nationality',
  document: 'Document number',
  address: 'Address',
  country: 'Country',
};

export const MATCH_SEVERITY_TEXT: Record<MatchSeverity, string> = {
  medium: 'Possible match — needs review',
  high: 'Likely match — a second identifier agrees',
  critical: 'Strong match — several identifiers agree',
};

/** Roles arrive as plain words ("the person", "a reference"); show them as a sentence start. */
export function roleText(role: string | undefined): string {
  if (!role) return '';
  return role.charAt(0).toUpperCase() + role.slice(1);
}

export function dismissalKeyOf(m: {
  list: string;
  entryId: string;
  entryVersion?: string | undefined;
}): string {
  return `${m.list}:${m.entryId}:${m.entryVersion ?? ''}`;
}
