// Streaming record splitters for JSON logs. They find where each record's text begins and ends (tracking
// strings, escapes and nesting on the raw UTF-8 bytes) and hand the text on; JSON.parse does the parsing.
// Memory: one chunk plus at most one record (capped by maxRecordBytes; a larger record is skipped).
import { StringDecoder } from 'node:string_decoder';

/** A record's text with the line it starts on, or a problem in its place. */
export type RawRecord = { line: number; text: string } | { line: number; problem: string };

export interface RecordSplitter {
  push(chunk: Buffer, out: RawRecord[]): void;
  end(out: RawRecord[]): void;
}

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

export function tooLargeMessage(what: string, max: number): string {
  return `${what} is larger than ${sizeText(max)}; skipped`;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return false;
  }
  return true;
}

/**
 * NDJSON: one record per line (blank lines ignored; `\r\n` is fine, JSON.parse skips the `\r`). Each chunk
 * is decoded once and lines are sliced from it, which is what a bare `split('\n')` loop does too.
 * The size cap counts characters here (a character is 1–3 bytes of UTF-8 for any text a log holds).
 */
export class LineSplitter implements RecordSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private oversize = false;
  private line = 1;

  constructor(private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES) {}

  push(chunk: Buffer, out: RawRecord[]): void {
    this.take(this.decoder.write(chunk), out);
  }

  end(out: RawRecord[]): void {
    this.take(this.decoder.end(), out);
    if (this.oversize || this.carry !== '') this.emit('', out);
  }

  private take(text: string, out: RawRecord[]): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      this.emit(text.slice(start, nl), out);
      this.line++;
      start = nl + 1;
    }
    if (start >= text.length || this.oversize) return;
    const rest = start === 0 ? text : text.slice(start);
    if (this.carry.length + rest.length > this.maxRecordBytes) {
      this.oversize = true;
      this.carry = '';
      return;
    }
    this.carry += rest;
  }

  private emit(piece: string, out: RawRecord[]): void {
    const line = this.line;
    if (this.oversize || this.carry.length + piece.length > this.maxRecordBytes) {
      this.oversize = false;
      this.carry = '';
      out.push({ line, problem: tooLargeMessage(`line ${line}`, this.maxRecordBytes) });
      return;
    }
    const text = this.carry === '' ? piece : this.carry + piece;
    this.carry = '';
    if (!isBlank(text)) out.push({ line, text });
  }
}

/** Which keys of a root object hold the array of records: `value`, `items`, `records`, `data.events`. */
type ContainerTrie = { [key: string]: 'array' | ContainerTrie };
export const CONTAINER_KEYS: ContainerTrie = {
  value: 'array',
  items: 'array',
  records: 'array',
  data: { events: 'array' },
};

/** Longest key in CONTAINER_KEYS (`records`). */
const MAX_CONTAINER_KEY = 7;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * A JSON document (or several, one after another): records are the elements of a root array, of an array
 * under a container key of a root object (`{"value": […]}`, `{"data": {"events": […]}}`), or root objects
 * that hold no such array (one event, pretty-printed or not).
 */
export class JsonDocumentSplitter implements RecordSplitter {
  private line = 1;
  private depth = 0;
  private inString = false;
  private skipNext = false;
  /** Depth at which elements of the current container array sit; 0 when not inside one. */
  private containerDepth = 0;
  /** Tracked objects on the path to a container: the depth inside each and the keys to look for. */
  private tracked: { depth: number; keys: ContainerTrie }[] = [];
  private expectKey = false;
  private keyParts: Buffer[] | undefined;
  private keyStart = -1;
  private keyOverflow = false;
  private currentKey: string | undefined;
  /** Inside a scalar that stands where a record should be (reported once, then skipped). */
  private inStrayValue = false;
  private recordActive = false;
  /** The active record is a root object that may still turn out to be a container. */
  private recordIsRoot = false;
  private recordStart = -1;
  private recordLine = 0;
  private recordParts: Buffer[] = [];
  private recordBytes = 0;
  private recordOversize = false;

  constructor(private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES) {}

  push(chunk: Buffer, out: RawRecord[]): void {
    const n = chunk.length;
    let i = 0;
    if (this.skipNext) {
      i = 1;
      this.skipNext = false;
    }
    if (this.recordActive) this.recordStart = 0;
    if (this.keyParts !== undefined) this.keyStart = 0;
    let line = this.line;
    let depth = this.depth;
    let inString = this.inString;
    // Depths where something other than skipping happens: elements of the container being read, and the
    // object whose keys are being watched. Everything deeper is only counted.
    let containerDepth = this.containerDepth;
    let trackDepth = this.trackDepth();
    // Below this depth nothing but strings, nesting and lines matter (record bodies, skipped values).
    let floor = Math.max(containerDepth, trackDepth);
    const sync = () => {
      containerDepth = this.containerDepth;
      trackDepth = this.trackDepth();
      floor = Math.max(containerDepth, trackDepth);
    };
    while (i < n) {
      if (depth > floor && !inString) {
        const base = floor;
        let closed = false;
        while (i < n) {
          let c = chunk[i++] as number;
          if (c === QUOTE) {
            inString = true;
            while (i < n) {
              c = chunk[i++] as number;
              if (c === QUOTE) {
                inString = false;
                break;
              }
              if (c === BACKSLASH) i++;
              else if (c === NEWLINE) line++;
            }
            if (inString) break;
          } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
            depth++;
          } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
            if (--depth === base) {
              closed = true;
              break;
            }
          } else if (c === NEWLINE) {
            line++;
          }
        }
        if (closed && this.recordActive && !this.recordIsRoot && depth === containerDepth) {
          this.line = line;
          this.finishRecord(chunk, i, out);
        }
        continue;
      }
      const at = i++;
      const c = chunk[at] as number;
      if (inString) {
        if (c === BACKSLASH) {
          i++;
        } else if (c === QUOTE) {
          inString = false;
          if (this.keyParts !== undefined) this.finishKey(chunk, at);
        } else if (c === NEWLINE) {
          line++;
        }
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        if (depth === containerDepth || depth === trackDepth) {
          this.line = line;
          this.onValueStart(at, depth, c, out);
          sync();
        }
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth === containerDepth || depth === trackDepth) {
          this.line = line;
          this.onValueStart(at, depth, c, out);
          sync();
        }
        depth++;
        continue;
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
        if (depth <= containerDepth || depth < trackDepth) {
          if (depth < 0) {
            depth = 0;
            out.push({ line, problem: `unmatched "${String.fromCharCode(c)}"; skipped` });
            continue;
          }
          this.line = line;
          this.onClose(chunk, at, depth, out);
          sync();
        }
        continue;
      }
      if (c === NEWLINE) {
        line++;
        continue;
      }
      if (c === COMMA) {
        if (depth === containerDepth) this.inStrayValue = false;
        if (depth === trackDepth) this.expectKey = true;
        continue;
      }
      if (depth === containerDepth && !isSpace(c) && c !== 0x3a) {
        this.line = line;
        this.onValueStart(at, depth, c, out);
        sync();
      }
    }
    if (i > n) this.skipNext = true;
    this.line = line;
    this.depth = depth;
    this.inString = inString;
    if (this.keyParts !== undefined && this.keyStart >= 0) {
      // A key that runs past the chunk end is kept only while it could still be a container key.
      const part = chunk.subarray(this.keyStart);
      const kept = this.keyParts.reduce((sum, p) => sum + p.length, 0);
      if (this.keyOverflow || kept + part.length > MAX_CONTAINER_KEY) {
        this.keyOverflow = true;
        this.keyParts = [];
      } else {
        this.keyParts.push(Buffer.from(part));
      }
    }
    if (this.recordActive && !this.recordOversize) {
      const part = chunk.subarray(this.recordStart);
      this.recordBytes += part.length;
      if (this.recordBytes > this.maxRecordBytes) {
        this.recordOversize = true;
        this.recordParts = [];
      } else {
        this.recordParts.push(part);
      }
    }
  }

  end(out: RawRecord[]): void {
    if (this.recordActive) {
      out.push({
        line: this.recordLine,
        problem: `the input ends inside the record that starts on line ${this.recordLine} (file truncated?); skipped`,
      });
    } else if (this.depth > 0) {
      out.push({
        line: this.line,
        problem: 'the input ends before the JSON array is closed (file truncated?)',
      });
    }
  }

  private trackDepth(): number {
    return this.tracked[this.tracked.length - 1]?.depth ?? -1;
  }

  /** A value begins at byte i of the chunk at the given depth (before an opening bracket is counted). */
  private onValueStart(i: number, depth: number, c: number, out: RawRecord[]): void {
    const top = this.tracked[this.tracked.length - 1];
    if (top !== undefined && top.depth === depth) {
      if (this.expectKey && c === QUOTE) {
        this.expectKey = false;
        this.keyParts = [];
        this.keyStart = i + 1;
        return;
      }
      const key = this.currentKey;
      const wanted = key !== undefined && Object.hasOwn(top.keys, key) ? top.keys[key] : undefined;
      this.currentKey = undefined;
      if (wanted === 'array' && c === OPEN_ARRAY) {
        this.dropRootCandidate();
        this.containerDepth = depth + 1;
      } else if (typeof wanted === 'object' && c === OPEN_OBJECT) {
        this.tracked.push({ depth: depth + 1, keys: wanted });
        this.expectKey = true;
      }
      return;
    }
    if (depth === 0 && this.containerDepth === 0) {
      if (c === OPEN_ARRAY) {
        this.inStrayValue = false;
        this.containerDepth = 1;
        return;
      }
      if (c === OPEN_OBJECT) {
        this.inStrayValue = false;
        this.startRecord(i, true);
        this.tracked = [{ depth: 1, keys: CONTAINER_KEYS }];
        this.expectKey = true;
        return;
      }
      if (!this.inStrayValue) {
        out.push({ line: this.line, problem: 'text outside any JSON object or array; skipped' });
        this.inStrayValue = true;
      }
      return;
    }
    if (depth === this.containerDepth && !this.recordActive) {
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        this.startRecord(i, false);
        return;
      }
      if (!this.inStrayValue) {
        out.push({ line: this.line, problem: 'array element is not a JSON object; skipped' });
        this.inStrayValue = true;
      }
    }
  }

  /** A closing bracket at chunk[i]; `depth` is the depth after it. */
  private onClose(chunk: Buffer, i: number, depth: number, out: RawRecord[]): void {
    if (this.recordActive && depth === (this.recordIsRoot ? 0 : this.containerDepth)) {
      this.finishRecord(chunk, i + 1, out);
    }
    if (this.containerDepth > 0 && depth < this.containerDepth) this.containerDepth = 0;
    const top = this.tracked[this.tracked.length - 1];
    if (top !== undefined && depth < top.depth) {
      this.tracked.pop();
      this.expectKey = false;
    }
    if (depth === 0) {
      this.tracked = [];
      this.containerDepth = 0;
      this.inStrayValue = false;
    }
  }

  private finishKey(chunk: Buffer, end: number): void {
    const start = Math.max(this.keyStart, 0);
    const parts = this.keyParts ?? [];
    const overflow = this.keyOverflow;
    this.keyParts = undefined;
    this.keyStart = -1;
    this.keyOverflow = false;
    if (overflow) {
      this.currentKey = undefined;
      return;
    }
    if (parts.length === 0) {
      // Container keys are short ASCII words: longer keys are not decoded at all.
      if (end - start > MAX_CONTAINER_KEY) {
        this.currentKey = undefined;
        return;
      }
      let key = '';
      for (let k = start; k < end; k++) key += String.fromCharCode(chunk[k] as number);
      this.currentKey = key;
      return;
    }
    parts.push(chunk.subarray(start, end));
    this.currentKey = Buffer.concat(parts).toString('utf8');
  }

  private startRecord(i: number, root: boolean): void {
    this.recordActive = true;
    this.recordIsRoot = root;
    this.recordStart = i;
    this.recordLine = this.line;
    this.recordParts = [];
    this.recordBytes = 0;
    this.recordOversize = false;
  }

  private dropRootCandidate(): void {
    if (!this.recordIsRoot) return;
    this.recordActive = false;
    this.recordIsRoot = false;
    this.recordParts = [];
    this.recordBytes = 0;
    this.recordOversize = false;
  }

  private finishRecord(chunk: Buffer, end: number, out: RawRecord[]): void {
    const line = this.recordLine;
    const size = this.recordBytes + (end - this.recordStart);
    this.recordActive = false;
    this.recordIsRoot = false;
    if (this.recordOversize || size > this.maxRecordBytes) {
      out.push({ line, problem: tooLargeMessage(`the record on line ${line}`, this.maxRecordBytes) });
    } else if (this.recordParts.length > 0) {
      this.recordParts.push(chunk.subarray(this.recordStart, end));
      out.push({ line, text: Buffer.concat(this.recordParts).toString('utf8') });
    } else {
      out.push({ line, text: chunk.toString('utf8', this.recordStart, end) });
    }
    this.recordParts = [];
    this.recordBytes = 0;
    this.recordOversize = false;
  }
}
