// The network detectors over the real shipped IP databases (DB-IP Lite city + the ASN table, through
// createIpRuntime without a store): real addresses, real places, the signals a reviewer would see.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessPopulation } from '../src/core/assess.ts';
import type { CaseBundle } from '../src/core/bundle/schema.ts';
import { parseBundleText } from '../src/core/bundle/validate.ts';
import type { DetailedAssessment, IntelLookups, Signal } from '../src/core/types.ts';
import { createIpRuntime, withIpIntel } from '../src/intel/ip/runtime.ts';
import { buildBundle, FIXED_NOW } from './factories.ts';

let intel: IntelLookups;

beforeAll(async () => {
  const runtime = createIpRuntime({});
  await runtime.ready();
  intel = withIpIntel({ available: new Set() }, runtime);
}, 60_000);

const network = (a: DetailedAssessment): Signal[] =>
  a.signals.filter((s) => s.id.startsWith('network.') || s.id === 'consistency.location');
const byId = (a: DetailedAssessment, id: string) => a.signals.find((s) => s.id === id);

describe('network detection with the shipped IP databases', () => {
  it('a Toronto ISP address then a Pyongyang address an hour later: impossible travel and KP', () => {
    const bundle = buildBundle({
      logins: [
        { at: '2026-03-02T09:02:00Z', ip: '99.224.0.1', outcome: 'success' },
        { at: '2026-03-02T10:15:00Z', ip: '175.45.176.1', outcome: 'success' },
      ],
    });
    const [a] = assessPopulation([bundle], { now: FIXED_NOW, intel });
    const travel = byId(a!, 'network.impossible-travel');
    expect(travel?.severity).toBe('medium');
    expect(travel?.explanation).toContain(
      '99.224.0.1 (Toronto (Old Toronto), CA) at 2026-03-02 09:02 UTC then',
    );
    expect(travel?.explanation).toContain(
      '175.45.176.1 (Pyongyang (Ryugyong-dong), KP) at 2026-03-02 10:15 UTC',
    );
    expect(travel?.data?.pairs).toMatchObject([
      { from: { country: 'CA' }, to: { country: 'KP' }, km: 10_480, marginKm: 100 },
    ]);
    const kp = byId(a!, 'network.high-risk-country');
    expect(kp?.severity).toBe('critical');
    expect(kp?.data).toMatchObject({
      claimed: 'CA',
      countries: [{ country: 'KP', logins: 1, ips: ['175.45.176.1'] }],
    });
    expect(byId(a!, 'network.multi-country')?.data).toMatchObject({
      countries: [{ country: 'CA' }, { country: 'KP' }],
    });
  });

  it('Tor and hosting egress are anonymizers; the application from Shenyang contradicts a Toronto claim', () => {
    const bundle = buildBundle({
      application: { submittedAt: '2026-01-05T14:03:00-05:00', ip: '42.84.10.67' },
      logins: [
        { at: '2026-03-02T09:00:00Z', ip: '99.224.0.1', outcome: 'success' },
        { at: '2026-03-03T09:00:00Z', ip: '185.220.101.4', outcome: 'success' },
        { at: '2026-03-04T09:00:00Z', ip: '159.203.172.80', outcome: 'success' },
      ],
    });
    const [a] = assessPopulation([bundle], { now: FIXED_NOW, intel });
    const anon = byId(a!, 'network.anonymizer');
    expect(anon?.severity).toBe('high');
    expect(anon?.data?.networks).toMatchObject([
      { ip: '185.220.101.4', kind: 'tor', provider: 'Tor' },
      { ip: '159.203.172.80', kind: 'hosting', provider: 'DigitalOcean' },
    ]);
    expect(byId(a!, 'network.impossible-travel')).toBeUndefined();
    expect(byId(a!, 'consistency.location')?.explanation).toBe(
      'The claimed location (Toronto, CA) disagrees with the application IP 42.84.10.67 (Shenyang, CN).',
    );
  });

  it('two subjects on one Rogers home address are linked; declared household members are not', () => {
    const at = '2026-03-02T09:00:00Z';
    const alex = buildBundle({ subject: { id: 'cand-1', name: 'Alex' }, logins: [{ at, ip: '99.224.0.1' }] });
    const bob = buildBundle({ subject: { id: 'cand-2', name: 'Bob' }, logins: [{ at, ip: '99.224.0.1' }] });
    const [a] = assessPopulation([alex, bob], { now: FIXED_NOW, intel });
    expect(byId(a!, 'network.shared-egress')?.explanation).toContain(
      'Logins share the internet address 99.224.0.1 (Toronto (Old Toronto), CA; Rogers Communications Canada Inc.; isp) with Bob (cand-2).',
    );
    const family = { ...alex, subject: { ...alex.subject, household: [{ subjectId: 'cand-2' }] } };
    const [f] = assessPopulation([family, bob], { now: FIXED_NOW, intel });
    expect(byId(f!, 'network.shared-egress')).toBeUndefined();
  });

  it('the example bundles: the infiltrator is flagged from China, the others stay clean of network findings', () => {
    const bundles: CaseBundle[] = ['01-clean-legitimate', '02-clear-infiltrator', '03-ambiguous'].map(
      (name) => {
        const parsed = parseBundleText(
          readFileSync(new URL(`../../shared/examples/${name}.json`, import.meta.url), 'utf8'),
        );
        if (!parsed.ok) throw new Error(name);
        return parsed.bundle;
      },
    );
    const [clean, infiltrator, ambiguous] = assessPopulation(bundles, { now: FIXED_NOW, intel });
    expect(network(clean!)).toEqual([]);
    expect(clean!.gaps.map((g) => g.check)).not.toContain('network');
    expect(network(infiltrator!).map((s) => [s.id, s.severity])).toEqual(
      expect.arrayContaining([
        ['network.high-risk-country', 'high'],
        ['network.location-mismatch', 'high'],
        ['network.anonymizer', 'medium'],
        ['network.remote-access', 'medium'],
      ]),
    );
    expect(byId(infiltrator!, 'network.location-mismatch')?.data).toMatchObject({
      claimed: 'CA',
      top: { country: 'CN', share: 1 },
    });
    expect(network(ambiguous!).map((s) => [s.id, s.severity])).toEqual([['network.anonymizer', 'low']]);
  });
});
