import { describe, expect, it } from 'vitest';
import { buildNameIndex, type IndexEntryInput, screenName, search, searchBruteForce } from './index.ts';

const entry = (entryId: string, names: string[], extra: Partial<IndexEntryInput> = {}): IndexEntryInput => ({
  entryId,
  list: 'UN DPRK',
  kind: 'person',
  names: names.map((name, i) => ({ name, quality: i === 0 ? 'strong' : 'weak' })),
  datesOfBirth: [],
  nationalities: [],
  documents: [],
  addresses: [],
  ...extra,
});

const entries = [
  entry('KPi.001', ['YUN HO-JIN', 'Yun Ho-chin'], { datesOfBirth: ['1944-10-13'], nationalities: ['KP'] }),
  entry('KPi.002', ['RI JE-SON', 'Ri Che-son'], { datesOfBirth: ['1938'] }),
  entry('KPi.003', ['KIM JONG UN']),
  entry('KPi.004', ['PAK TO-CHUN'], { documents: ['563410081'] }),
  entry('KPe.001', ['KOREA MINING DEVELOPMENT TRADING CORPORATION', 'KOMID'], { kind: 'organization' }),
  entry('X.1', ['John Smith'], { datesOfBirth: ['1970-03-03'] }),
];
const index = buildNameIndex(entries);

describe('search', () => {
  it.each([
    ['Kim Jong-un', 'KPi.003'],
    ['김정은', 'KPi.003'],
    ['Yun Ho Chin', 'KPi.001'],
    ['Ri Che Son', 'KPi.002'],
    ['Lee Je-son', 'KPi.002'],
    ['Pak Do Chun', 'KPi.004'],
    ['Korea Mining Development Trading Co., Ltd.', 'KPe.001'],
    ['komid', 'KPe.001'],
  ])('%s finds %s', (query, id) => {
    expect(search(index, query, { minScore: 0.8 })[0]?.entry.entryId).toBe(id);
  });

  it('finds nothing for an unrelated name', () => {
    expect(search(index, 'Maria Garcia', { minScore: 0.8 })).toEqual([]);
  });

  it('agrees with the brute-force scan', () => {
    for (const q of ['Kim Jong Un', 'Ri Je Son', 'Jon Smith', 'Pak Chun', 'Korea Trading']) {
      const fast = search(index, q, { minScore: 0.6 }).map((h) => [h.entry.entryId, h.score.score]);
      const slow = searchBruteForce(index, q, { minScore: 0.6 }).map((h) => [h.entry.entryId, h.score.score]);
      expect(fast).toEqual(slow);
    }
  });
});

describe('screenName', () => {
  it('name only is a medium possible match', () => {
    const [r] = screenName(index, 'Yun Ho Jin');
    expect(r?.classification.severity).toBe('medium');
  });

  it('name + DOB + nationality is critical, with reasons', () => {
    const [r] = screenName(index, 'Yun Ho Jin', { dateOfBirth: '1944-10-13', nationalities: ['KP'] });
    expect(r?.entry.entryId).toBe('KPi.001');
    expect(r?.classification.severity).toBe('critical');
    expect(r?.classification.reasons).toContain('agrees: date of birth 1944-10-13 is listed');
  });

  it('prefers the strong name over a weak alias scoring nearly as well', () => {
    const [r] = screenName(index, 'Ri Che-son', { dateOfBirth: '1938-02-02' });
    expect(r?.matchedName).toBe('RI JE-SON');
    expect(r?.classification.severity).toBe('high');
  });

  it('a weak alias alone stays medium even with a year of birth', () => {
    const [r] = screenName(index, 'Komid', { dateOfBirth: '1938' });
    expect(r?.quality).toBe('weak');
    expect(r?.classification.severity).toBe('medium');
  });

  it('a different date of birth clears a common name', () => {
    expect(screenName(index, 'John Smith', { dateOfBirth: '1990-01-01' })).toEqual([]);
  });
});
