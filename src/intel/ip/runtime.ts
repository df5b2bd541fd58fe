// The IP lookup over the shipped databases (DB-IP Lite city mmdb, the ASN table) and the lists imported
// into the store. `lookup` is synchronous (detectors call it per login): the IPv4 data loads on `ready()`
// or, failing that, on the first lookup; the IPv6 data on the first IPv6 lookup. Lists come from the
// store on `ready()` (re-checked at most every few seconds, so another process's import is noticed) and
// after `reloadLists()`. Results are cached per address (bounded); a list change clears the cache.
//
// Kind precedence: the strongest of {imported list, ASN classification} by tor > vpn > proxy > relay >
// hosting, the list winning ties and beating non-anonymizing classifications (isp, mobile); without either,
// the classification (isp with an ASN, unknown without). Allow-lists never change the kind: they set
// `allowListed`, which detectors read as "never counts against anyone".
import type { Kysely } from 'kysely';
import {
  ipListsFingerprint,
  listIpListsWithContent,
} from '../../adapters/db/repositories/ip-lists.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import { ANONYMIZING_KINDS, type IpInfo, type IpLookup, type NetworkKind } from '../../core/intel/ip.ts';
import type { IntelLookups } from '../../core/types.ts';
import { MOBILE_MIN_KM } from './accuracy.ts';
import { formatIPv4, isReserved, type ParsedIp, parseIp } from './address.ts';
import { type AsnHit, type AsnTable, loadAsnTableV4, loadAsnTableV6 } from './asn.ts';
import { CityDb, type CityHit } from './city.ts';
import { classifyNetwork } from './classify.ts';
import { ListIndex, type ListMatch, type ListMeta, type LoadedList } from './list-index.ts';
import { isIpListKind, parseIpList } from './lists.ts';
import { type IpSource, ipDatabases } from './sources.ts';

export type IpRuntime = {
  /** Synchronous lookups (loads the shipped data on first use if `ready()` was not awaited). */
  readonly lookup: IpLookup;
  /** Loads the IPv4 databases and the stored lists; later calls re-check the lists now and then. */
  ready(): Promise<void>;
  /** Reads the stored lists again now (after an import or removal) and clears the cache. */
  reloadLists(): Promise<void>;
  /** The shipped databases with licence and attribution. */
  sources(): IpSource[];
  /** Sizes and load times, for `GET /intel/ip` and the bench. */
  stats(): IpRuntimeStats;
};

export type IpRuntimeStats = {
  asnV4: { ranges: number; orgs: number; loadMs: number } | null;
  asnV6: { ranges: number; orgs: number; loadMs: number } | null;
  city: { v4: boolean; v6: boolean };
  lists: { lists: number; v4Ranges: number; v6Ranges: number };
  cached: number;
};

export type IpRuntimeOptions = {
  /** The store holding imported lists; without one only the shipped data is used. */
  db?: Kysely<DB>;
  /** Results kept per address (default 100,000; 0 turns the cache off). */
  cacheSize?: number;
  /** How often `ready()` looks for lists changed by another process (default 5 s). */
  recheckMs?: number;
  nowMs?: () => number;
  /** Folders of the data packages (default: resolved from node_modules). */
  cityDir?: string;
  asnDir?: string;
};

type Candidate = { kind: NetworkKind; provider?: string | undefined };

const RANK: Partial<Record<NetworkKind, number>> = { tor: 0, vpn: 1, proxy: 2, relay: 3, hosting: 4 };

/** Stored list rows → parsed lists (stored content is already normal form; a bad row is skipped). */
export function loadStoredLists(
  rows: readonly {
    name: string;
    kind: string;
    provider: string | null;
    label: string | null;
    content: string;
  }[],
): LoadedList[] {
  const out: LoadedList[] = [];
  for (const row of rows) {
    if (!isIpListKind(row.kind)) continue;
    try {
      const parsed = parseIpList(row.content);
      out.push({
        name: row.name,
        kind: row.kind,
        ...(row.provider ? { provider: row.provider } : {}),
        ...(row.label ? { label: row.label } : {}),
        parsed,
      });
    } catch {
      // A row that no longer parses (written by hand?) must not stop every lookup.
    }
  }
  return out;
}

/** Combines the list match and the ASN classification into kind, provider and the sources that said so. */
export function decideKind(
  match: ListMatch,
  classified: Candidate & { by: string },
  sources: string[],
): Candidate {
  const list = match.list;
  const cls: Candidate = { kind: classified.kind, provider: classified.provider };
  if (!list) {
    if (classified.by === 'asn-class' || classified.by === 'asn-org') sources.push(classified.by);
    return cls;
  }
  sources.push(`list:${list.name}`);
  const listKind: NetworkKind = list.kind === 'allow' ? 'unknown' : list.kind;
  const listRank = RANK[listKind] ?? 99;
  const clsRank = ANONYMIZING_KINDS.has(cls.kind) ? (RANK[cls.kind] ?? 99) : 99;
  if (clsRank < listRank) {
    sources.push(classified.by);
    return cls;
  }
  const provider = list.provider ?? (cls.kind === listKind ? cls.provider : undefined);
  if (provider !== undefined && list.provider === undefined) sources.push(classified.by);
  return { kind: listKind, provider };
}

function allowListed(allow: ListMeta | undefined): IpInfo['allowListed'] {
  return allow ? { list: allow.name, label: allow.label ?? allow.name } : undefined;
}

export function createIpRuntime(options: IpRuntimeOptions = {}): IpRuntime {
  const cacheSize = options.cacheSize ?? 100_000;
  const recheckMs = options.recheckMs ?? 5000;
  const nowMs = options.nowMs ?? (() => Date.now());
  const city = new CityDb(options.cityDir);
  let asnV4: AsnTable | undefined;
  let asnV6: AsnTable | undefined;
  let lists = ListIndex.empty();
  let listsFingerprint: string | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let listLoad: Promise<void> | undefined;
  const cache = new Map<string, IpInfo>();

  const v4Table = () => {
    asnV4 ??= loadAsnTableV4(options.asnDir);
    return asnV4;
  };
  const v6Table = () => {
    asnV6 ??= loadAsnTableV6(options.asnDir);
    return asnV6;
  };

  const compute = (ip: ParsedIp): IpInfo => {
    const sources: string[] = [];
    const reserved = isReserved(ip);
    let geo: CityHit | undefined;
    let asn: AsnHit | undefined;
    let match: ListMatch;
    if (ip.version === 4) {
      if (!reserved) {
        geo = city.find(4, ip.text.startsWith('::') ? formatIPv4(ip.value) : ip.text);
        asn = v4Table().findV4(ip.value);
      }
      match = lists.matchV4(ip.value, asn?.asn);
    } else {
      if (!reserved) {
        geo = city.find(6, ip.text);
        asn = v6Table().findV6(ip.words);
      }
      match = lists.matchV6(ip.words, asn?.asn);
    }
    if (reserved) sources.push('reserved');
    if (geo) sources.push('dbip-city');
    if (asn) sources.push('asn');
    const classified = reserved ? { kind: 'unknown' as const, by: 'none' } : classifyNetwork(asn ?? {});
    const { kind, provider } = decideKind(match, classified, sources);
    const allow = allowListed(match.allow);
    if (match.allow) sources.push(`list:${match.allow.name}`);
    let accuracyKm = geo?.accuracyKm;
    if (accuracyKm !== undefined && kind === 'mobile') accuracyKm = Math.max(accuracyKm, MOBILE_MIN_KM);
    const info: IpInfo = {
      ip: ip.text,
      ...(geo?.country ? { country: geo.country } : {}),
      ...(geo?.region ? { region: geo.region } : {}),
      ...(geo?.city ? { city: geo.city } : {}),
      ...(geo?.lat !== undefined ? { lat: geo.lat } : {}),
      ...(geo?.lon !== undefined ? { lon: geo.lon } : {}),
      ...(accuracyKm !== undefined ? { accuracyKm } : {}),
      ...(asn ? { asn: asn.asn } : {}),
      ...(asn?.org ? { org: asn.org } : {}),
      kind,
      ...(provider ? { provider } : {}),
      ...(allow ? { allowListed: Object.freeze(allow) } : {}),
      sources: Object.freeze(sources) as string[],
    };
    return Object.freeze(info);
  };

  const lookup: IpLookup = {
    lookup(input: string): IpInfo | undefined {
      if (typeof input !== 'string') return undefined;
      if (cacheSize > 0) {
        const hit = cache.get(input);
        if (hit) return hit;
      }
      const ip = parseIp(input);
      if (!ip) return undefined;
      const info = compute(ip);
      if (cacheSize > 0) {
        if (cache.size >= cacheSize) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
        cache.set(input, info);
      }
      return info;
    },
  };

  const readLists = async (): Promise<void> => {
    const db = options.db;
    if (!db) return;
    const fingerprint = await ipListsFingerprint(db);
    const rows = await listIpListsWithContent(db);
    lists = ListIndex.build(loadStoredLists(rows));
    listsFingerprint = fingerprint;
    checkedAt = nowMs();
    cache.clear();
  };

  const reloadLists = (): Promise<void> => {
    const attempt = readLists();
    listLoad = attempt;
    attempt.catch(() => {
      if (listLoad === attempt) listLoad = undefined;
    });
    return attempt;
  };

  return {
    lookup,
    async ready() {
      v4Table();
      city.readerV4();
      if (!options.db) return;
      if (listLoad === undefined) {
        await reloadLists();
        return;
      }
      await listLoad;
      if (nowMs() - checkedAt < recheckMs) return;
      checkedAt = nowMs();
      if ((await ipListsFingerprint(options.db)) !== listsFingerprint) await reloadLists();
    },
    reloadLists,
    sources() {
      return ipDatabases(city.builtAt());
    },
    stats() {
      return {
        asnV4: asnV4 ? asnV4.stats : null,
        asnV6: asnV6 ? asnV6.stats : null,
        city: city.loaded,
        lists: lists.size,
        cached: cache.size,
      };
    },
  };
}

/**
 * `base` with the IP lookup added (`available` gains 'ip'). Everything else, including live getters such as
 * `sanctions`, is read through from `base`.
 */
export function withIpIntel(base: IntelLookups, runtime: IpRuntime): IntelLookups {
  const available = new Set([...base.available, 'ip']);
  return Object.create(base, {
    available: { value: available, enumerable: true },
    ip: { value: runtime.lookup, enumerable: true },
  }) as IntelLookups;
}
