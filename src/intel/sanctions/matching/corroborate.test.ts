import { describe, expect, it } from 'vitest';
import {
  type CandidateFacts,
  classifyMatch,
  corroborate,
  countryCode,
  type EntryFacts,
} from './corroborate.ts';

const entry: EntryFacts = {
  datesOfBirth: ['1984-01-08'],
  nationalities: ["Democratic People's Republic of Korea"],
  documents: ['PS 563410163'],
  addresses: ['Pyongyang'],
  wallets: ['0x098B716B8Aaf21512996dC57EB0615e2383E2f96'],
};

const severity = (score: number, facts: CandidateFacts) =>
  classifyMatch(score, corroborate(facts, entry)).severity;

describe('classifyMatch', () => {
  it.each<[string, number, CandidateFacts, 'medium' | 'high' | 'critical' | null]>([
    ['name only is at most medium', 0.99, {}, 'medium'],
    ['name + nationality stays medium', 0.99, { nationalities: ['KP'] }, 'medium'],
    ['name + year of birth is high', 0.95, { dateOfBirth: '1984' }, 'high'],
    [
      'name + DOB + nationality is critical',
      0.95,
      { dateOfBirth: '1984-01-08', nationalities: ['KP'] },
      'critical',
    ],
    ['name + document number is critical', 0.9, { documents: ['PS563410163'] }, 'critical'],
    [
      'name + wallet (any case) is critical',
      0.7,
      { wallets: ['0x098b716b8aaf21512996dc57eb0615e2383e2f96'] },
      'critical',
    ],
    ['different DOB and nothing agrees clears it', 0.99, { dateOfBirth: '1990-05-05' }, null],
    [
      'different DOB but same nationality needs review',
      0.99,
      { dateOfBirth: '1990-05-05', nationalities: ['KP'] },
      'medium',
    ],
    ['weak name is no match', 0.7, { dateOfBirth: '1984-01-08' }, null],
    [
      'DOB agrees, nationality differs: medium',
      0.95,
      { dateOfBirth: '1984-01-08', nationalities: ['JP'] },
      'medium',
    ],
  ])('%s', (_label, score, facts, expected) => {
    expect(severity(score, facts)).toBe(expected);
  });

  it('says which fields agreed, conflicted or were unknown', () => {
    const c = corroborate({ dateOfBirth: '1984-01-08', nationalities: ['JP'] }, entry);
    expect(c.fields.map((f) => [f.field, f.status])).toEqual([
      ['dateOfBirth', 'agrees'],
      ['nationality', 'conflicts'],
      ['document', 'unknown'],
      ['address', 'unknown'],
      ['wallet', 'unknown'],
    ]);
    const m = classifyMatch(0.95, c);
    expect(m.reasons).toContain('agrees: date of birth 1984-01-08 is listed');
  });
});

describe('countryCode', () => {
  it.each([
    ["Democratic People's Republic of Korea", 'KP'],
    ['kp', 'KP'],
    ['Republic of Korea', 'KR'],
    ['Russian Federation', 'RU'],
  ])('%s → %s', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });
});
