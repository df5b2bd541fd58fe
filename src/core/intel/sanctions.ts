// The port detectors use to screen names and wallets against sanctions lists. The intel layer
// (src/intel/sanctions) implements it over the active list snapshot; core never loads lists itself.

export type ScreeningKind = 'individual' | 'entity';

export type ScreeningQuery = {
  name: string;
  kind: ScreeningKind;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  dateOfBirth?: string;
  /** ISO 3166-1 alpha-2. */
  nationalities?: string[];
  documentNumbers?: string[];
  /** Free-text addresses and ISO country codes the person or company is tied to. */
  addresses?: string[];
  countries?: string[];
};

/** How one identifier compared with the list entry. */
export type Corroboration = {
  field: 'dateOfBirth' | 'nationality' | 'document' | 'address' | 'country';
  status: 'agrees' | 'conflicts';
  detail: string;
};

export type ScreeningMatch = {
  /** List id, e.g. `un`, `ofac-sdn`, `ca-sema`. */
  list: string;
  listTitle: string;
  entryId: string;
  /** Changes when the list entry changes; dismissals are remembered per version. */
  entryVersion: string;
  entryKind: string;
  /** The entry's primary name, and the name or alias of it that matched. */
  name: string;
  matchedName: string;
  programs: string[];
  listedOn?: string;
  remarks?: string;
  /** 0–100. */
  score: number;
  /** What the match amounts to after corroboration (fairness rule: name alone is at most medium). */
  severity: 'medium' | 'high' | 'critical';
  corroborated: Corroboration[];
  reasons: string[];
};

export type WalletHit = {
  address: string;
  chain: string;
  /** Which list or address feed names it. */
  source: string;
  entityName?: string;
  entryId?: string;
  programs?: string[];
};

export interface SanctionsLookup {
  /** Matches worth a human's attention, best first. */
  screen(query: ScreeningQuery, options?: { limit?: number }): ScreeningMatch[];
  /** Exact match after per-chain normalisation. */
  screenWallet(address: string): WalletHit[];
  /** Identifies the list snapshot (shown in explanations and reports). */
  readonly version: string;
}

/** Key under which an investigator's "not this person" decision is remembered. */
export function dismissalKey(match: Pick<ScreeningMatch, 'list' | 'entryId' | 'entryVersion'>): string {
  return `${match.list}:${match.entryId}:${match.entryVersion}`;
}
