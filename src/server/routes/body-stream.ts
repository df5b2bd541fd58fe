// Reading a raw request body as it arrives, for the routes that take a file as the body (sign-in logs,
// documents): the service pulls chunks and stops at its own limit, which cancels the rest of the upload.

/** The request body as chunks; cancels the upload when the consumer stops early (the size limit). */
export async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The Content-Length header as a byte count, or undefined when absent or not a number. */
export function declaredLength(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const n = Number(header);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
