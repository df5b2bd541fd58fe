import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { SaxesParser } from 'saxes';
import { SanctionsImportError } from './errors.ts';

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

export type ReadOptions = {
  /** Largest file accepted, in bytes (default 200 MB). */
  maxBytes?: number;
};

/** Refuses a file that is larger than the limit before a byte of it is parsed. */
export async function checkFileSize(file: string, options: ReadOptions): Promise<number> {
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new SanctionsImportError(file, `cannot read the file (${errorMessage(error)})`);
  }
  if (size > limit) throw new SanctionsImportError(file, `file is ${size} bytes, over the limit of ${limit}`);
  return size;
}

/** The first bytes of a file as text (for format sniffing). */
export async function readHead(file: string, bytes = 4096): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return new TextDecoder('utf-8', { fatal: false }).decode(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Drops the DOS end-of-file byte (0x1a) that OFAC's legacy CSVs end with, and enforces the byte limit. */
function eofStripper(file: string, limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) {
        callback(new SanctionsImportError(file, `file is over the limit of ${limit} bytes`));
        return;
      }
      if (!chunk.includes(0x1a)) {
        callback(null, chunk);
        return;
      }
      callback(
        null,
        chunk.filter((byte) => byte !== 0x1a),
      );
    },
  });
}

export type CsvRow = { fields: string[]; line: number };

/** Streams a CSV file row by row; a malformed row fails with the file name and line number. */
export async function* streamCsv(file: string, options: ReadOptions): AsyncGenerator<CsvRow> {
  await checkFileSize(file, options);
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    trim: false,
  });
  const source = createReadStream(file);
  const stripper = eofStripper(file, limit);
  source.on('error', (error) => parser.destroy(error));
  stripper.on('error', (error) => parser.destroy(error));
  source.pipe(stripper).pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const fields = item.record;
      if (fields.length === 1 && (fields[0] ?? '').trim() === '') continue;
      yield { fields, line: item.info.lines };
    }
  } catch (error) {
    throw toImportError(file, error);
  } finally {
    source.destroy();
  }
}

export type XmlNode = { name: string; attrs: Record<string, string>; text: string; children: XmlNode[] };

export type XmlRecordHandlers = {
  /** Called for the document element. */
  onRoot?: (name: string, attrs: Record<string, string>) => void;
  /** Whether an element (local name, at depth 1 = child of the root) is a record to be collected whole. */
  isRecord: (name: string, depth: number) => boolean;
  onRecord: (node: XmlNode, line: number) => void;
};

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/**
 * Streams an XML file and hands over each record element as a small tree. A DOCTYPE (and so any entity
 * declaration) is refused outright; saxes never expands external or custom entities.
 */
export async function streamXmlRecords(file: string, options: ReadOptions, handlers: XmlRecordHandlers) {
  await checkFileSize(file, options);
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const parser = new SaxesParser({ position: true });
  const stack: XmlNode[] = [];
  let depth = 0;
  let recordStart = 0;
  let rootClosed = false;
  parser.on('doctype', () => {
    throw new SanctionsImportError(file, 'a DOCTYPE is not allowed (entity declarations are refused)', {
      line: parser.line,
      column: parser.column,
    });
  });
  parser.on('error', (error) => {
    throw new SanctionsImportError(file, `malformed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}`, {
      line: parser.line,
      column: parser.column,
    });
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attrs[key] = String(value);
    if (depth === 0) handlers.onRoot?.(name, attrs);
    if (stack.length > 0 || (depth > 0 && handlers.isRecord(name, depth))) {
      if (stack.length === 0) recordStart = parser.line;
      const node: XmlNode = { name, attrs, text: '', children: [] };
      stack.at(-1)?.children.push(node);
      stack.push(node);
    }
    depth += 1;
  });
  const onText = (text: string) => {
    const top = stack.at(-1);
    if (top !== undefined) top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth -= 1;
    if (depth === 0) rootClosed = true;
    const node = stack.pop();
    if (node === undefined) return;
    node.text = node.text.trim();
    if (stack.length === 0) handlers.onRecord(node, recordStart);
  });

  const decoder = new TextDecoder('utf-8');
  let seen = 0;
  const source = createReadStream(file);
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > limit) throw new SanctionsImportError(file, `file is over the limit of ${limit} bytes`);
      parser.write(decoder.decode(chunk, { stream: true }));
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    throw toImportError(file, error, parser.line);
  } finally {
    source.destroy();
  }
  if (!rootClosed) {
    throw new SanctionsImportError(
      file,
      'the XML document ends before its root element is closed (truncated?)',
      {
        line: parser.line,
      },
    );
  }
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Trimmed text of the first child with that name, or undefined when missing or empty. */
export function textOf(node: XmlNode, name: string): string | undefined {
  const text = child(node, name)?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toImportError(file: string, error: unknown, line?: number): SanctionsImportError {
  if (error instanceof SanctionsImportError) return error;
  if (error instanceof CsvError) {
    const lines = typeof error.lines === 'number' ? error.lines : undefined;
    return new SanctionsImportError(
      file,
      `malformed CSV: ${error.message}`,
      lines === undefined ? {} : { line: lines },
    );
  }
  return new SanctionsImportError(file, errorMessage(error), line === undefined ? {} : { line });
}

export function displayName(file: string): string {
  return basename(file);
}
