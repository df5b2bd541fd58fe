// Turns the JSON paths a signal cites (`interviews[0]`, `logins[3].ip`) into labels a person can read
// ("Interview 1 (20 Jan 2026)", "Login 4 (2 Mar 2026) · IP") and finds the item they point at.
import type { CaseBundle } from '../api/types.ts';
import { formatDay, humanize } from './format.ts';
import { enumLabel } from './labels.ts';

type Segment = string | number;

/** `logins[3].ip` → ['logins', 3, 'ip']. */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  for (const m of path.matchAll(re)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/** The value a path points at in the bundle, or undefined. */
export function resolvePath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const seg of parsePath(path)) {
    if (current === null || current === undefined) return undefined;
    if (typeof seg === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[seg];
    } else {
      if (typeof current !== 'object' || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[seg];
    }
  }
  return current;
}

const ITEM_NOUNS: Record<string, string> = {
  interviews: 'Interview',
  documents: 'Document',
  logins: 'Login',
  changes: 'Change',
  payments: 'Payment',
  communications: 'Message',
  references: 'Reference',
  devices: 'Device',
  incidents: 'Incident',
  employment: 'Job',
  education: 'Education',
  verifications: 'Verification',
  profiles: 'Profile',
  photos: 'Photo',
  household: 'Household member',
  frames: 'Frame',
  observations: 'Observation',
};

const SECTION_NOUNS: Record<string, string> = {
  subject: 'Personal details',
  application: 'Application',
  onboarding: 'Onboarding',
  resume: 'Resume',
};

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A few words that tell one item of a list from another. */
function itemHint(list: string, item: unknown): string {
  if (!item || typeof item !== 'object') return '';
  const r = item as Record<string, unknown>;
  const at = formatDay(str(r.at) ?? str(r.requestedAt) ?? '');
  switch (list) {
    case 'documents':
      return [enumLabel(str(r.kind)), formatDay(str(r.receivedAt) ?? str(r.requestedAt))]
        .filter(Boolean)
        .join(', ');
    case 'changes':
      return [enumLabel(str(r.field)), at].filter(Boolean).join(', ');
    case 'references':
      return str(r.name) ?? str(r.organization) ?? '';
    case 'devices':
      return [str(r.hostname), at].filter(Boolean).join(', ');
    case 'incidents':
      return [enumLabel(str(r.kind)), at].filter(Boolean).join(', ');
    case 'employment':
      return [str(r.employer), str(r.title)].filter(Boolean).join(', ');
    case 'education':
      return str(r.institution) ?? '';
    case 'profiles':
      return str(r.kind) ?? '';
    case 'household':
      return str(r.name) ?? '';
    case 'logins':
      return [at, str(r.ip)].filter(Boolean).join(', ');
    default:
      return at;
  }
}

/** Readable label for an evidence path, e.g. "Interview 1 (20 Jan 2026)" or "Login 4 (2 Mar 2026, 1.2.3.4) · IP". */
export function describePath(bundle: CaseBundle | null | undefined, path: string): string {
  const segs = parsePath(path);
  if (segs.length === 0) return path;
  const parts: string[] = [];
  let current: unknown = bundle;
  let i = 0;
  while (i < segs.length) {
    const seg = segs[i];
    const next = segs[i + 1];
    if (seg === undefined) break;
    if (typeof seg === 'string' && typeof next === 'number') {
      const list =
        current && typeof current === 'object' ? (current as Record<string, unknown>)[seg] : undefined;
      const item = Array.isArray(list) ? list[next] : undefined;
      const noun = ITEM_NOUNS[seg] ?? humanize(seg);
      const hint = itemHint(seg, item);
      parts.push(hint ? `${noun} ${next + 1} (${hint})` : `${noun} ${next + 1}`);
      current = item;
      i += 2;
      continue;
    }
    if (typeof seg === 'string') {
      parts.push(i === 0 ? (SECTION_NOUNS[seg] ?? humanize(seg)) : humanize(seg));
      current =
        current && typeof current === 'object' ? (current as Record<string, unknown>)[seg] : undefined;
    } else {
      parts.push(`#${seg + 1}`);
      current = Array.isArray(current) ? current[seg] : undefined;
    }
    i += 1;
  }
  return parts.join(' · ');
}
