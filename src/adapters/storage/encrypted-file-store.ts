// Encryption at rest over any FileStore: AES-256-GCM per file with a fresh random 12-byte IV. The header
// (magic, version, key id, IV) is authenticated with the content, so editing any byte of the file, the
// header included, fails the tag check on read. The key id names which key wrote the file (a hash of the
// key, not the key), so a file written under another key fails with that said, not as "tampered".
//
//   offset  size  field
//   0       4     magic "GCEF" (Gatecheck encrypted file)
//   4       1     format version (1)
//   5       1     key id length n (1..64)
//   6       n     key id (ASCII)
//   6+n     12    IV
//   18+n    ...   ciphertext (same length as the plaintext)
//   end-16  16    GCM authentication tag
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { FileStore } from './file-store.ts';

export const MAGIC = Buffer.from('GCEF', 'ascii');
export const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** A 256-bit key and its id (the first 16 hex characters of a hash of it: safe to log and to store). */
export type StorageKey = { readonly id: string; readonly key: Buffer };

/** Something wrong with a stored file itself: not ours, damaged, tampered with, or written under another key. */
export class EncryptedFileError extends Error {
  override name = 'EncryptedFileError';
  constructor(
    message: string,
    readonly reason: 'format' | 'version' | 'other-key' | 'integrity',
  ) {
    super(message);
  }
}

export function storageKeyId(key: Uint8Array): string {
  return createHash('sha256').update('gatecheck storage key\0').update(key).digest('hex').slice(0, 16);
}

export function toStorageKey(key: Uint8Array): StorageKey {
  if (key.length !== KEY_BYTES) throw new Error(`a storage key has ${KEY_BYTES} bytes, got ${key.length}`);
  return { id: storageKeyId(key), key: Buffer.from(key) };
}

function header(keyId: string, iv: Buffer): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  return Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, id.length]), id, iv]);
}

export function encryptBytes(plain: Uint8Array, key: StorageKey): Buffer {
  const iv = randomBytes(IV_BYTES);
  const head = header(key.id, iv);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(head);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([head, body, cipher.getAuthTag()]);
}

/** Decrypts with whichever of `keys` wrote the file; throws EncryptedFileError saying what is wrong. */
export function decryptBytes(stored: Uint8Array, keys: readonly StorageKey[], label = 'the file'): Buffer {
  const data = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (data.length < MAGIC.length + 2 || !data.subarray(0, MAGIC.length).equals(MAGIC))
    throw new EncryptedFileError(`${label} is not a Gatecheck encrypted file (no GCEF header)`, 'format');
  const version = data[4];
  if (version !== FORMAT_VERSION)
    throw new EncryptedFileError(
      `${label} uses encryption format version ${version}; this Gatecheck reads version ${FORMAT_VERSION}`,
      'version',
    );
  const idLength = data[5] ?? 0;
  const ivAt = 6 + idLength;
  const bodyAt = ivAt + IV_BYTES;
  if (idLength < 1 || idLength > 64 || data.length < bodyAt + TAG_BYTES)
    throw new EncryptedFileError(`${label} is damaged (its header is cut short)`, 'integrity');
  const keyId = data.subarray(6, ivAt).toString('ascii');
  const key = keys.find((k) => k.id === keyId);
  if (key === undefined)
    throw new EncryptedFileError(
      `${label} was encrypted with another storage key (key id ${keyId}); this server has key id ${keys.map((k) => k.id).join(', ')}. ` +
        'Set GATECHECK_STORAGE_KEY (or <dataDir>/storage.key) to the key it was written with.',
      'other-key',
    );
  const iv = data.subarray(ivAt, bodyAt);
  const tag = data.subarray(data.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(data.subarray(0, bodyAt));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data.subarray(bodyAt, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new EncryptedFileError(
      `${label} failed its integrity check (AES-GCM tag mismatch): it was altered or damaged on disk`,
      'integrity',
    );
  }
}

export type EncryptedFileStore = FileStore & { readonly keyId: string };

/**
 * Encrypts on put with `keys.current`, decrypts on get with whichever key wrote the file (`current` or one of
 * `previous`, for a key rotation in progress).
 */
export function createEncryptedFileStore(
  inner: FileStore,
  keys: { current: StorageKey; previous?: readonly StorageKey[] },
): EncryptedFileStore {
  const readable = [keys.current, ...(keys.previous ?? [])];
  return {
    keyId: keys.current.id,
    put: (key, bytes) => inner.put(key, encryptBytes(bytes, keys.current)),
    get: async (key) => new Uint8Array(decryptBytes(await inner.get(key), readable, `stored file ${key}`)),
    delete: (key) => inner.delete(key),
    exists: (key) => inner.exists(key),
    ...(inner.list ? { list: inner.list.bind(inner) } : {}),
  };
}
