// Plain formatting helpers shared by every page. Pure; no React.

const ISO_DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "20 Jan 2026" for a date or date-time string, using the calendar day as written (not shifted to the viewer's zone). */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '';
  const m = ISO_DATE_PREFIX.exec(value);
  if (m) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  const partial = /^(\d{4})-(\d{2})$/.exec(value);
  if (partial) return `${MONTHS[Number(partial[2]) - 1] ?? partial[2]} ${partial[1]}`;
  return value;
}

/** "20 Jan 2026, 09:00" in the viewer's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "3 hours ago", "in 2 days"… */
export function formatRelative(value: string | null | undefined, now: number = Date.now()): string {
  if (!value) return '';
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  const diff = (t - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 60) return rtf.format(Math.round(diff), 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(diff / 86400), 'day');
  return formatDay(new Date(t).toISOString());
}

/** "askedRate" → "Asked rate", "ip" → "IP", "in_person" → "In person". */
export function humanize(key: string): string {
  const special: Record<string, string> = {
    at: 'When',
    ip: 'IP',
    mrz: 'MRZ',
    asn: 'ASN',
    url: 'URL',
    id: 'ID',
    sha256: 'SHA-256',
    phash: 'Photo hash',
    dateOfBirth: 'Date of birth',
    in_person: 'In person',
  };
  const hit = special[key];
  if (hit) return hit;
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Short text for any bundle value, for tables and summaries. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${humanize(k)}: ${formatValue(v)}`)
      .join('; ');
  }
  return String(value);
}

/** Name of whoever did something: actors arrive as strings or `{name}` objects. */
export function actorName(actor: unknown): string {
  if (typeof actor === 'string') return actor;
  if (actor && typeof actor === 'object') {
    const rec = actor as Record<string, unknown>;
    if (typeof rec.name === 'string') return rec.name;
    if (typeof rec.id === 'string') return rec.id;
  }
  return 'system';
}

/** Current moment as ISO 8601 with the browser's own UTC offset, e.g. 2026-01-05T14:03:00-05:00. */
export function localIsoWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** `<input type="datetime-local">` value ("2026-01-05T14:03") → ISO with the browser's offset for that moment. */
export function datetimeLocalToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  return localIsoWithOffset(date);
}

/** `<input type="date">` value ("2026-01-05") → ISO date-time at local noon with offset (for `…At` fields). */
export function dateToIsoNoon(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T12:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  return localIsoWithOffset(date);
}
