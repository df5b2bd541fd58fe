// The document store of this installation: encrypted (AES-256-GCM) local files under <dataDir>/files/ with
// the configured or generated storage key. Opened once per data folder and key; the key loads on first use,
// so commands that never touch a stored file never need it (the server checks it at start).
import { join } from 'node:path';
import { createEncryptedFileStore, type EncryptedFileStore } from './encrypted-file-store.ts';
import type { FileStore } from './file-store.ts';
import { createLocalFileStore } from './local-file-store.ts';
import { type LoadedStorageKey, loadStorageKey } from './storage-key.ts';

export const FILES_DIR = 'files';

export type StoreConfig = { dataDir: string; storageKey?: string | undefined };

const opened = new Map<string, Promise<{ store: EncryptedFileStore; key: LoadedStorageKey }>>();

/** Opens (once per data folder and key) the encrypted store; fails with StorageKeyError for an unusable key. */
export function openDocumentStore(
  config: StoreConfig,
): Promise<{ store: EncryptedFileStore; key: LoadedStorageKey }> {
  const cacheKey = `${config.dataDir}\0${config.storageKey ?? ''}`;
  let pending = opened.get(cacheKey);
  if (pending === undefined) {
    pending = (async () => {
      const key = await loadStorageKey({ configured: config.storageKey, dataDir: config.dataDir });
      const store = createEncryptedFileStore(createLocalFileStore(join(config.dataDir, FILES_DIR)), {
        current: key.key,
      });
      return { store, key };
    })();
    // A failure is not remembered: fixing the key file and retrying works without a restart.
    pending.catch(() => opened.delete(cacheKey));
    opened.set(cacheKey, pending);
  }
  return pending;
}

/**
 * A FileStore that loads the key on the first put or get. Deleting and checking need no key, so retention
 * keeps deleting files even while the key is unusable.
 */
export function lazyDocumentStore(config: StoreConfig): FileStore {
  const store = async () => (await openDocumentStore(config)).store;
  const plain = createLocalFileStore(join(config.dataDir, FILES_DIR));
  return {
    put: async (key, bytes) => (await store()).put(key, bytes),
    get: async (key) => (await store()).get(key),
    delete: (key) => plain.delete(key),
    exists: (key) => plain.exists(key),
    list: () => plain.list(),
  };
}
