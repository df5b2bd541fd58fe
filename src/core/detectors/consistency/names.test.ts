import { describe, expect, it } from 'vitest';
import { compareNames, type NameVerdict } from './names.ts';

const cases: [string, string, NameVerdict, string?, string[]?][] = [
  ['Kim Min-jun', 'Minjun Kim', 'same'],
  ['Kim Min-jun', 'KIM MIN JUN', 'same'],
  ['Kim Min-jun', '김민준', 'variant', 'Hangul'],
  ['Minjun Kim', '김민준', 'variant', 'Hangul'],
  ['Min-joon Kim', '김민준', 'variant', 'romanisations'],
  ['Lee Seo-yeon', 'Seoyeon Yi', 'variant', 'same Korean name'],
  ['Wang Xiaoming', '王小明', 'variant', 'pinyin'],
  ['Jürgen Müller', 'Juergen Mueller', 'variant', 'ue'],
  ['Jürgen Müller', 'Jurgen Muller', 'same'],
  ['José Álvarez', 'Jose Alvarez', 'same'],
  ["Seán O'Brien", 'Sean OBrien', 'same'],
  ['Maria Jose Garcia', 'Maria Garcia', 'variant', 'adds jose'],
  ['J. Robert Smith', 'John Robert Smith', 'variant', 'initial'],
  ['Anna Kowalska', 'Anna Nowak', 'variant', 'declared alias', ['Anna Nowak']],
  ['Anna Kowalska', 'Anna Nowak', 'different', 'differ'],
  ['Kim Min-jun', 'Park Ji-sung', 'different'],
  ['John Smith', 'Peter Jones', 'different', 'differ'],
  ['김민준', 'John Smith', 'uncomparable', 'a person should compare'],
  ['Иван Петров', 'Ivan Petrov', 'uncomparable', 'script'],
];

describe('compareNames', () => {
  it.each(cases)('%s vs %s: %s', (a, b, verdict, reason, aliases) => {
    const r = compareNames(a, b, aliases ?? []);
    expect(r.verdict).toBe(verdict);
    if (reason) expect(r.reason).toContain(reason);
    // Symmetric verdicts.
    expect(compareNames(b, a, aliases ?? []).verdict).toBe(verdict);
  });
});
