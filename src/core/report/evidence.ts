// Reading an evidence path (`interviews[0]`, `logins[3].ip`, `changes[2].to`) in a bundle and writing the value
// as short plain text for the report. Reports render what the detectors pointed at; they never recompute.

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/** The value at a path like `a.b[2].c`, or undefined when the path leads nowhere. */
export function valueAtPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const m of path.matchAll(SEGMENT)) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = m[1] ?? m[2] ?? '';
    current = Array.isArray(current) ? current[Number(key)] : (current as Record<string, unknown>)[key];
  }
  return current;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function scalar(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** `key: value; key: value` for objects (one level, long texts clipped), the value itself for scalars. */
export function describeEvidence(value: unknown, max = 400): string {
  const s = scalar(value);
  if (s !== null) return clip(s, max);
  if (value === undefined) return '(no longer in the evidence)';
  if (Array.isArray(value)) return clip(value.map((v) => describeEvidence(v, 80)).join(', '), max);
  if (value && typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'faceEmbedding' || k === 'frames' || k === 'text' || k === 'mrz') continue;
      const text = scalar(v) ?? (Array.isArray(v) ? v.map((x) => scalar(x) ?? '…').join(', ') : null);
      if (text !== null && text !== '') parts.push(`${k}: ${clip(text, 120)}`);
      else if (v && typeof v === 'object') parts.push(`${k}: ${clip(describeEvidence(v, 160), 160)}`);
    }
    const text = (value as Record<string, unknown>).text;
    if (typeof text === 'string' && text !== '') parts.push(`text: "${clip(text, 160)}"`);
    return clip(parts.join('; '), max);
  }
  return '';
}

/** A postal address object (line1, city, region, postalCode, country) or a string, as one line. */
export function addressLine(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const parts = ['line1', 'line2', 'city', 'region', 'postalCode', 'country']
    .map((k) => v[k])
    .filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}
