// The storage key: GATECHECK_STORAGE_KEY (32 bytes as base64 or 64 hex characters) or, when that is unset,
// `<dataDir>/storage.key`, generated on first use with mode 0600. A key file that other users can read is
// refused. Nothing here ever prints, logs or puts the key itself into an error message: only its id.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KEY_BYTES, type StorageKey, toStorageKey } from './encrypted-file-store.ts';

export const STORAGE_KEY_FILE = 'storage.key';

export const STORAGE_KEY_FORMAT =
  '32 random bytes as base64 (44 characters) or hex (64 characters), e.g. from `openssl rand -base64 32`';

/** A storage key that cannot be used; the message says what to do. */
export class StorageKeyError extends Error {
  override name = 'StorageKeyError';
}

/** 32 bytes from 64 hex characters or base64 / base64url (padding optional); null for anything else. */
export function parseStorageKeyText(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(t) || /^[A-Za-z0-9_-]{43}$/.test(t)) {
    const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === KEY_BYTES ? bytes : null;
  }
  return null;
}

export type LoadedStorageKey = {
  key: StorageKey;
  source: 'environment' | 'file';
  /** The key file (source `file`). */
  path: string | null;
  /** True when this call generated the key file. */
  created: boolean;
};

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');

async function readKeyFile(path: string): Promise<Buffer> {
  const info = await stat(path);
  if (!info.isFile()) throw new StorageKeyError(`The storage key file ${path} is not a regular file.`);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0)
    throw new StorageKeyError(
      `The storage key file ${path} can be read or written by other users (mode ${octal(info.mode)}). ` +
        `Gatecheck will not use it: run \`chmod 600 ${path}\` (owner only) and start again.`,
    );
  const bytes = parseStorageKeyText(await readFile(path, 'utf8'));
  if (bytes === null)
    throw new StorageKeyError(
      `The storage key file ${path} does not hold a key: expected ${STORAGE_KEY_FORMAT}.`,
    );
  return bytes;
}

/**
 * Writes a new key file without ever exposing a half-written one: a private temporary file, flushed, then
 * hard-linked to the final name (which fails if another process got there first: then its key is used).
 */
async function createKeyFile(path: string, dataDir: string): Promise<boolean> {
  await mkdir(dataDir, { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${randomBytes(KEY_BYTES).toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

export async function loadStorageKey(options: {
  /** GATECHECK_STORAGE_KEY as configured (already checked by the config schema). */
  configured?: string | undefined;
  dataDir: string;
}): Promise<LoadedStorageKey> {
  if (options.configured !== undefined && options.configured.trim() !== '') {
    const bytes = parseStorageKeyText(options.configured);
    if (bytes === null) throw new StorageKeyError(`GATECHECK_STORAGE_KEY must be ${STORAGE_KEY_FORMAT}.`);
    return { key: toStorageKey(bytes), source: 'environment', path: null, created: false };
  }
  const path = join(options.dataDir, STORAGE_KEY_FILE);
  let created = false;
  try {
    await stat(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    created = await createKeyFile(path, options.dataDir);
  }
  return { key: toStorageKey(await readKeyFile(path)), source: 'file', path, created };
}
