import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { fixtureIntel, LAZARUS_ETH } from '../../../../test/sanctions-fixture.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import type { IntelLookups } from '../../types.ts';
import { sanctionedWallet } from './sanctioned-wallet.ts';

let intel: IntelLookups;
beforeAll(async () => {
  intel = await fixtureIntel();
});

const request = (destination: string) => ({
  payments: [{ kind: 'request' as const, method: 'crypto' as const, asset: 'USDT', destination }],
});

describe('payments.sanctioned-wallet (real OFAC address list)', () => {
  it('a LAZARUS GROUP wallet as payment destination: critical', () => {
    const signal = firstSignal(runDetector(sanctionedWallet, request(LAZARUS_ETH), { intel }));
    expect(signal.severity).toBe('critical');
    expect(signal.evidence).toEqual(['payments[0].destination']);
    expect(JSON.stringify(signal.data?.hits)).toContain('LAZARUS GROUP');
  });

  it('matches whatever the case of an EVM address', () => {
    expect(summarize(runDetector(sanctionedWallet, request(LAZARUS_ETH.toLowerCase()), { intel }))).toBe(
      'critical',
    );
  });

  it('the random wallet of example 02 is no hit', () => {
    const bundle = JSON.parse(
      readFileSync('/work/shared/examples/02-clear-infiltrator.json', 'utf8'),
    ) as CaseBundle;
    const destination = bundle.payments?.[0]?.destination;
    if (!destination) throw new Error('example 02 has a payment destination');
    expect(summarize(runDetector(sanctionedWallet, request(destination), { intel }))).toBe('none');
  });

  it('no wallets: not evaluated', () => {
    expect(summarize(runDetector(sanctionedWallet, {}, { intel }))).toBe('not_evaluated');
  });
});
