// Streaming CSV (RFC 4180: quoted fields with "" escapes and line breaks, CRLF or LF, `,` `;` or tab) with
// recovery: a malformed or oversized record is reported with the line it starts on and reading resumes on
// the next line, so good rows after it are kept. (csv-parse's skip mode loses every row after the first
// damaged one, which is why this is not csv-parse.)
import { StringDecoder } from 'node:string_decoder';
import { tooLargeMessage } from './json-splitter.ts';

export type CsvItem =
  | { kind: 'header'; line: number; headers: string[] }
  | { kind: 'row'; line: number; row: Record<string, string>; text: string }
  | { kind: 'problem'; line: number; message: string };

type Parsed =
  | { kind: 'record'; fields: string[]; end: number }
  | { kind: 'incomplete' }
  | { kind: 'error'; message: string };

function detectDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** One record from `text` at `start`; `final` when no more input will come. */
function parseRecord(text: string, start: number, delimiter: string, final: boolean): Parsed {
  const fields: string[] = [];
  let i = start;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 0x22) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const k = text.indexOf('"', j);
        if (k === -1)
          return final
            ? { kind: 'error', message: 'a quoted field is never closed' }
            : { kind: 'incomplete' };
        if (k + 1 >= n && !final) return { kind: 'incomplete' };
        if (text[k + 1] === '"') {
          value += text.slice(j, k + 1);
          j = k + 2;
          continue;
        }
        value += text.slice(j, k);
        i = k + 1;
        break;
      }
      fields.push(value);
      const next = text[i];
      if (next === delimiter) {
        i++;
        continue;
      }
      if (next === '\n') return { kind: 'record', fields, end: i + 1 };
      if (next === '\r') {
        if (i + 1 >= n && !final) return { kind: 'incomplete' };
        if (text[i + 1] === '\n') return { kind: 'record', fields, end: i + 2 };
        return { kind: 'record', fields, end: i + 1 };
      }
      if (i >= n) return final ? { kind: 'record', fields, end: n } : { kind: 'incomplete' };
      return { kind: 'error', message: `unexpected ${JSON.stringify(next)} after a closing quote` };
    }
    let j = i;
    while (j < n) {
      const ch = text[j];
      if (ch === delimiter || ch === '\n') break;
      j++;
    }
    if (j >= n && !final) return { kind: 'incomplete' };
    let value = text.slice(i, j);
    if (value.endsWith('\r') && (j >= n || text[j] === '\n')) value = value.slice(0, -1);
    fields.push(value);
    if (j >= n) return { kind: 'record', fields, end: n };
    if (text[j] === '\n') return { kind: 'record', fields, end: j + 1 };
    i = j + 1;
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let at = text.indexOf('\n', from);
  while (at !== -1 && at < to) {
    count++;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}

/** Header cells → unique, trimmed names with whitespace runs collapsed (`Application ID ` → `Application ID`). */
export function cleanHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    let name = cell
      .replace(/^\uFEFF/, '')
      .trim()
      .replace(/\s+/g, ' ');
    if (name === '') name = `column ${index + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

function isBlankRecord(fields: string[]): boolean {
  return fields.length === 1 && (fields[0] as string).trim() === '';
}

/** Streams CSV records: the header first, then rows keyed by header, problems in their place. */
export async function* readCsvRecords(
  chunks: AsyncIterable<Buffer>,
  options: { maxRecordBytes: number },
): AsyncGenerator<CsvItem> {
  const decoder = new StringDecoder('utf8');
  const max = options.maxRecordBytes;
  let text = '';
  let pos = 0;
  let line = 1;
  let delimiter: string | undefined;
  let headers: string[] | undefined;
  /** Inside a line too long to keep: drop input until its end. */
  let skippingLine = false;

  const drain = function* (final: boolean): Generator<CsvItem> {
    for (;;) {
      if (skippingLine) {
        const nl = text.indexOf('\n', pos);
        if (nl === -1) {
          text = '';
          pos = 0;
          return;
        }
        pos = nl + 1;
        line++;
        skippingLine = false;
      }
      if (pos >= text.length) return;
      if (delimiter === undefined) {
        const nl = text.indexOf('\n', pos);
        if (nl === -1 && !final && text.length - pos <= max) return;
        delimiter = detectDelimiter(text.slice(pos, nl === -1 ? undefined : nl));
      }
      const parsed = parseRecord(text, pos, delimiter, final);
      if (parsed.kind === 'incomplete') {
        if (text.length - pos <= max) return;
        yield { kind: 'problem', line, message: tooLargeMessage(`the record on line ${line}`, max) };
        resumeAfterLine();
        continue;
      }
      if (parsed.kind === 'error') {
        yield { kind: 'problem', line, message: `malformed CSV: ${parsed.message}; skipped this line` };
        resumeAfterLine();
        continue;
      }
      const recordLine = line;
      const raw = text.slice(pos, parsed.end);
      line += countNewlines(text, pos, parsed.end);
      pos = parsed.end;
      if (raw.length > max) {
        yield {
          kind: 'problem',
          line: recordLine,
          message: tooLargeMessage(`the record on line ${recordLine}`, max),
        };
        continue;
      }
      if (isBlankRecord(parsed.fields)) continue;
      if (headers === undefined) {
        headers = cleanHeaders(parsed.fields);
        yield { kind: 'header', line: recordLine, headers };
        continue;
      }
      const row: Record<string, string> = {};
      headers.forEach((header, index) => {
        row[header] = parsed.fields[index] ?? '';
      });
      yield { kind: 'row', line: recordLine, row, text: raw };
    }
  };

  /** After a bad record: go on from the line after the one it starts on. */
  function resumeAfterLine(): void {
    const nl = text.indexOf('\n', pos);
    if (nl === -1) {
      skippingLine = true;
      text = '';
      pos = 0;
      return;
    }
    pos = nl + 1;
    line++;
  }

  for await (const chunk of chunks) {
    text = text.slice(pos) + decoder.write(chunk);
    pos = 0;
    yield* drain(false);
  }
  text = text.slice(pos) + decoder.end();
  pos = 0;
  yield* drain(true);
}
