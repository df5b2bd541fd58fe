// The imported lists merged into one in-memory index per family: for every address, the strongest list
// that names it (tor > vpn > proxy > relay > hosting, then list name) and, separately, the allow-list
// that names it. ASN entries are matched by the address's ASN with the same precedence.
import type { Words } from './address.ts';
import { IP_LIST_KINDS, type IpListKind, type ParsedIpList } from './lists.ts';
import { flattenIntervals, type Interval, V4RangeIndex, V6RangeIndex } from './range-index.ts';

export type ListMeta = {
  name: string;
  kind: IpListKind;
  provider?: string;
  label?: string;
};

export type LoadedList = ListMeta & { parsed: Pick<ParsedIpList, 'v4' | 'v6' | 'asns'> };

export type ListMatch = { list?: ListMeta; allow?: ListMeta };

const KIND_RANK: ReadonlyMap<IpListKind, number> = new Map(IP_LIST_KINDS.map((k, i) => [k, i]));

type Side = {
  lists: ListMeta[];
  v4: V4RangeIndex;
  v6: V6RangeIndex;
  asns: Map<number, number>;
};

function buildSide(lists: readonly LoadedList[]): Side {
  const v4: Interval<number>[] = [];
  const v6: Interval<bigint>[] = [];
  const asns = new Map<number, number>();
  lists.forEach((list, value) => {
    for (const r of list.parsed.v4) v4.push({ start: r.start, end: r.end, value });
    for (const r of list.parsed.v6) v6.push({ start: r.start, end: r.end, value });
    for (const asn of list.parsed.asns) {
      const existing = asns.get(asn);
      if (existing === undefined || value < existing) asns.set(asn, value);
    }
  });
  return {
    lists: lists.map(({ parsed: _parsed, ...meta }) => meta),
    v4: V4RangeIndex.from(flattenIntervals(v4, lists.length, 1)),
    v6: V6RangeIndex.from(flattenIntervals(v6, lists.length, 1n)),
    asns,
  };
}

function best(side: Side, range: number, asn: number | undefined): ListMeta | undefined {
  const byAsn = asn === undefined ? undefined : side.asns.get(asn);
  const id = byAsn === undefined ? range : range < 0 ? byAsn : Math.min(range, byAsn);
  return id < 0 ? undefined : side.lists[id];
}

export class ListIndex {
  private readonly kinds: Side;
  private readonly allows: Side;
  readonly size: { lists: number; v4Ranges: number; v6Ranges: number };

  private constructor(kinds: Side, allows: Side) {
    this.kinds = kinds;
    this.allows = allows;
    this.size = {
      lists: kinds.lists.length + allows.lists.length,
      v4Ranges: kinds.v4.size + allows.v4.size,
      v6Ranges: kinds.v6.size + allows.v6.size,
    };
  }

  static empty(): ListIndex {
    return ListIndex.build([]);
  }

  static build(lists: readonly LoadedList[]): ListIndex {
    const byPrecedence = (a: LoadedList, b: LoadedList) =>
      (KIND_RANK.get(a.kind) ?? 99) - (KIND_RANK.get(b.kind) ?? 99) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const kinds = lists.filter((l) => l.kind !== 'allow').sort(byPrecedence);
    const allows = lists.filter((l) => l.kind === 'allow').sort(byPrecedence);
    return new ListIndex(buildSide(kinds), buildSide(allows));
  }

  get isEmpty(): boolean {
    return this.size.lists === 0;
  }

  matchV4(ip: number, asn: number | undefined): ListMatch {
    if (this.isEmpty) return {};
    return this.result(
      best(this.kinds, this.kinds.v4.find(ip), asn),
      best(this.allows, this.allows.v4.find(ip), asn),
    );
  }

  matchV6(ip: Words, asn: number | undefined): ListMatch {
    if (this.isEmpty) return {};
    return this.result(
      best(this.kinds, this.kinds.v6.find(ip), asn),
      best(this.allows, this.allows.v6.find(ip), asn),
    );
  }

  private result(list: ListMeta | undefined, allow: ListMeta | undefined): ListMatch {
    return { ...(list ? { list } : {}), ...(allow ? { allow } : {}) };
  }
}
