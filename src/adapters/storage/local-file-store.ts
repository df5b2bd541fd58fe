// The local file store: one file per key under `<root>/<2 hex>/<key>`, where the two hex characters are the
// start of sha256(key) so no folder grows without bound. A write goes to a temporary file in the same folder
// (created exclusively, mode 0600), is flushed to disk, then renamed over the key and the folder is flushed:
// a crash leaves either the old content or the new, never half a file. Leftover temporary files (a crash
// mid-write) start with a dot and are never read as keys.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { assertStorageKey, type FileStore, isStorageKey, missingFile, type StoredKey } from './file-store.ts';

export type LocalFileStore = FileStore & {
  readonly root: string;
  pathOf(key: string): string;
  list(): Promise<StoredKey[]>;
};

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/** Flushes a folder's entry list, so a rename or unlink in it survives a power cut (no-op where unsupported). */
async function syncFolder(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open folders; some file systems refuse fsync on them. The data file itself was synced.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

export function createLocalFileStore(root: string): LocalFileStore {
  const folderOf = (key: string) => join(root, createHash('sha256').update(key).digest('hex').slice(0, 2));
  const pathOf = (key: string) => {
    assertStorageKey(key);
    return join(folderOf(key), key);
  };
  return {
    root,
    pathOf,
    async put(key, bytes) {
      const target = pathOf(key);
      const dir = folderOf(key);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temp = join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } catch (error) {
        await handle.close();
        await rm(temp, { force: true });
        throw error;
      }
      await handle.close();
      try {
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await syncFolder(dir);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (errorCode(error) === 'ENOENT') throw missingFile(key);
        throw error;
      }
    },
    async delete(key) {
      const path = pathOf(key);
      try {
        await rm(path);
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return;
        throw error;
      }
      await syncFolder(folderOf(key));
    },
    async list() {
      const keys: StoredKey[] = [];
      let folders: string[];
      try {
        folders = await readdir(root);
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return keys;
        throw error;
      }
      for (const folder of folders) {
        if (!/^[0-9a-f]{2}$/.test(folder)) continue;
        // Temporary files of a write in progress start with a dot and are never keys.
        for (const name of await readdir(join(root, folder))) {
          if (!isStorageKey(name)) continue;
          try {
            keys.push({ key: name, modifiedAt: (await stat(join(root, folder, name))).mtime });
          } catch (error) {
            if (errorCode(error) !== 'ENOENT') throw error;
          }
        }
      }
      return keys;
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return false;
        throw error;
      }
    },
  };
}
