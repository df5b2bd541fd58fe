// The SanctionsLookup port (core/intel/sanctions.ts) over one list snapshot: helper B's name index and scorer
// for names, an exact per-chain-normalised map for wallets. Built once per snapshot; immutable afterwards.
import { createHash } from 'node:crypto';
import type {
  Corroboration,
  SanctionsLookup,
  ScreeningMatch,
  ScreeningQuery,
  WalletHit,
} from '../../core/intel/sanctions.ts';
import { classifyMatch, corroborate, countryCode, type FieldCorroboration } from './matching/corroborate.ts';
import { buildNameIndex, type IndexEntryInput, type NameIndex, search } from './matching/index.ts';
import type { SanctionedWallet, SanctionsEntry, SanctionsListId } from './model.ts';
import { normalizeWallet } from './wallets.ts';

export const LIST_TITLES: Record<SanctionsListId, string> = {
  un: 'UN Security Council Consolidated List',
  'ofac-sdn': 'OFAC Specially Designated Nationals (SDN) List',
  'ofac-cons': 'OFAC Consolidated (non-SDN) Sanctions List',
  'ca-sema': 'Canada Consolidated Autonomous Sanctions List',
};

export type SnapshotData = {
  /** Identifies the snapshot (shown in explanations). */
  version: string;
  entries: readonly SanctionsEntry[];
  /** Address feeds (wallets listed outside the entries). */
  wallets: readonly SanctionedWallet[];
  /** Publication date of each list, for titles like "UN Security Council Consolidated List (2026-02-27)". */
  publishedAt?: Partial<Record<SanctionsListId, string>>;
};

export type LookupStats = { entries: number; names: number; wallets: number; buildMs: number };

export type BuiltLookup = SanctionsLookup & { readonly stats: LookupStats };

const DEFAULT_LIMIT = 10;
// The index is searched wider than the limit: kind filtering and corroboration drop some hits.
const SEARCH_FACTOR = 3;

/** Short, stable fingerprint of an entry: changes whenever the list changes anything about it. */
export function entryVersionOf(entry: SanctionsEntry): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex').slice(0, 16);
}

export function listTitle(list: SanctionsListId, publishedAt?: string): string {
  const title = LIST_TITLES[list] ?? list;
  return publishedAt ? `${title} (${publishedAt})` : title;
}

function kindAllowed(entryKind: string, query: ScreeningQuery['kind']): boolean {
  if (entryKind === 'unknown') return true;
  if (query === 'individual') return entryKind === 'individual';
  return entryKind !== 'individual';
}

function entryCountries(entry: SanctionsEntry): string[] {
  const out = new Set<string>();
  for (const a of entry.addresses) if (a.country) out.add(countryCode(a.country));
  for (const n of entry.nationalities) out.add(countryCode(n));
  return [...out];
}

// Where the person says they live, against the countries of the entry's addresses and nationalities.
// Country-level evidence is as weak as nationality: it stands in for a missing nationality, never more.
function compareCountries(query: ScreeningQuery, entry: SanctionsEntry): FieldCorroboration | undefined {
  const mine = (query.countries ?? []).map(countryCode).filter((c) => c.length > 0);
  const listed = entryCountries(entry);
  if (mine.length === 0 || listed.length === 0) return undefined;
  const hit = mine.find((c) => listed.includes(c));
  if (hit === undefined) return undefined;
  return { field: 'nationality', status: 'agrees', strength: 'partial', detail: `country ${hit} is listed` };
}

function toCorroborated(
  fields: FieldCorroboration[],
  countryField: FieldCorroboration | undefined,
): Corroboration[] {
  const out: Corroboration[] = [];
  for (const f of fields) {
    if (f.status === 'unknown' || f.field === 'wallet') continue;
    out.push({ field: f.field, status: f.status, detail: f.detail });
  }
  if (countryField) out.push({ field: 'country', status: 'agrees', detail: countryField.detail });
  return out;
}

function tokenReasons(hit: ReturnType<typeof search>[number]): string[] {
  const reasons: string[] = [];
  const matched = hit.score.matches.map((m) =>
    m.kind === 'exact'
      ? m.query
      : `${m.query}≈${m.list} (${m.kind}${m.kind === 'fuzzy' ? ` ${m.similarity.toFixed(2)}` : ''})`,
  );
  if (matched.length > 0) reasons.push(`name tokens matched: ${matched.join(', ')}`);
  if (hit.score.unmatchedQuery.length > 0)
    reasons.push(`not in the listed name: ${hit.score.unmatchedQuery.join(', ')}`);
  if (hit.score.unmatchedList.length > 0)
    reasons.push(`listed tokens not given: ${hit.score.unmatchedList.join(', ')}`);
  if (hit.quality === 'weak')
    reasons.push(`matched a weak alias ("${hit.matchedName}") the list itself calls low quality`);
  return reasons;
}

/** Builds the lookup (name index + wallet map) over one snapshot. */
export function createSanctionsLookup(data: SnapshotData): BuiltLookup {
  const started = performance.now();
  const inputs: IndexEntryInput[] = [];
  const byInput = new Map<IndexEntryInput, SanctionsEntry>();
  const walletMap = new Map<string, WalletHit[]>();
  const addWallet = (address: string, hit: WalletHit) => {
    const key = normalizeWallet(address);
    if (key === '') return;
    const list = walletMap.get(key) ?? [];
    const same = (h: WalletHit) =>
      h.chain === hit.chain &&
      (hit.entryId !== undefined ? h.entryId === hit.entryId : h.source === hit.source);
    if (list.some(same)) return;
    list.push(hit);
    walletMap.set(key, list);
  };

  for (const entry of data.entries) {
    const input: IndexEntryInput = {
      entryId: entry.entryId,
      list: entry.list,
      kind: entry.kind,
      names: [{ name: entry.name, quality: 'strong' }, ...entry.aliases],
      datesOfBirth: entry.datesOfBirth,
      nationalities: entry.nationalities,
      documents: entry.documents.map((d) => d.number),
      addresses: entry.addresses.map((a) => a.text),
      wallets: entry.wallets.map((w) => w.address),
    };
    inputs.push(input);
    byInput.set(input, entry);
    for (const w of entry.wallets) {
      addWallet(w.address, {
        address: w.address,
        chain: w.chain,
        source: listTitle(entry.list, data.publishedAt?.[entry.list]),
        entityName: entry.name,
        entryId: entry.entryId,
        programs: entry.programs,
      });
    }
  }
  for (const w of data.wallets) {
    addWallet(w.address, {
      address: w.address,
      chain: w.chain,
      source: w.source,
      ...(w.entityName ? { entityName: w.entityName } : {}),
      ...(w.entryId ? { entryId: w.entryId } : {}),
      ...(w.programs ? { programs: w.programs } : {}),
    });
  }
  const index: NameIndex = buildNameIndex(inputs);
  const versions = new Map<SanctionsEntry, string>();
  const versionOf = (entry: SanctionsEntry): string => {
    const known = versions.get(entry);
    if (known !== undefined) return known;
    const v = entryVersionOf(entry);
    versions.set(entry, v);
    return v;
  };
  const stats: LookupStats = {
    entries: inputs.length,
    names: index.names.length,
    wallets: walletMap.size,
    buildMs: Math.round(performance.now() - started),
  };

  return {
    version: data.version,
    stats,
    screen(query, options = {}) {
      const limit = options.limit ?? DEFAULT_LIMIT;
      if (query.name.trim() === '') return [];
      const hits = search(index, query.name, { limit: limit * SEARCH_FACTOR });
      const matches: ScreeningMatch[] = [];
      for (const hit of hits) {
        const entry = byInput.get(hit.entry);
        if (!entry || !kindAllowed(entry.kind, query.kind)) continue;
        const engine = corroborate(
          {
            ...(query.dateOfBirth ? { dateOfBirth: query.dateOfBirth } : {}),
            nationalities: query.nationalities ?? [],
            documents: query.documentNumbers ?? [],
            addresses: query.addresses ?? [],
          },
          {
            datesOfBirth: hit.entry.datesOfBirth,
            nationalities: hit.entry.nationalities,
            documents: hit.entry.documents,
            addresses: hit.entry.addresses,
          },
        );
        const nationalityKnown = engine.fields.some(
          (f) => f.field === 'nationality' && f.status !== 'unknown',
        );
        const country = nationalityKnown ? undefined : compareCountries(query, entry);
        const fields = country
          ? engine.fields.map((f) => (f.field === 'nationality' ? country : f))
          : engine.fields;
        let classification = classifyMatch(hit.score.score, { fields });
        if (
          hit.quality === 'weak' &&
          classification.severity !== null &&
          classification.severity !== 'critical'
        ) {
          classification = {
            severity: 'medium',
            reasons: [...classification.reasons, 'a weak alias alone: at most medium'],
          };
        }
        const severity = classification.severity;
        if (severity === null) continue;
        matches.push({
          list: entry.list,
          listTitle: listTitle(entry.list, data.publishedAt?.[entry.list]),
          entryId: entry.entryId,
          entryVersion: versionOf(entry),
          entryKind: entry.kind,
          name: entry.name,
          matchedName: hit.matchedName,
          programs: entry.programs,
          ...(entry.listedOn ? { listedOn: entry.listedOn } : {}),
          ...(entry.remarks ? { remarks: entry.remarks } : {}),
          score: Math.round(hit.score.score * 100),
          severity,
          corroborated: toCorroborated(engine.fields, country),
          reasons: [...classification.reasons, ...tokenReasons(hit)],
        });
      }
      const rank = { critical: 3, high: 2, medium: 1 } as const;
      matches.sort((a, b) => rank[b.severity] - rank[a.severity] || b.score - a.score);
      return matches.slice(0, limit);
    },
    screenWallet(address) {
      const key = normalizeWallet(address);
      if (key === '') return [];
      return (walletMap.get(key) ?? []).map((h) => ({ ...h }));
    },
  };
}
