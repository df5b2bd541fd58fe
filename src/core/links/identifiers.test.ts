import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../../test/factories.ts';
import { extractIdentifiers, maskTail } from './identifiers.ts';

const at = '2026-03-01T09:00:00Z';

describe('extractIdentifiers', () => {
  it('finds every identifier with its path, normalised, masked where personal, IPs public only and weak', () => {
    const bundle = buildBundle({
      subject: {
        id: 'c1',
        email: 'A.B+x@GMAIL.com',
        phone: '(416) 555-0134',
        claimedLocation: { country: 'CA' },
      },
      resume: { contact: { emails: ['ab@gmail.com'], phones: ['+44 20 7946 0958'] } },
      application: { ip: '10.0.0.7' },
      logins: [
        { at, ip: '::ffff:8.8.8.8', device: 'DESKTOP-7QK2ABC' },
        { at, ip: '1.1.1.1', allowListed: true },
      ],
      changes: [
        { at, field: 'bank_account', from: '021000021 123456789', to: 'GB29 NWBK 6016 1331 9268 19' },
        { at, field: 'shipping_address', to: '4-123 Main St, Toronto ON M5H 1A1' },
      ],
      payments: [
        { method: 'crypto', destination: '0x52908400098527886E0F7030069857D2E4169EE7' },
        { method: 'payment_platform', destination: 'Payoneer' },
      ],
      devices: [{ hostname: 'localhost' }],
      references: [{ email: 'boss@example.com' }],
    });
    const ids = extractIdentifiers(bundle).map((i) => [
      i.kind,
      i.key,
      i.display,
      i.path,
      i.weak ?? i.reference ?? null,
    ]);
    expect(ids).toEqual([
      ['email', 'ab@gmail.com', 'ab@gmail.com', 'subject.email', null],
      ['phone', '+14165550134', '+1 ••••••••34', 'subject.phone', null],
      ['email', 'ab@gmail.com', 'ab@gmail.com', 'resume.contact.emails[0]', null],
      ['phone', '+442079460958', '+44 ••••••••58', 'resume.contact.phones[0]', null],
      ['ip', '8.8.8.8', '8.8.8.8', 'logins[0].ip', true],
      ['device', 'desktop-7qk2abc', 'desktop-7qk2abc', 'logins[0].device', null],
      ['bank', 'iban:GB29NWBK60161331926819', 'IBAN GB ending 6819', 'changes[0].to', null],
      ['bank', 'us:021000021-123456789', 'US account ending 6789', 'changes[0].from', null],
      ['address', 'CA|M5H 1A1|123|main st|4', '4-123 Main St, Toronto ON M5H 1A1', 'changes[1].to', null],
      [
        'wallet',
        'eth:0x52908400098527886e0f7030069857d2e4169ee7',
        '0x52908400098527886e0f7030069857d2e4169ee7',
        'payments[0].destination',
        null,
      ],
      ['email', 'boss@example.com', 'boss@example.com', 'references[0].email', true],
    ]);
  });

  it('masks all but the tail', () => {
    expect(maskTail('GB29 NWBK 6016', 4)).toBe('•••• •••• 6016');
  });
});
