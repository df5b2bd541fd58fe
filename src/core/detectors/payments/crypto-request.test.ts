import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { asksForCrypto, cryptoRequest } from './crypto-request.ts';
import { findWallets } from './wallets.ts';

const ETH = '0xbfeb8d1c05e0f210c60bd064e55b3af92d385037';
const ETH_BAD_CHECKSUM = '0xBfeb8d1c05e0f210c60bd064e55b3af92d385037';
const TRON = 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL';
const TRON_LOOKALIKE = 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeM';
const BTC = '1BoatSLRHtKNngkdXEeobR76b53LETtpyT';
const msg = (text: string) => ({ at: '2026-03-20T10:00:00Z', direction: 'inbound' as const, text });

const cases: [string, BundleOverrides, Expectation][] = [
  ['nothing recorded: not evaluated', {}, 'not_evaluated'],
  [
    'bank payroll: nothing',
    { payments: [{ kind: 'payroll', method: 'bank', amount: 2000, currency: 'CAD' }] },
    'none',
  ],
  [
    'crypto pay request: high',
    { payments: [{ kind: 'request', method: 'crypto', asset: 'USDT', destination: ETH }] },
    'high',
  ],
  [
    'request text in English: high',
    { payments: [{ kind: 'request', text: 'Please pay my salary in USDT' }] },
    'high',
  ],
  ['French: high', { communications: [msg('Pouvez-vous verser mon salaire en cryptomonnaie ?')] }, 'high'],
  ['Spanish: high', { communications: [msg('¿Pueden pagarme el sueldo en bitcoin?')] }, 'high'],
  ['Korean: high', { communications: [msg('급여를 암호화폐로 받을 수 있을까요?')] }, 'high'],
  ['Chinese: high', { communications: [msg('请用比特币支付我的工资')] }, 'high'],
  ['Russian: high', { communications: [msg('Можно получать зарплату в криптовалюте?')] }, 'high'],
  [
    'valid Tron wallet as pay destination: high',
    { communications: [msg(`Please send my salary to ${TRON}`)] },
    'high',
  ],
  [
    'look-alike Tron string with pay words only: nothing',
    { communications: [msg(`Please send my salary to ${TRON_LOOKALIKE}`)] },
    'none',
  ],
  [
    'talking about crypto work, not pay: nothing',
    { communications: [msg('I built DeFi dashboards with ethers.js and Solidity.')] },
    'none',
  ],
  [
    'our own outbound message: nothing',
    { communications: [{ ...msg('We pay salary in USDT'), direction: 'outbound' }] },
    'none',
  ],
];

describe('payments.crypto-request', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(cryptoRequest, bundle))).toBe(expected);
  });

  it('validates wallets per chain: checksums and look-alikes', () => {
    expect(findWallets(`to ${ETH} now`)).toEqual([
      { address: ETH, chain: expect.stringContaining('Ethereum') },
    ]);
    expect(findWallets(ETH_BAD_CHECKSUM)).toEqual([]);
    expect(findWallets(TRON)).toEqual([{ address: TRON, chain: 'Tron (TRC-20)' }]);
    expect(findWallets(TRON_LOOKALIKE)).toEqual([]);
    expect(findWallets(BTC)).toEqual([{ address: BTC, chain: 'Bitcoin' }]);
    expect(findWallets('order 0x1234 ref T12345')).toEqual([]);
  });

  it('says which chain in the evidence', () => {
    const s = firstSignal(
      runDetector(cryptoRequest, {
        payments: [
          {
            kind: 'request',
            method: 'crypto',
            asset: 'USDT',
            destination: ETH,
            text: `Please pay my salary in USDT (ERC-20) to ${ETH}`,
          },
        ],
      }),
    );
    expect(s.evidence).toEqual(['payments[0]']);
    expect(s.data?.wallets).toEqual([
      { address: ETH, chain: expect.stringContaining('Ethereum'), path: 'payments[0].destination' },
    ]);
    expect(s.explanation).toContain(`${ETH} (Ethereum`);
  });

  it('a wallet alone without pay words is not a request', () => {
    expect(asksForCrypto(`my github has a donation address ${ETH}`).asks).toBe(false);
  });
});
