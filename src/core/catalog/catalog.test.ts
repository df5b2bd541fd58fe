import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../types.ts';
import { CHECKS, getCheck } from './checks.ts';
import { getSignal, SIGNALS } from './signals.ts';
import { SOURCES } from './sources.ts';

const spec = readFileSync(new URL('../../../../shared/spec/signals.md', import.meta.url), 'utf8');
const specIds = [...spec.matchAll(/^\| ([a-z]+\.[a-z-]+) \|/gm)].map((m) => m[1]!);

describe('signal catalog', () => {
  it('has exactly the ids of signals.md, once each', () => {
    expect(specIds.length).toBeGreaterThan(60);
    expect(SIGNALS.map((s) => s.id).sort()).toEqual([...specIds].sort());
  });

  it.each(SIGNALS.map((s) => [s.id, s] as const))('%s is complete and consistent', (id, s) => {
    expect(id.startsWith(`${s.family}.`)).toBe(true);
    expect(s.title.length).toBeGreaterThan(5);
    expect(s.firesWhen.length).toBeGreaterThan(10);
    expect(s.howToVerify.length).toBeGreaterThan(10);
    expect(s.explanation.length).toBeGreaterThan(10);
    expect(SEVERITIES.indexOf(s.maxSeverity)).toBeGreaterThanOrEqual(SEVERITIES.indexOf(s.defaultSeverity));
    expect(s.sources.length).toBeGreaterThan(0);
    for (const k of s.sources) expect(SOURCES[k]).toBeDefined();
    expect(getCheck(s.check)).toBeDefined();
    expect(getSignal(id)).toBe(s);
  });

  it('default severities follow the table of signals.md', () => {
    for (const s of SIGNALS) {
      const row = spec.split('\n').find((l) => l.startsWith(`| ${s.id} |`))!;
      const severity = row.split('|').at(-2)!.trim();
      expect(severity.startsWith(s.defaultSeverity) || severity.includes(s.defaultSeverity)).toBe(true);
    }
  });

  it('every check has signals and a step', () => {
    for (const c of CHECKS) {
      expect(c.signals.length).toBeGreaterThan(0);
      expect(c.step.length).toBeGreaterThan(20);
    }
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    expect(CHECKS.flatMap((c) => c.signals).sort()).toEqual(SIGNALS.map((s) => s.id).sort());
  });

  it('sources cover every key of signals.md', () => {
    expect(Object.keys(SOURCES).sort()).toEqual([
      'ca-2025',
      'fbi-2025',
      'research',
      'seed',
      'uk-2024',
      'us-2022',
      'us-2023',
    ]);
  });
});
