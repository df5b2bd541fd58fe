// Turns the values of an evidence form into one bundle item (pure, so it can be tested without a browser).
import { dateToIsoNoon, datetimeLocalToIso, localIsoWithOffset } from '../../../ui/format.ts';
import type { EvidenceSpec, FieldSpec, Values } from './evidence-specs.ts';

export function convert(f: FieldSpec, raw: string): unknown {
  switch (f.type) {
    case 'lines':
    case 'list':
      return raw
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
    case 'datetime':
      return datetimeLocalToIso(raw);
    case 'date':
      return dateToIsoNoon(raw);
    case 'date-end': {
      const d = new Date(`${raw}T23:59`);
      return Number.isNaN(d.getTime()) ? undefined : localIsoWithOffset(d);
    }
    case 'number':
      return raw === '' ? undefined : Number(raw);
    case 'tristate':
      return raw === 'yes' ? true : raw === 'no' ? false : undefined;
    case 'radio':
      return raw === '' ? undefined : raw;
    default:
      return raw.trim() === '' ? undefined : raw.trim();
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let obj = target;
  for (const k of keys.slice(0, -1)) {
    const next = obj[k];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) obj[k] = {};
    obj = obj[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (last !== undefined) obj[last] = value;
}

/** Builds the bundle item from visible, non-empty fields. */
export function buildItem(spec: EvidenceSpec, values: Values): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const f of spec.fields) {
    if (f.showIf && !f.showIf(values)) continue;
    const value = convert(f, values[f.key] ?? '');
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    setPath(item, f.key, value);
  }
  return item;
}
