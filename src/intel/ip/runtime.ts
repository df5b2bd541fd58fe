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
import { type AsnTable, loadAsnTableV4, loadAsnTableV6 } from './asn.ts';
import { CityDb, type CityHit } from './city.ts';
import { type Classification, classifyNetwork } from './classify.ts';
import { ListIndex, type ListMatch, type LoadedList } from './list-index.ts';
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const RESERVED_CLASS: Classification = { kind: 'unknown', by: 'none' };
const NO_DATA_CLASS: Classification = { kind: 'unknown', by: 'none' };

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

/**
 * A bounded map with O(1) eviction: two generations of at most max/2 entries each; when the current one is
 * full it becomes the previous one and the oldest generation is dropped (a hit in the previous generation is
 * promoted). Holds between max/2 and max entries.
 */
export class GenerationCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private readonly half: number;

  constructor(max: number) {
    this.half = Math.max(1, Math.floor(max / 2));
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  get(key: string): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    if (this.current.size >= this.half) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  clear(): void {
    this.current = new Map();
    this.previous = new Map();
  }
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
  let checking: Promise<void> | undefined;
  const cache = cacheSize > 0 ? new GenerationCache<IpInfo>(cacheSize) : undefined;

  const v4Table = () => {
    asnV4 ??= loadAsnTableV4(options.asnDir);
    return asnV4;
  };
  const v6Table = () => {
    asnV6 ??= loadAsnTableV6(options.asnDir);
    return asnV6;
  };

  // Classification by (ASN, organisation), remembered per ASN (the organisation is nearly always the same).
  const classMemo = new Map<number, { org: string | undefined; cls: Classification }>();
  const classify = (asn: number, org: string | undefined): Classification => {
    const memo = classMemo.get(asn);
    if (memo !== undefined && memo.org === org) return memo.cls;
    const cls = classifyNetwork({ asn, org });
    classMemo.set(asn, { org, cls });
    return cls;
  };

  const compute = (ip: ParsedIp): IpInfo => {
    const sources: string[] = [];
    const reserved = isReserved(ip);
    let geo: CityHit | undefined;
    let table: AsnTable | undefined;
    let row = -1;
    if (!reserved) {
      if (ip.version === 4) {
        geo = city.find(4, ip.text.charCodeAt(0) === 58 ? formatIPv4(ip.value) : ip.text);
        table = v4Table();
        row = table.rowV4(ip.value);
      } else {
        geo = city.find(6, ip.text);
        table = v6Table();
        row = table.rowV6(ip.words);
      }
    }
    const asn = table && row >= 0 ? table.asnAt(row) : undefined;
    const org = table && row >= 0 ? table.orgAt(row) : undefined;
    const match = ip.version === 4 ? lists.matchV4(ip.value, asn) : lists.matchV6(ip.words, asn);
    if (reserved) sources.push('reserved');
    if (geo) sources.push('dbip-city');
    if (asn !== undefined) sources.push('asn');
    const classified: Classification = reserved
      ? RESERVED_CLASS
      : asn !== undefined
        ? classify(asn, org)
        : NO_DATA_CLASS;
    const { kind, provider } = decideKind(match, classified, sources);
    if (match.allow) sources.push(`list:${match.allow.name}`);

    // Built field by field (no spreads): this runs once per distinct address.
    const info: Mutable<IpInfo> = { ip: ip.text, kind, sources };
    if (geo) {
      const place = geo.place;
      if (place.country !== undefined) info.country = place.country;
      if (place.region !== undefined) info.region = place.region;
      if (place.city !== undefined) info.city = place.city;
      if (place.lat !== undefined && place.lon !== undefined && geo.accuracyKm !== undefined) {
        info.lat = place.lat;
        info.lon = place.lon;
        info.accuracyKm = kind === 'mobile' ? Math.max(geo.accuracyKm, MOBILE_MIN_KM) : geo.accuracyKm;
      }
    }
    if (asn !== undefined) info.asn = asn;
    if (org !== undefined) info.org = org;
    info.kind = kind;
    if (provider !== undefined) info.provider = provider;
    if (match.allow)
      info.allowListed = Object.freeze({
        list: match.allow.name,
        label: match.allow.label ?? match.allow.name,
      });
    info.sources = Object.freeze(sources) as string[];
    return Object.freeze(info);
  };

  const lookup: IpLookup = {
    lookup(input: string): IpInfo | undefined {
      if (typeof input !== 'string') return undefined;
      const hit = cache?.get(input);
      if (hit) return hit;
      const ip = parseIp(input);
      if (!ip) return undefined;
      const info = compute(ip);
      cache?.set(input, info);
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
    cache?.clear();
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
      const db = options.db;
      if (!db) return;
      if (listLoad === undefined) {
        await reloadLists();
        return;
      }
      // Until the first load finished there is nothing to look up with; afterwards the loaded lists serve.
      if (listsFingerprint === undefined) await listLoad;
      if (checking !== undefined || nowMs() - checkedAt < recheckMs) return;
      // Another process's import is noticed in the background: awaiting the query here would deadlock on
      // SQLite, whose only connection is held by the transaction the caller assesses in.
      checkedAt = nowMs();
      checking = ipListsFingerprint(db)
        .then(async (fingerprint) => {
          if (fingerprint !== listsFingerprint) await reloadLists();
        })
        .catch(() => {
          // Keep the loaded lists; the next call after recheckMs tries again.
        })
        .finally(() => {
          checking = undefined;
        });
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
        cached: cache?.size ?? 0,
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
