import { describe, expect, it } from 'vitest';
import { jaroWinkler } from './jaro-winkler.ts';
import { NAME_MATCH_THRESHOLD, scoreNameStrings } from './score.ts';

describe('jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.813],
    ['abc', 'abc', 1],
    ['abc', 'xyz', 0],
  ])('%s / %s = %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });
});

describe('scoreNameStrings', () => {
  it.each([
    ['Kim Jong Un', 'KIM JONG-UN'],
    ['Kim Jongun', 'Kim Jong Un'],
    ['Jong-un Kim', 'Kim Jong Un'],
    ['Gim Jeong-eun', 'Kim Jong Un'],
    ['김정은', 'Kim Jong Un'],
    ['Ri Je-son', 'RI CHE-SON'],
    ['Lee Min Ho', '이민호'],
    ['Park Ji Sung', '박지성'],
    ['Владимир Путин', 'Vladimir Putin'],
    ['习近平', 'Xi Jinping'],
    ['Vladimir Putin', 'PUTIN, Vladimir Vladimirovich'],
    ['Korea Mining Development Trading Corporation', 'KOREA MINING DEVELOPMENT TRADING CORP.'],
    ['Catherine Smythe', 'Katherine Smith'],
  ])('%s matches %s', (a, b) => {
    expect(scoreNameStrings(a, b).score).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
  });

  it.each([
    ['Kim Jong Nam', 'Kim Jong Un'],
    ['Kim', 'Kim Jong Un'],
    ['Khamis Al', 'AL-GADDAFI, Khamis'],
    ['Korea Tangun Trading Corporation', 'Korea Kumryong Trading Company'],
    ["Mun Cho'ng-min", "MUN CHO'NG-CH'O'L"],
    ['XX XX', 'Helmer HERRERA BUITRAGO'],
  ])('%s does not match %s', (a, b) => {
    expect(scoreNameStrings(a, b).score).toBeLessThan(NAME_MATCH_THRESHOLD);
  });

  it('says why: which tokens matched and how', () => {
    const s = scoreNameStrings('Gim Jongun Smith', 'KIM JONG UN');
    expect(s.matches).toEqual([
      { query: 'gim', list: 'kim', kind: 'variant', similarity: 0.95 },
      { query: 'jongun', list: 'jong un', kind: 'joined', similarity: 1 },
    ]);
    expect(s.unmatchedQuery).toEqual(['smith']);
    expect(s.unmatchedList).toEqual([]);
  });

  it('matches initials weakly', () => {
    const s = scoreNameStrings('J. Smith', 'John Smith');
    expect(s.matches.find((m) => m.kind === 'initial')).toEqual({
      query: 'j',
      list: 'john',
      kind: 'initial',
      similarity: 0.85,
    });
  });
});
