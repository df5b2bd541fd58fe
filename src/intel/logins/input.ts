// The byte side of reading a log: progress on raw bytes, gzip (by magic bytes, with a cap on what it may
// expand to), byte-order marks. Yields UTF-8 chunks; never holds more than a chunk or two.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DomainError } from '../../core/errors.ts';

export type InputOptions = {
  /** Called after each chunk with the number of raw (possibly compressed) bytes read so far. */
  onBytes?: (bytesRead: number) => void;
  /** Stop with an error when gzip input expands beyond this many bytes (decompression bomb). */
  maxDecompressedBytes?: number;
};

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 16 * 1024 ** 3;

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new DomainError('validation', 'the log input must be a byte or text stream');
}

async function* counted(
  input: AsyncIterable<unknown>,
  onBytes: ((bytesRead: number) => void) | undefined,
): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of input) {
    const buffer = toBuffer(chunk);
    total += buffer.length;
    onBytes?.(total);
    if (buffer.length > 0) yield buffer;
  }
}

/** The first chunk(s) until at least `min` bytes are known (or the input ends), and the rest. */
async function peek(
  source: AsyncGenerator<Buffer>,
  min: number,
): Promise<{ head: Buffer; rest: AsyncGenerator<Buffer> }> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < min) {
    const next = await source.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
  }
  const head = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      yield* source;
    } finally {
      // Stopped early (the reader broke off): let the source close the input stream.
      await source.return(undefined);
    }
  }
  return { head, rest: rest() };
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function* gunzip(source: AsyncGenerator<Buffer>, limit: number): AsyncGenerator<Buffer> {
  const zlib = createGunzip();
  const feed = Readable.from(source);
  feed.on('error', (error) => zlib.destroy(error));
  feed.pipe(zlib);
  let total = 0;
  try {
    for await (const chunk of zlib) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > limit) {
        throw new DomainError(
          'validation',
          `the gzip file expands to more than ${limit} bytes; stopped (raise maxDecompressedBytes if this is a real log)`,
        );
      }
      yield buffer;
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DomainError('validation', `the gzip data is damaged: ${message}`);
  } finally {
    feed.unpipe(zlib);
    feed.destroy();
    zlib.destroy();
  }
}

/** UTF-16 (with its byte-order mark) → UTF-8, for spreadsheets saved as "Unicode text". */
async function* utf16ToUtf8(
  source: AsyncIterable<Buffer>,
  encoding: 'utf-16le' | 'utf-16be',
): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of source) {
    const decoded = decoder.decode(chunk, { stream: true });
    if (decoded !== '') yield Buffer.from(decoded, 'utf8');
  }
  const tail = decoder.decode();
  if (tail !== '') yield Buffer.from(tail, 'utf8');
}

async function* skipBytes(source: AsyncGenerator<Buffer>, count: number): AsyncGenerator<Buffer> {
  let left = count;
  for await (const chunk of source) {
    if (left > 0) {
      const cut = Math.min(left, chunk.length);
      left -= cut;
      if (cut < chunk.length) yield chunk.subarray(cut);
      continue;
    }
    yield chunk;
  }
}

/** Raw input → UTF-8 byte chunks without a byte-order mark, gunzipped when the input is gzip. */
export async function* openText(
  input: AsyncIterable<unknown>,
  options: InputOptions = {},
): AsyncGenerator<Buffer> {
  const raw = await peek(counted(input, options.onBytes), 2);
  let bytes = raw.rest;
  if (isGzip(raw.head)) {
    bytes = gunzip(bytes, options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);
  }
  const { head, rest } = await peek(bytes, 3);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    yield* skipBytes(rest, 3);
  } else if (head[0] === 0xff && head[1] === 0xfe) {
    yield* utf16ToUtf8(skipBytes(rest, 2), 'utf-16le');
  } else if (head[0] === 0xfe && head[1] === 0xff) {
    yield* utf16ToUtf8(skipBytes(rest, 2), 'utf-16be');
  } else {
    yield* rest;
  }
}
