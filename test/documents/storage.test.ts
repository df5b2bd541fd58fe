// Encrypted document storage: the local file store (generated keys only, atomic writes), AES-256-GCM files
// (nothing readable on disk, any flipped byte refused, another key named as such) and the storage key
// (environment or a generated 0600 key file; a key file others can read is refused).
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEncryptedFileStore,
  decryptBytes,
  EncryptedFileError,
  encryptBytes,
  toStorageKey,
} from '../../src/adapters/storage/encrypted-file-store.ts';
import { createLocalFileStore } from '../../src/adapters/storage/local-file-store.ts';
import { lazyDocumentStore, openDocumentStore } from '../../src/adapters/storage/open-file-store.ts';
import {
  loadStorageKey,
  parseStorageKeyText,
  STORAGE_KEY_FILE,
  StorageKeyError,
} from '../../src/adapters/storage/storage-key.ts';
import { DomainError } from '../../src/core/errors.ts';

const PLAIN = Buffer.from(
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n'.repeat(50),
);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-storage-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  return out.sort();
}

describe('local file store', () => {
  it('stores, reads, replaces and deletes under generated keys, with no temporary file left', async () => {
    const store = createLocalFileStore(join(dir, 'files'));
    await store.put('id-000001', new Uint8Array([1, 2, 3]));
    await store.put('id-000001', new Uint8Array([4, 5]));
    expect([...(await store.get('id-000001'))]).toEqual([4, 5]);
    expect(await store.exists('id-000001')).toBe(true);
    const files = await filesUnder(join(dir, 'files'));
    expect(files).toEqual([store.pathOf('id-000001')]);
    expect((await stat(store.pathOf('id-000001'))).mode & 0o777).toBe(0o600);
    await store.delete('id-000001');
    await store.delete('id-000001');
    expect(await store.exists('id-000001')).toBe(false);
    await expect(store.get('id-000001')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses anything but a generated key: no path parts, dots or empty keys', async () => {
    const store = createLocalFileStore(join(dir, 'files'));
    for (const key of ['../escape', 'a/b', '..', '.hidden', 'x\\y', '', 'passport.jpg', 'a'.repeat(129)]) {
      await expect(store.put(key, new Uint8Array([1])), key).rejects.toBeInstanceOf(DomainError);
      await expect(store.get(key), key).rejects.toBeInstanceOf(DomainError);
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('AES-256-GCM files', () => {
  const key = toStorageKey(randomBytes(32));

  it('round-trips, and the file on disk holds neither the plaintext nor any part of it', async () => {
    const store = createEncryptedFileStore(createLocalFileStore(join(dir, 'files')), { current: key });
    await store.put('doc-1', PLAIN);
    const onDisk = await readFile((await filesUnder(join(dir, 'files')))[0] ?? '');
    expect(onDisk.subarray(0, 4).toString('ascii')).toBe('GCEF');
    expect(onDisk.length).toBe(PLAIN.length + 4 + 2 + 16 + 12 + 16);
    expect(onDisk.includes(PLAIN.subarray(0, 16))).toBe(false);
    expect(onDisk.includes(Buffer.from('ERIKSSON'))).toBe(false);
    expect(Buffer.from(await store.get('doc-1')).equals(PLAIN)).toBe(true);
  });

  it('uses a fresh IV per file: the same bytes twice give different files', () => {
    const a = encryptBytes(PLAIN, key);
    const b = encryptBytes(PLAIN, key);
    expect(a.equals(b)).toBe(false);
    expect(decryptBytes(a, [key]).equals(decryptBytes(b, [key]))).toBe(true);
  });

  it('refuses a file with any one byte flipped: header, IV, body or tag', () => {
    const sealed = encryptBytes(PLAIN, key);
    const headerEnd = 4 + 2 + 16;
    for (const at of [4 + 2 + 3, headerEnd + 5, headerEnd + 12 + 100, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] = (bad[at] ?? 0) ^ 0x01;
      let thrown: unknown;
      try {
        decryptBytes(bad, [key], 'stored file doc-1');
      } catch (error) {
        thrown = error;
      }
      expect(thrown, `byte ${at}`).toBeInstanceOf(EncryptedFileError);
      // A flipped key-id byte is reported as another key; everything else as a failed integrity check.
      const reason = (thrown as EncryptedFileError).reason;
      expect(reason, `byte ${at}`).toBe(at < headerEnd ? 'other-key' : 'integrity');
      if (reason === 'integrity')
        expect((thrown as Error).message).toBe(
          'stored file doc-1 failed its integrity check (AES-GCM tag mismatch): it was altered or damaged on disk',
        );
    }
  });

  it('names another key as the reason, and reads it when that key is given as a previous one', async () => {
    const other = toStorageKey(randomBytes(32));
    const inner = createLocalFileStore(join(dir, 'files'));
    await createEncryptedFileStore(inner, { current: other }).put('doc-2', PLAIN);
    const store = createEncryptedFileStore(inner, { current: key });
    await expect(store.get('doc-2')).rejects.toThrow(
      `stored file doc-2 was encrypted with another storage key (key id ${other.id}); this server has key id ${key.id}.`,
    );
    const rotating = createEncryptedFileStore(inner, { current: key, previous: [other] });
    expect(Buffer.from(await rotating.get('doc-2')).equals(PLAIN)).toBe(true);
  });

  it('refuses a file that is not ours or cut short', () => {
    expect(() => decryptBytes(Buffer.from('%PDF-1.7 hello'), [key])).toThrow(
      'not a Gatecheck encrypted file',
    );
    expect(() => decryptBytes(encryptBytes(PLAIN, key).subarray(0, 30), [key])).toThrow('cut short');
  });
});

describe('storage key', () => {
  it('reads GATECHECK_STORAGE_KEY as hex or base64 (the same key either way)', async () => {
    const bytes = randomBytes(32);
    const fromHex = await loadStorageKey({ configured: bytes.toString('hex'), dataDir: dir });
    const fromBase64 = await loadStorageKey({ configured: bytes.toString('base64'), dataDir: dir });
    expect(fromHex.source).toBe('environment');
    expect(fromHex.key.key.equals(bytes)).toBe(true);
    expect(fromBase64.key.id).toBe(fromHex.key.id);
    expect(parseStorageKeyText(bytes.toString('base64url'))?.equals(bytes)).toBe(true);
    expect(parseStorageKeyText('too short')).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('generates <dataDir>/storage.key with mode 0600 once, and reads the same key afterwards', async () => {
    const dataDir = join(dir, 'data');
    const [first, second] = await Promise.all([loadStorageKey({ dataDir }), loadStorageKey({ dataDir })]);
    expect(first.source).toBe('file');
    expect(first.path).toBe(join(dataDir, STORAGE_KEY_FILE));
    expect([first.created, second.created].filter(Boolean)).toHaveLength(1);
    expect(second.key.id).toBe(first.key.id);
    expect((await stat(join(dataDir, STORAGE_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual([STORAGE_KEY_FILE]);
    const again = await loadStorageKey({ dataDir });
    expect(again.created).toBe(false);
    expect(again.key.key.equals(first.key.key)).toBe(true);
  });

  it('refuses a key file that other users can read, saying how to fix it and never showing the key', async () => {
    const path = join(dir, STORAGE_KEY_FILE);
    const secret = randomBytes(32).toString('base64');
    await writeFile(path, `${secret}\n`, { mode: 0o644 });
    await chmod(path, 0o644);
    const error = await loadStorageKey({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageKeyError);
    expect((error as Error).message).toBe(
      `The storage key file ${path} can be read or written by other users (mode 0644). Gatecheck will not use it: run \`chmod 600 ${path}\` (owner only) and start again.`,
    );
    expect((error as Error).message).not.toContain(secret);
    await chmod(path, 0o600);
    expect((await loadStorageKey({ dataDir: dir })).key.key.toString('base64')).toBe(secret);
  });

  it('refuses a key file that holds no key', async () => {
    await writeFile(join(dir, STORAGE_KEY_FILE), 'not a key\n', { mode: 0o600 });
    await expect(loadStorageKey({ dataDir: dir })).rejects.toThrow(
      'does not hold a key: expected 32 random bytes as base64 (44 characters) or hex (64 characters)',
    );
  });

  it('the document store encrypts with the key file; deleting works without the key', async () => {
    const dataDir = join(dir, 'data');
    const store = lazyDocumentStore({ dataDir });
    await store.put('doc-3', PLAIN);
    const { key } = await openDocumentStore({ dataDir });
    const [file] = await filesUnder(join(dataDir, 'files'));
    const onDisk = await readFile(file ?? '');
    expect(onDisk.includes(Buffer.from('ERIKSSON'))).toBe(false);
    expect(decryptBytes(onDisk, [key.key]).equals(PLAIN)).toBe(true);
    await chmod(join(dataDir, STORAGE_KEY_FILE), 0o640);
    const fresh = lazyDocumentStore({ dataDir, storageKey: undefined });
    await expect(openDocumentStore({ dataDir: `${dataDir}/` })).rejects.toBeInstanceOf(StorageKeyError);
    await fresh.delete('doc-3');
    expect(await fresh.exists('doc-3')).toBe(false);
  });
});
