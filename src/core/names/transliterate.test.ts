import { describe, expect, it } from 'vitest';
import { areKoreanVariants } from './korean-variants.ts';
import { detectScripts, romanizeHangulWord, romanizeName } from './transliterate.ts';

describe('romanizeName', () => {
  it('decomposes Hangul syllables under RR and MR', () => {
    expect(romanizeName('김정은')).toEqual(['gim jeong eun', 'kim chong un']);
    expect(romanizeHangulWord('리철', 'rr', true)).toBe('ri cheol');
    expect(romanizeHangulWord('남궁민수', 'rr', true)).toBe('namgung min su');
    expect(romanizeName('평양 무역')).toEqual(['pyeongyang muyeok', 'pyongyang muyok']);
  });

  it('romanises Cyrillic under two systems', () => {
    expect(romanizeName('Дмитрий Хорошев')).toEqual(['dmitriy khoroshev', 'dmitry horoshev']);
    expect(romanizeName('Юлия')).toEqual(['yuliya', 'iuliia']);
  });

  it('gives pinyin for Chinese names, given name joined', () => {
    expect(romanizeName('习近平')).toEqual(['xi jinping']);
    expect(romanizeName('王伟')).toEqual(['wang wei']);
  });

  it('romanises Greek', () => {
    expect(romanizeName('Νικόλαος')).toEqual(['nikolaos']);
  });

  it('leaves Latin input alone and detects scripts', () => {
    expect(romanizeName('Kim Jong Un')).toEqual(['Kim Jong Un']);
    expect(detectScripts('Kim 김')).toEqual(['hangul']);
    expect(detectScripts('abc')).toEqual(['latin']);
  });
});

describe('Korean variant groups', () => {
  it.each([
    ['kim', 'gim', true],
    ['pak', 'park', true],
    ['ri', 'lee', true],
    ['rhee', 'yi', true],
    ['choe', 'choi', true],
    ['jong', 'chung', true],
    ['un', 'eun', true],
    ['song', 'seong', true],
    ['hyon', 'hyeon', true],
    ['chol', 'cheol', true],
    ['yong', 'ryong', true],
    ['je', 'che', true],
    ['kyu', 'gyu', true],
    ['kim', 'park', false],
    ['dan', 'tan', false],
    ['smith', 'smyth', false],
  ])('%s ~ %s = %s', (a, b, expected) => {
    expect(areKoreanVariants(a, b)).toBe(expected);
  });
});
