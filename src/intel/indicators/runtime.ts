// The threat indicators imported into the store, as an in-memory index detectors can query synchronously.
// Loaded on `ready()` (which inTransaction awaits before every write, as for the IP lists), re-checked at
// most every few seconds so another process's import is noticed, and reloaded at once after an import or a
// removal (`reload()`). Indicators shared as salted hashes (email, phone) match when a subject's own value,
// hashed with one of the salts this installation was given (GATECHECK_INDICATOR_SALT), gives the same hash.
import type { Kysely } from 'kysely';
import {
  indicatorsFingerprint,
  listActiveIndicators,
  type ThreatIndicatorRecord,
} from '../../adapters/db/repositories/threat-indicators.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import {
  HASHED_PREFIX,
  type IndicatorHit,
  type IndicatorKind,
  type IndicatorLookup,
  isHashableKind,
  isIndicatorKind,
} from '../../core/intel/indicators.ts';
import type { IntelLookups } from '../../core/types.ts';
import { saltedSha256 } from './hashed.ts';

export type IndicatorRuntime = {
  /** The current index (empty until loaded). */
  readonly lookup: IndicatorLookup;
  /** Loads the stored indicators; later calls re-check for changes now and then (in the background). */
  ready(): Promise<void>;
  /** Reads the stored indicators again now (after an import or a removal). */
  reload(): Promise<void>;
};

export type IndicatorRuntimeOptions = {
  db: Kysely<DB>;
  /** The salts agreed with other organisations, for indicators shared as salted hashes. */
  salts?: readonly string[];
  /** How often `ready()` looks for imports made by another process (default 5 s). */
  recheckMs?: number;
  nowMs?: () => number;
};

const EMPTY: readonly IndicatorHit[] = Object.freeze([]);

/**
 * An index over indicator records (kind + normal-form value → hits). An email or phone is also looked up as
 * sha256("<salt>:<value>") for each salt, when hashed indicators are loaded.
 */
export function buildIndicatorIndex(
  records: readonly ThreatIndicatorRecord[],
  salts: readonly string[] = [],
): IndicatorLookup {
  const index = new Map<string, IndicatorHit[]>();
  let size = 0;
  let hashed = 0;
  for (const r of records) {
    if (!isIndicatorKind(r.kind)) continue;
    const hit: IndicatorHit = Object.freeze({
      kind: r.kind,
      value: r.value,
      source: r.source,
      labels: Object.freeze([...r.labels]),
      importId: r.importId,
      ...(r.description !== null ? { description: r.description } : {}),
      ...(r.validFrom !== null ? { validFrom: r.validFrom } : {}),
      ...(r.validUntil !== null ? { validUntil: r.validUntil } : {}),
      ...(r.stixId !== null ? { stixId: r.stixId } : {}),
      ...(r.value.startsWith(HASHED_PREFIX) ? { hashed: true as const } : {}),
    });
    if (hit.hashed) hashed += 1;
    const key = `${r.kind}\u0000${r.value}`;
    const list = index.get(key);
    if (list) list.push(hit);
    else index.set(key, [hit]);
    size += 1;
  }
  return {
    size,
    match(kind: IndicatorKind, value: string) {
      const plain = index.get(`${kind}\u0000${value}`) ?? EMPTY;
      if (hashed === 0 || salts.length === 0 || !isHashableKind(kind)) return plain;
      const out = [...plain];
      for (const salt of salts)
        out.push(...(index.get(`${kind}\u0000${HASHED_PREFIX}${saltedSha256(salt, value)}`) ?? EMPTY));
      return out.length === 0 ? EMPTY : out;
    },
  };
}

export function createIndicatorRuntime(options: IndicatorRuntimeOptions): IndicatorRuntime {
  const recheckMs = options.recheckMs ?? 5000;
  const nowMs = options.nowMs ?? (() => Date.now());
  let current: IndicatorLookup = buildIndicatorIndex([]);
  let fingerprint: string | undefined;
  let loading: Promise<void> | undefined;
  let checking: Promise<void> | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;

  const read = async (): Promise<void> => {
    const print = await indicatorsFingerprint(options.db);
    const rows = await listActiveIndicators(options.db, new Date(nowMs()).toISOString());
    current = buildIndicatorIndex(rows, options.salts);
    fingerprint = print;
    checkedAt = nowMs();
  };

  const reload = (): Promise<void> => {
    const attempt = read();
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = undefined;
    });
    return attempt;
  };

  return {
    get lookup() {
      return current;
    },
    async ready() {
      if (loading === undefined) return reload();
      if (fingerprint === undefined) return loading;
      if (checking !== undefined || nowMs() - checkedAt < recheckMs) return;
      // In the background: on SQLite the caller's transaction may hold the only connection.
      checkedAt = nowMs();
      checking = indicatorsFingerprint(options.db)
        .then(async (print) => {
          if (print !== fingerprint) await reload();
        })
        .catch(() => {
          // Keep the loaded index; the next call after recheckMs tries again.
        })
        .finally(() => {
          checking = undefined;
        });
    },
    reload,
  };
}

/** `base` with the indicator lookup added (`available` gains 'indicators'); the rest is read through. */
export function withIndicatorIntel(base: IntelLookups, runtime: IndicatorRuntime): IntelLookups {
  const available = new Set([...base.available, 'indicators']);
  return Object.create(base, {
    available: { value: available, enumerable: true },
    indicators: { get: () => runtime.lookup, enumerable: true },
  }) as IntelLookups;
}
