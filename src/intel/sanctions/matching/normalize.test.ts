import { describe, expect, it } from 'vitest';
import { foldText, normalizeName } from './normalize.ts';

describe('normalizeName', () => {
  it.each([
    ['Kim Jong-un', ['kim', 'jong', 'un']],
    ["CH'O'NGSONG YO'NHAP", ['chongsong', 'yonhap']],
    ['José  Martínez-López', ['jose', 'martinez', 'lopez']],
    ['Mr. Ri Je-son', ['ri', 'je', 'son']],
    ['Gen. Pak Jong Chon', ['pak', 'jong', 'chon']],
    ['ＫＩＭ　ＪＯＮＧ', ['kim', 'jong']],
    ['Sergey Sergey Shoigu', ['sergey', 'shoigu']],
  ])('%s → %j', (raw, tokens) => {
    expect(normalizeName(raw).tokens).toEqual(tokens);
  });

  it.each([
    ['Korea Tangun Trading Co., Ltd.', ['korea', 'tangun', 'trading'], ['co ltd']],
    ['OOO "Romashka"', ['romashka'], ['ooo']],
    ['Acme Holdings LLC', ['acme', 'holdings'], ['llc']],
    ['Open Joint Stock Company Gazprom', ['gazprom'], ['jsc']],
    ['ABC Gesellschaft mit beschränkter Haftung', ['abc'], ['gmbh']],
    ['朝鲜矿业开发贸易有限公司', ['chaoxiankuangyekaifamaoyi'], ['co ltd']],
  ])('%s keeps the legal form apart', (raw, tokens, forms) => {
    const n = normalizeName(raw);
    expect(n.tokens).toEqual(tokens);
    expect(n.legalForms).toEqual(forms);
    expect(n.isOrganization).toBe(true);
  });

  it('keeps a name that is only a title word', () => {
    expect(normalizeName('General').tokens).toEqual(['general']);
    expect(normalizeName('Limited').tokens).toEqual(['limited']);
  });

  it('folds diacritics, case and punctuation', () => {
    expect(foldText('Nicolás MADURO-Moros, Jr.')).toBe('nicolas maduro moros jr');
    expect(foldText('Straße Łódź')).toBe('strasse lodz');
  });
});
