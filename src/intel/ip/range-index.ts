// Sorted, non-overlapping address intervals in typed arrays, found by binary search: IPv4 as Uint32,
// IPv6 as four Uint32 words per bound. `flattenIntervals` turns overlapping intervals from several
// sources into such a set, each piece carrying the best (lowest) value that covers it.
import { bigIntToWords, type Words } from './address.ts';

export type Interval<T extends number | bigint> = { start: T; end: T; value: number };

/**
 * Sorted, non-overlapping intervals of one address family: `width` Uint32 words per bound (inclusive),
 * `values[i]` what interval i stands for. Subclasses say how a stored bound compares with an address.
 */
abstract class RangeIndex<Ip> {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly values: Uint32Array;

  constructor(starts: Uint32Array, ends: Uint32Array, values: Uint32Array) {
    this.starts = starts;
    this.ends = ends;
    this.values = values;
  }

  get size(): number {
    return this.values.length;
  }

  /** Negative, zero or positive as bound `i` of `bounds` is below, equal to or above `ip`. */
  protected abstract compare(bounds: Uint32Array, i: number, ip: Ip): number;

  /** Index of the interval holding `ip`, or -1. */
  indexOf(ip: Ip): number {
    let lo = 0;
    let hi = this.values.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.starts, mid, ip) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && this.compare(this.ends, found, ip) >= 0 ? found : -1;
  }

  /** The value of the interval holding `ip`, or -1. */
  find(ip: Ip): number {
    const i = this.indexOf(ip);
    return i < 0 ? -1 : (this.values[i] as number);
  }
}

/** Typed arrays for `intervals`, `width` words per bound written by `put`. */
function pack<T extends number | bigint>(
  intervals: readonly Interval<T>[],
  width: number,
  put: (bounds: Uint32Array, offset: number, bound: T) => void,
): [Uint32Array, Uint32Array, Uint32Array] {
  const n = intervals.length;
  const starts = new Uint32Array(n * width);
  const ends = new Uint32Array(n * width);
  const values = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const r = intervals[i] as Interval<T>;
    put(starts, i * width, r.start);
    put(ends, i * width, r.end);
    values[i] = r.value;
  }
  return [starts, ends, values];
}

/** IPv4 intervals: one word per bound. */
export class V4RangeIndex extends RangeIndex<number> {
  static from(intervals: readonly Interval<number>[]): V4RangeIndex {
    return new V4RangeIndex(
      ...pack(intervals, 1, (bounds, offset, bound) => {
        bounds[offset] = bound;
      }),
    );
  }

  protected compare(bounds: Uint32Array, i: number, ip: number): number {
    return (bounds[i] as number) - ip;
  }
}

function compareWords(a: Uint32Array, offset: number, w: Words): number {
  for (let k = 0; k < 4; k++) {
    const x = a[offset + k] as number;
    const y = w[k] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** IPv6 intervals: four words per bound (big-endian). */
export class V6RangeIndex extends RangeIndex<Words> {
  static from(intervals: readonly Interval<bigint>[]): V6RangeIndex {
    return new V6RangeIndex(
      ...pack(intervals, 4, (bounds, offset, bound) => bounds.set(bigIntToWords(bound), offset)),
    );
  }

  protected compare(bounds: Uint32Array, i: number, ip: Words): number {
    return compareWords(bounds, i * 4, ip);
  }
}

/**
 * Overlapping intervals → sorted, non-overlapping pieces; where several cover an address the piece gets
 * the LOWEST value (callers number their sources in order of precedence). Adjacent pieces with the same
 * value are merged. `valueCount` bounds the values (0 ≤ value < valueCount).
 */
export function flattenIntervals<T extends number | bigint>(
  intervals: readonly Interval<T>[],
  valueCount: number,
  one: T,
): Interval<T>[] {
  type Event = { at: T; delta: 1 | -1; value: number };
  const events: Event[] = [];
  for (const r of intervals) {
    if (r.end < r.start) continue;
    events.push({ at: r.start, delta: 1, value: r.value });
    // end + 1 never overflows: numbers and bigints hold 2^32 and 2^128.
    events.push({ at: ((r.end as bigint) + (one as bigint)) as T, delta: -1, value: r.value });
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const active = new Int32Array(valueCount);
  const out: Interval<T>[] = [];
  let i = 0;
  while (i < events.length) {
    const at = (events[i] as Event).at;
    while (i < events.length && (events[i] as Event).at === at) {
      const e = events[i] as Event;
      active[e.value] = (active[e.value] as number) + e.delta;
      i += 1;
    }
    let best = -1;
    for (let v = 0; v < valueCount; v++) {
      if ((active[v] as number) > 0) {
        best = v;
        break;
      }
    }
    const next = i < events.length ? (events[i] as Event).at : undefined;
    if (best < 0 || next === undefined) continue;
    const end = ((next as bigint) - (one as bigint)) as T;
    const last = out[out.length - 1];
    if (last && last.value === best && (last.end as bigint) + (one as bigint) === (at as bigint)) {
      last.end = end;
    } else {
      out.push({ start: at, end, value: best });
    }
  }
  return out;
}
