// The REAL screening engine over a small set of REAL list entries: the UN Consolidated List (DPRK programme
// and the rest) and OFAC's sanctioned digital-currency addresses, parsed from ../shared/datasets.
import type { IntelLookups } from '../src/core/types.ts';
import { importSanctionsFiles } from '../src/intel/sanctions/importers/index.ts';
import { type BuiltLookup, createSanctionsLookup } from '../src/intel/sanctions/lookup.ts';
import type { LoadedSnapshot } from '../src/intel/sanctions/runtime.ts';
import { mergeWallets } from '../src/intel/sanctions/snapshot.ts';

export const UN_XML = '/work/shared/datasets/sanctions/un/UN_consolidated_2026-02-27.xml';
export const OFAC_WALLETS =
  '/work/shared/datasets/crypto-addresses/ofac_sdn_digital_currency_addresses_with_entity.csv';
/** LAZARUS GROUP's Ethereum address, as OFAC publishes it (EIP-55 mixed case). */
export const LAZARUS_ETH = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96';

let snapshot: Promise<LoadedSnapshot> | undefined;

/** UN + OFAC wallets as a snapshot (parsed once per test file). */
export function loadFixtureSnapshot(id = 'fixture-un-2026-02-27'): Promise<LoadedSnapshot> {
  snapshot ??= importSanctionsFiles([UN_XML, OFAC_WALLETS]).then((r) => ({
    id,
    source: 'default' as const,
    dir: '/work/shared/datasets',
    lists: [{ list: 'un' as const, publishedAt: '2026-02-27', entries: r.entries.length, files: [] }],
    walletFiles: [],
    entries: r.entries,
    wallets: mergeWallets(r.wallets, r.entries),
    loadMs: 0,
  }));
  return snapshot;
}

export async function loadFixtureLookup(): Promise<BuiltLookup> {
  const s = await loadFixtureSnapshot();
  return createSanctionsLookup({
    version: s.id,
    entries: s.entries,
    wallets: s.wallets,
    publishedAt: { un: '2026-02-27' },
  });
}

export async function fixtureIntel(): Promise<IntelLookups> {
  const sanctions = await loadFixtureLookup();
  return { available: new Set(['sanctions']), sanctions };
}
