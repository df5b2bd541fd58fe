// HRIS/payroll change events, as detectors need them: parsed once, in time order, with the first
// entry of a field (its initial enrolment, `from` empty) told apart from a real change.
import type { Address, CaseBundle } from '../bundle/schema.ts';
import { isObject, isTime, stringField, toMs } from './util.ts';

export type TimedChange = { index: number; at: number; from: unknown; to: unknown };

/** Changes of one field, oldest first, without the initial enrolment (the first one with no `from`). */
export function realChanges(bundle: CaseBundle, field: string): TimedChange[] {
  const list: TimedChange[] = [];
  const changes = bundle.changes ?? [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (c.field !== field) continue;
    const at = toMs(c.at);
    if (isTime(at)) list.push({ index: i, at, from: c.from, to: c.to });
  }
  list.sort((a, b) => a.at - b.at);
  const out: TimedChange[] = [];
  for (let k = 0; k < list.length; k++) {
    const c = list[k]!;
    const empty = c.from === null || c.from === undefined || c.from === '';
    if (k === 0 && empty) continue;
    if (sameValue(c.from, c.to)) continue;
    out.push(c);
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/** The previous value before a change: its own `from`, as an address when it looks like one. */
export function asAddress(value: unknown): Address | undefined {
  if (!isObject(value)) return undefined;
  return {
    line1: stringField(value, 'line1'),
    city: stringField(value, 'city'),
    region: stringField(value, 'region'),
    postalCode: stringField(value, 'postalCode'),
    country: stringField(value, 'country'),
  };
}

export function describeAddress(a: Address | undefined): string {
  if (!a) return 'unknown address';
  const place = [a.city, a.region, a.country].filter(Boolean).join(', ');
  return place || a.line1 || 'unknown address';
}
