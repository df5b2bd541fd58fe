// The file-store port: opaque blobs under generated keys. The local store keeps them under <dataDir>/files/;
// an S3-compatible store can implement the same four methods later. Keys are ids this program made, never
// a name a user gave, so a key can never climb out of the store or collide with another file.
import { DomainError } from '../../core/errors.ts';

export interface FileStore {
  /** Stores the bytes under the key, replacing what was there; all or nothing. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored under the key; DomainError('not_found') when there are none. */
  get(key: string): Promise<Uint8Array>;
  /** Removes the key; removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every stored key with its last write, when the store can list (the orphan sweep; absent: not swept). */
  list?(): Promise<StoredKey[]>;
}

export type StoredKey = { key: string; modifiedAt: Date };

/** Letters, digits, `-` and `_`, starting with a letter or digit, at most 128 characters. */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Throws for anything but a generated key (no dots, slashes or other path parts). */
export function assertStorageKey(key: string): void {
  if (!isStorageKey(key))
    throw new DomainError(
      'validation',
      `${JSON.stringify(key.slice(0, 80))} is not a storage key (letters, digits, - and _ only)`,
    );
}

export function missingFile(key: string): DomainError {
  return new DomainError('not_found', `The stored file ${key} is missing`);
}
