/** The lists Gatecheck ships importers for. */
export type SanctionsListId = 'ofac-sdn' | 'ofac-cons' | 'un' | 'ca-sema';

export type SanctionsEntryKind = 'individual' | 'entity' | 'vessel' | 'aircraft' | 'unknown';

export type SanctionsAlias = { name: string; quality: 'strong' | 'weak' };
export type SanctionsDocument = { type: string; number: string; country?: string };
export type SanctionsAddress = { text: string; country?: string };
/** `chain` is the list's own currency code (OFAC tickers: XBT, ETH, USDT, …); `address` is as published. */
export type SanctionsWallet = { chain: string; address: string };

/**
 * One entry of an official list, normalised. Dates are YYYY, YYYY-MM or YYYY-MM-DD.
 * Countries are ISO 3166-1 alpha-2 where the published name could be mapped, else the raw text.
 */
export type SanctionsEntry = {
  list: SanctionsListId;
  entryId: string;
  kind: SanctionsEntryKind;
  name: string;
  aliases: SanctionsAlias[];
  programs: string[];
  datesOfBirth: string[];
  placesOfBirth: string[];
  nationalities: string[];
  documents: SanctionsDocument[];
  addresses: SanctionsAddress[];
  wallets: SanctionsWallet[];
  remarks?: string;
  listedOn?: string;
};

/** A sanctioned digital-currency address from an address list, labelled with its owner when the list says. */
export type SanctionedWallet = SanctionsWallet & {
  source: string;
  entityName?: string;
  entryId?: string;
  programs?: string[];
};

export function emptyEntry(
  list: SanctionsListId,
  entryId: string,
  kind: SanctionsEntryKind,
  name: string,
): SanctionsEntry {
  return {
    list,
    entryId,
    kind,
    name,
    aliases: [],
    programs: [],
    datesOfBirth: [],
    placesOfBirth: [],
    nationalities: [],
    documents: [],
    addresses: [],
    wallets: [],
  };
}
