// Bulk requests (import, stateless assess) carry many bundles in one body: each must still fit the
// per-bundle limit (config.maxBundleBytes), as if it had been sent alone.
import { DomainError } from '../../core/errors.ts';

const encoder = new TextEncoder();

export function assertBundleSizes(values: readonly unknown[], maxBytes: number): void {
  const problems: { path: string; message: string }[] = [];
  values.forEach((value, index) => {
    const text = JSON.stringify(value) ?? '';
    // A string of n UTF-16 units is at most 3n UTF-8 bytes: count exactly only when it might matter.
    const bytes = text.length * 3 <= maxBytes ? text.length : encoder.encode(text).length;
    if (bytes > maxBytes) {
      problems.push({
        path: `bundles[${index}]`,
        message: `the bundle is ${bytes} bytes; the limit is ${maxBytes} bytes`,
      });
    }
  });
  if (problems.length > 0) {
    throw new DomainError(
      'payload_too_large',
      `${problems.length} bundle(s) exceed the per-bundle limit of ${maxBytes} bytes; nothing was done`,
      problems,
    );
  }
}
