import { describe, expect, it } from 'vitest';
import { buildBundle, buildContext, firstSignal, summarize } from '../../../../test/factories.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import { sharedIdentifier } from './shared-identifier.ts';

const at = '2026-03-01T09:00:00Z';
const person = (id: string, name: string, extra: Partial<CaseBundle> = {}, household?: string[]) =>
  buildBundle({
    ...extra,
    subject: {
      id,
      name,
      claimedLocation: { country: 'CA' },
      ...(household ? { household: household.map((subjectId) => ({ subjectId })) } : {}),
      ...(extra.subject ?? {}),
    },
  });
const assess = (population: CaseBundle[]) => {
  const ctx = buildContext({ population });
  return population.map((b) => sharedIdentifier.detect(b, ctx));
};

describe('links.shared-identifier', () => {
  it('fires on one bank account written two ways, naming the other person and masking the account', () => {
    const alex = person('c1', 'Alex Doe', {
      changes: [{ at, field: 'bank_account', to: 'GB29 NWBK 6016 1331 9268 19' }],
    });
    const bob = person('c2', 'Bob Roe', {
      changes: [{ at, field: 'bank_account', to: { iban: 'gb29nwbk60161331926819' } }],
    });
    const carol = person('c3', 'Carol Poe', {
      changes: [{ at, field: 'bank_account', to: 'DE89370400440532013000' }],
    });
    const [a, b, c] = assess([alex, bob, carol]);
    const s = firstSignal(a!);
    expect(s.severity).toBe('high');
    expect(s.explanation).toBe('The bank account IBAN GB ending 6819 is also used by Bob Roe (c2).');
    expect(s.explanation).not.toContain('60161331');
    expect(s.evidence).toEqual(['changes[0].to']);
    expect(s.data).toMatchObject({
      matches: [{ kind: 'bank', subjects: [{ id: 'c2', paths: ['changes[0].to'] }] }],
    });
    expect(summarize(b!)).toBe('high');
    expect(summarize(c!)).toBe('none');
  });

  it('matches emails across Gmail spellings and phones across formats; masks the phone', () => {
    const alex = person('c1', 'Alex Doe', {
      subject: { id: 'c1', email: 'J.Doe+jobs@googlemail.com', phone: '(416) 555-0134' },
    });
    const bob = person('c2', 'Bob Roe', {
      resume: { contact: { emails: ['jdoe@gmail.com'], phones: ['+1 416 555 0134'] } },
    });
    const s = firstSignal(assess([alex, bob])[0]!);
    expect(s.evidence).toEqual(['subject.email', 'subject.phone']);
    expect(s.explanation).toContain('email address jdoe@gmail.com is also used by Bob Roe (c2)');
    expect(s.explanation).toContain('phone number +1 ••••••••34');
    expect(s.explanation).not.toContain('4165550134');
  });

  it('fires on a shared wallet and a shared device, not on a shared public IP or a generic device name', () => {
    const wallet = '0x52908400098527886E0F7030069857D2E4169EE7';
    const a = person('c1', 'A', { payments: [{ method: 'crypto', destination: wallet }] });
    const b = person('c2', 'B', { payments: [{ method: 'crypto', destination: wallet.toLowerCase() }] });
    expect(summarize(assess([a, b])[0]!)).toBe('high');
    const d1 = person('c1', 'A', {
      devices: [{ hostname: 'DESKTOP-7QK2ABC' }],
      logins: [{ at, ip: '8.8.8.8', device: 'MacBook-Pro' }],
    });
    const d2 = person('c2', 'B', { logins: [{ at, ip: '8.8.8.8', device: 'desktop-7qk2abc.corp.example' }] });
    expect(firstSignal(assess([d1, d2])[0]!).data).toMatchObject({ kinds: ['device'] });
    const i1 = person('c1', 'A', { logins: [{ at, ip: '8.8.8.8', device: 'MacBook-Pro' }] });
    const i2 = person('c2', 'B', { logins: [{ at, ip: '8.8.8.8', device: 'MacBook-Pro' }] });
    expect(assess([i1, i2]).map(summarize)).toEqual(['none', 'none']);
  });

  it('says but does not count a declared household; a reference contact is not the subject’s own', () => {
    const a = person('c1', 'Alex Doe', { subject: { id: 'c1', phone: '+1 416 555 0134' } }, ['c2']);
    const b = person('c2', 'Sam Doe', { subject: { id: 'c2', phone: '4165550134' } });
    expect(assess([a, b]).map(summarize)).toEqual(['none', 'none']);
    const c = person('c3', 'Ref Giver', { references: [{ name: 'X', phone: '+1 416 555 0134' }] });
    expect(assess([a, c]).map(summarize)).toEqual(['none', 'none']);
    const d = person('c4', 'Dee Poe', { subject: { id: 'c4', phone: '416-555-0134' } });
    const s = firstSignal(assess([a, b, d])[0]!);
    expect(s.explanation).toContain('is also used by Dee Poe (c4).');
    expect(s.explanation).toContain('Sam Doe (c2), declared as household, which is expected and not counted');
  });

  it('is not evaluated alone', () => {
    expect(assess([person('c1', 'A')])[0]).toEqual({
      status: 'not_evaluated',
      reason: 'no other subjects to compare with',
    });
  });
});
