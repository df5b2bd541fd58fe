/**
 * Writes default-data/manifest.json from the files shipped beside it: sha256, size and the records the
 * importers read. Run after replacing a file: `npx tsx src/intel/sanctions/default-data/build-manifest.ts`.
 * Sources and dates are declared here (see docs/adr/0002-sanctions-snapshot.md).
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainFromFileName } from '../importers/wallets.ts';
import {
  DEFAULT_DATA_DIR,
  importManifestList,
  importManifestWallets,
  type ManifestFile,
  type ManifestFileRole,
  type ManifestList,
  type SnapshotManifest,
  sha256File,
} from '../snapshot.ts';

const WATCHMAN = 'moov-io/watchman';

type Declared = { path: string; role: ManifestFileRole; publishedAt: string; origin: string };

async function describe(file: Declared): Promise<ManifestFile> {
  const full = join(DEFAULT_DATA_DIR, file.path);
  const chain = file.role === 'wallets' ? chainFromFileName(file.path) : undefined;
  return {
    ...file,
    sha256: await sha256File(full),
    bytes: statSync(full).size,
    records: 0,
    ...(chain ? { chain } : {}),
  };
}

const lists: {
  list: ManifestList['list'];
  format: ManifestList['format'];
  source: string;
  publishedAt: string;
  files: Declared[];
}[] = [
  {
    list: 'ofac-sdn',
    format: 'ofac-csv',
    source:
      'US Treasury OFAC Specially Designated Nationals list, legacy CSV (sdn.csv of 2024-05-03 joined with add.csv/alt.csv of 2025-12-24 where ent_num resolves)',
    publishedAt: '2024-05-03',
    files: [
      {
        path: 'ofac-sdn/sdn.csv',
        role: 'primary',
        publishedAt: '2024-05-03',
        origin:
          'jackdwyer/specially-designated-nationals-list@a5ec3c5ee4aae1b36ba24897a051787ea5429d30:sdn.csv',
      },
      {
        path: 'ofac-sdn/add.csv',
        role: 'add',
        publishedAt: '2025-12-24',
        origin: `${WATCHMAN}@2928c9496384fa9fad4e21bddd144c8fd42587b1:internal/tfidf/testdata/add.csv`,
      },
      {
        path: 'ofac-sdn/alt.csv',
        role: 'alt',
        publishedAt: '2025-12-24',
        origin: `${WATCHMAN}@2928c9496384fa9fad4e21bddd144c8fd42587b1:internal/tfidf/testdata/alt.csv`,
      },
    ],
  },
  {
    list: 'ofac-cons',
    format: 'ofac-csv',
    source: 'US Treasury OFAC Consolidated (non-SDN) list, legacy CSV',
    publishedAt: '2025-12-19',
    files: (['primary', 'add', 'alt', 'comments'] as const).map((role) => ({
      path: `ofac-cons/cons_${role === 'primary' ? 'prim' : role}.csv`,
      role,
      publishedAt: '2025-12-19',
      origin: `${WATCHMAN}@fca231b099c4b4d5022d03f4d36cdc4cae0f329c:test/testdata/cons_${role === 'primary' ? 'prim' : role}.csv`,
    })),
  },
  {
    list: 'un',
    format: 'un-xml',
    source: 'UN Security Council Consolidated List (XML)',
    publishedAt: '2026-02-27',
    files: [
      {
        path: 'un/UN_consolidated_2026-02-27.xml',
        role: 'xml',
        publishedAt: '2026-02-27',
        origin: `${WATCHMAN}@612b2174c7753aaf7166f59bbefcdfecbb1681de:test/testdata/UN_consolidated.xml`,
      },
    ],
  },
  {
    list: 'ca-sema',
    format: 'ca-sema-xml',
    source: 'Government of Canada Consolidated Autonomous Sanctions List (SEMA/JVCFOA), XML, 2020 edition',
    publishedAt: '2020-04-15',
    files: [
      {
        path: 'ca-sema/sema-lmes_2020-04-15.xml',
        role: 'xml',
        publishedAt: '2020-04-15',
        origin: 'Mendw/cmt-project-api@b96b3d1c7d723fae0c2e461e61fdc57e984a99ec:sema-lmes.xml',
      },
    ],
  },
];

const walletFiles: Declared[] = [
  ...readdirSync(join(DEFAULT_DATA_DIR, 'wallets'))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({
      path: `wallets/${name}`,
      role: 'wallets' as const,
      publishedAt: '2024-09-27',
      origin: `0xB10C/ofac-sanctioned-digital-currency-addresses@f2aee2265956bf28ce71824c2c2c8cab02c2e173:${name}`,
    })),
  {
    path: 'wallets/ofac_eth_addresses_with_entity.csv',
    role: 'wallets',
    publishedAt: '2026-06-25',
    origin: 'ultrasoundmoney/ofac-ethereum-addresses@ac234519b1ff45e9beec3345d476a0a54dca7df8:data.csv',
  },
];

const manifest: SnapshotManifest = {
  snapshotId: 'default-2026-11-25',
  lists: [],
  wallets: {
    source:
      'OFAC SDN "Digital Currency Address" features as extracted by 0xB10C (all chains) and ultrasoundmoney (ETH, with entity)',
    entries: 0,
    files: [],
  },
};
for (const declared of lists) {
  const files = await Promise.all(declared.files.map(describe));
  const list: ManifestList = { ...declared, entries: 0, files };
  const imported = await importManifestList(DEFAULT_DATA_DIR, list);
  list.entries = imported.entries.length;
  files.forEach((file, i) => {
    file.records = imported.records[i] ?? 0;
  });
  manifest.lists.push(list);
}
manifest.wallets.files = await Promise.all(walletFiles.map(describe));
const wallets = await importManifestWallets(DEFAULT_DATA_DIR, manifest.wallets.files);
manifest.wallets.files.forEach((file, i) => {
  file.records = wallets.records[i] ?? 0;
});
manifest.wallets.entries = wallets.wallets.length;
writeFileSync(join(DEFAULT_DATA_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  manifest.lists.map((l) => `${l.list}: ${l.entries}`).join(', '),
  `wallets: ${manifest.wallets.entries}`,
);
