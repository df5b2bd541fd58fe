// Passwords (scrypt, memory-hard), random tokens and their hashes. Only node:crypto; nothing to download.
import {
  createHash,
  randomBytes,
  type ScryptOptions,
  scrypt as scryptCallback,
  timingSafeEqual,
} from 'node:crypto';

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** N = 2^15, r = 8, p = 1: 32 MiB and tens of milliseconds per guess. */
export const PASSWORD_PARAMS = { logN: 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

function maxmemFor(logN: number, r: number, p: number): number {
  return 128 * r * (2 ** logN + p + 2) + 1024 * 1024;
}

/** `scrypt$<logN>$<r>$<p>$<salt>$<key>` (base64url); parameters are kept per hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const { logN, r, p, keyLength, saltLength } = PASSWORD_PARAMS;
  const salt = randomBytes(saltLength);
  const key = await scrypt(password, salt, keyLength, { N: 2 ** logN, r, p, maxmem: maxmemFor(logN, r, p) });
  return ['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logNText, rText, pText, saltText, keyText] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const logN = Number(logNText);
  const r = Number(rText);
  const p = Number(pText);
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 22 || r > 32 || p > 16) return false;
  const expected = Buffer.from(keyText, 'base64url');
  if (expected.length < 16) return false;
  const key = await scrypt(password, Buffer.from(saltText, 'base64url'), expected.length, {
    N: 2 ** logN,
    r,
    p,
    maxmem: maxmemFor(logN, r, p),
  });
  return timingSafeEqual(key, expected);
}

/** A hash that never verifies, costing the same as a real one: logins for unknown emails take as long. */
let dummyHash: Promise<string> | null = null;
export function getDummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Constant-time comparison of two strings (lengths may leak, contents do not). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
