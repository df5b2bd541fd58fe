// Salted hashes for sharing emails and phones without disclosing them: sha256("<salt>:<normal form>") in
// hex. The exporter writes them in a custom STIX pattern (HASHED_STIX_TYPE); the importer stores them as
// "sha256:<hex>"; the runtime hashes a subject's own values with the salts this installation was given
// (GATECHECK_INDICATOR_SALT) to compare. The salt is a secret the organisations agree on, kept out of files.
import { createHash } from 'node:crypto';

/** The custom STIX object type of a hashed identifier: properties `kind` (email | phone) and `sha256`. */
export const HASHED_STIX_TYPE = 'x-gatecheck-hashed-identifier';

export const MIN_SALT_LENGTH = 16;

export function saltedSha256(salt: string, value: string): string {
  return createHash('sha256').update(`${salt}:${value}`, 'utf8').digest('hex');
}
