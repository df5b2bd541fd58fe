import { describe, expect, it } from 'vitest';
import { printable } from './render-pdf.ts';

describe('printable', () => {
  it('keeps what DejaVu Sans has and marks what it has not', () => {
    expect(printable('Zoë Ørsted — Ωmega, Дмитрий → ok')).toBe('Zoë Ørsted — Ωmega, Дмитрий → ok');
    expect(printable('김철수 Kim')).toBe('??? Kim');
    expect(printable('王伟 / 山田')).toBe('?? / ??');
    expect(printable('ok 🙂')).toBe('ok ?');
    expect(printable('a\u0007b\u0000c')).toBe('a b c');
  });
});
