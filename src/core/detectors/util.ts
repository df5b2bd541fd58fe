// Small pure helpers shared by detectors: time arithmetic, local hours, text matching.
export const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of an ISO date-time (with offset) or `YYYY-MM-DD` (UTC midnight). */
export function toMs(value: string | null | undefined): number {
  if (value === null || value === undefined) return Number.NaN;
  return Date.parse(value);
}

export function isTime(ms: number): boolean {
  return !Number.isNaN(ms);
}

/** Whole days (rounded down) from a to b. */
export function daysBetween(a: number, b: number): number {
  return Math.floor((b - a) / DAY_MS);
}

/** One decimal for display, e.g. 2.4. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** `YYYY-MM-DD` of a time, in UTC. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();
// UTC offset per (zone, UTC hour): offsets only change on whole-hour-aligned transitions, so this is exact.
const offsetCache = new Map<string, number>();
const MAX_CACHED_OFFSETS = 50_000;

/** Local wall-clock minutes after midnight (0..1439) of an instant in an IANA time zone. */
export function localMinutes(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / 3_600_000)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const hourStart = Math.floor(ms / 3_600_000) * 3_600_000;
    const utcMinutes = ((Math.floor(hourStart / 60_000) % 1440) + 1440) % 1440;
    offset = formattedMinutes(hourStart, timeZone) - utcMinutes;
    if (offset > 720) offset -= 1440;
    if (offset < -720) offset += 1440;
    if (offsetCache.size >= MAX_CACHED_OFFSETS) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  const utc = ((Math.floor(ms / 60_000) % 1440) + 1440) % 1440;
  return (((utc + offset) % 1440) + 1440) % 1440;
}

function formattedMinutes(ms: number, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    hourFormats.set(timeZone, format);
  }
  let hour = 0;
  let minute = 0;
  for (const part of format.formatToParts(ms)) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return (hour % 24) * 60 + minute;
}

/** UTC offset in minutes of a time zone at an instant (e.g. -420 for America/Edmonton in winter). */
export function utcOffsetMinutes(ms: number, timeZone: string): number {
  const utc = Math.floor(ms / 60_000) % 1440;
  let diff = localMinutes(ms, timeZone) - ((utc + 1440) % 1440);
  if (diff > 720) diff -= 1440;
  if (diff < -720) diff += 1440;
  return diff;
}

export function formatClock(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function formatOffset(hours: number): string {
  return hours === 0 ? 'UTC' : `UTC${hours > 0 ? '+' : '-'}${Math.abs(hours)}`;
}

/** Lower-case, accents removed, whitespace collapsed: the form keyword patterns are written for. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC') // recompose Hangul syllables that NFKD split into jamo
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Quote a short piece of user text in an explanation. */
export function quote(text: string, max = 80): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a, b and c" */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function stringField(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const v = value[key];
  return typeof v === 'string' ? v : undefined;
}
