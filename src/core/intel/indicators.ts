// The port detectors use to match a subject's identifiers against threat indicators other organisations
// shared (STIX 2.1 bundles, CSV). The intel layer (src/intel/indicators) loads them from the store; core
// never opens a database. Values are compared in normal form (see src/intel/indicators/values.ts).

export const INDICATOR_KINDS = ['email', 'phone', 'wallet', 'domain', 'github', 'ip', 'url'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export function isIndicatorKind(value: string): value is IndicatorKind {
  return (INDICATOR_KINDS as readonly string[]).includes(value);
}

/** One imported indicator a value matched. */
export type IndicatorHit = {
  kind: IndicatorKind;
  /** The value in normal form. */
  value: string;
  /** Who shared it (the STIX identity's name, the CSV `source` column, or the import's name). */
  source: string;
  labels: readonly string[];
  description?: string;
  /** ISO timestamps; an indicator is in force from validFrom until validUntil (exclusive). */
  validFrom?: string;
  validUntil?: string;
  importId: string;
  /** The STIX indicator id, when the indicator came from STIX. */
  stixId?: string;
  /**
   * The indicator was shared as a salted hash (`value` is "sha256:<hex>"): the subject's own value hashed
   * with the agreed salt gave the same hash. The sender's value itself was never disclosed.
   */
  hashed?: true;
};

/** The kinds another organisation may share as salted hashes instead of values. */
export const HASHABLE_KINDS = ['email', 'phone'] as const satisfies readonly IndicatorKind[];
export const HASHED_PREFIX = 'sha256:';

/** The stored form of a hashed indicator ("sha256:" + 64 lower-case hex digits), or null when not a SHA-256. */
export function hashedIndicatorValue(hex: string): string | null {
  const h = hex
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '');
  return /^[0-9a-f]{64}$/.test(h) ? `${HASHED_PREFIX}${h}` : null;
}

export function isHashableKind(kind: IndicatorKind): kind is (typeof HASHABLE_KINDS)[number] {
  return (HASHABLE_KINDS as readonly string[]).includes(kind);
}

export interface IndicatorLookup {
  /** How many indicators are loaded (0: the detector reports "not evaluated"). */
  readonly size: number;
  /** The indicators matching a value already in normal form for its kind. */
  match(kind: IndicatorKind, value: string): readonly IndicatorHit[];
}

/** Whether an indicator is in force at `at` (ISO compare of UTC timestamps). */
export function inForce(hit: Pick<IndicatorHit, 'validFrom' | 'validUntil'>, at: Date): boolean {
  const t = at.getTime();
  if (hit.validFrom !== undefined && Date.parse(hit.validFrom) > t) return false;
  if (hit.validUntil !== undefined && Date.parse(hit.validUntil) <= t) return false;
  return true;
}
