// Identifiers: time-ordered UUIDv7 in production (so ids sort by creation), a seeded sequence in tests.
import { randomBytes } from 'node:crypto';

export interface IdGenerator {
  newId(): string;
}

/** RFC 9562 UUIDv7 with a 12-bit counter in rand_a: monotonic within one process, even within one millisecond. */
export function createUuidV7Generator(now: () => number = Date.now): IdGenerator {
  let lastMs = -1;
  let counter = 0;
  return {
    newId() {
      let ms = now();
      if (ms <= lastMs) {
        counter += 1;
        if (counter > 0xfff) {
          lastMs += 1;
          counter = 0;
        }
        ms = lastMs;
      } else {
        lastMs = ms;
        counter = 0;
      }
      const rand = randomBytes(8);
      const hex = ms.toString(16).padStart(12, '0');
      const a = (0x7000 | counter).toString(16);
      const b =
        ((rand[0]! & 0x3f) | 0x80).toString(16).padStart(2, '0') + rand[1]!.toString(16).padStart(2, '0');
      const c = rand.subarray(2).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8)}-${a}-${b}-${c}`;
    },
  };
}

export const uuidV7Ids: IdGenerator = createUuidV7Generator();

/** `prefix-000001`, `prefix-000002`, …: deterministic and sortable, for tests. */
export function createSequentialIds(prefix = 'id', start = 1): IdGenerator {
  let next = start;
  return {
    newId() {
      const id = `${prefix}-${String(next).padStart(6, '0')}`;
      next += 1;
      return id;
    },
  };
}
