import { describe, expect, it } from 'vitest';
import { buildBundle, buildContext, firstSignal, summarize } from '../../../../test/factories.ts';
import type { CaseBundle, Login } from '../../bundle/schema.ts';
import { DEFAULT_POLICY } from '../../policy.ts';
import type { DetectorContext } from '../../types.ts';
import { listSharedEgress, sharedEgress } from './shared-egress.ts';
import { IP, march, signIn, TABLE_INTEL } from './testing.ts';

const person = (id: string, name: string, logins: Login[], household?: string[]): CaseBundle =>
  buildBundle({
    subject: { id, name, ...(household ? { household: household.map((subjectId) => ({ subjectId })) } : {}) },
    logins,
  });

function assess(population: CaseBundle[], ctx: Partial<DetectorContext> = {}) {
  const context = buildContext({ intel: TABLE_INTEL, population, ...ctx });
  return population.map((b) => sharedEgress.detect(b, context));
}

const HOME = IP.toronto;

describe('network.shared-egress', () => {
  it('fires for both people signing in from one home address within days', () => {
    const alex = person('cand-0001', 'Alex Doe', [
      signIn(march(2), HOME),
      signIn(march(3), HOME),
      signIn(march(4), IP.montreal),
    ]);
    const bob = person('cand-0002', 'Bob Roe', [signIn(march(5, 14), HOME)]);
    const carol = person('cand-0003', 'Carol Poe', [signIn(march(5), IP.winnipeg)]);
    const [a, b, c] = assess([alex, bob, carol]);
    const s = firstSignal(a!);
    expect(s.severity).toBe('high');
    expect(s.explanation).toBe(
      'Logins share the internet address 99.224.0.1 (Toronto, CA; Rogers Communications Canada Inc.; isp) with Bob Roe (cand-0002). ' +
        '99.224.0.1 (Toronto, CA; Rogers Communications Canada Inc.; isp): this person 2 times from 2026-03-02 09:00 UTC ' +
        'to 2026-03-03 09:00 UTC; Bob Roe (cand-0002) 1 time at 2026-03-05 14:00 UTC.',
    );
    expect(s.evidence).toEqual(['logins[0]', 'logins[1]']);
    expect(s.data).toMatchObject({ ips: [{ ip: HOME, subjects: ['cand-0002'], household: false }] });
    expect(firstSignal(b!).data).toMatchObject({ ips: [{ ip: HOME, subjects: ['cand-0001'] }] });
    expect(summarize(c!)).toBe('none');
  });

  it('a declared household (either side) is expected and does not count', () => {
    const alex = person('cand-0001', 'Alex Doe', [signIn(march(2), HOME)], ['cand-0002']);
    const bob = person('cand-0002', 'Bob Roe', [signIn(march(3), HOME)]);
    expect(assess([alex, bob]).map(summarize)).toEqual(['none', 'none']);

    const dana = person('cand-0004', 'Dana Lee', [signIn(march(4), HOME)]);
    const s = firstSignal(assess([alex, bob, dana])[0]!);
    expect(s.explanation).toContain('with Dana Lee (cand-0004)');
    expect(s.explanation).toContain(
      '99.224.0.1 is also used by Bob Roe (cand-0002), declared as household, which is expected and not counted.',
    );
    expect(s.data).toMatchObject({
      ips: [
        {
          ip: HOME,
          subjects: ['cand-0004', 'cand-0002'],
          householdSubjects: ['cand-0002'],
          household: false,
        },
      ],
    });
  });

  it.each([
    ['the allow-listed corporate VPN', IP.corporateVpn, {}],
    ['an address the records mark allow-listed', '203.0.113.50', { allowListed: true }],
    ['a mobile carrier (CGNAT)', IP.mobile, {}],
    ['Apple Private Relay', IP.relay, {}],
    ['a commercial VPN exit', IP.nord, {}],
    ['Tor', IP.tor, {}],
    ['an address the identity provider flags as a proxy', '203.0.113.51', { isProxy: true }],
    ['a private address', IP.private, {}],
    ['carrier-grade NAT space', '100.64.12.7', {}],
    ['IPv6 unique-local space', 'fd12:3456::1', {}],
  ])('%s does not count', (_name, ip, extra) => {
    const alex = person('cand-0001', 'Alex Doe', [signIn(march(2), ip, extra)]);
    const bob = person('cand-0002', 'Bob Roe', [signIn(march(3), ip, extra)]);
    expect(assess([alex, bob]).map(summarize)).toEqual(['none', 'none']);
  });

  it('a shared hosting address (one VPS for two people) counts', () => {
    const alex = person('cand-0001', 'Alex Doe', [signIn(march(2), IP.digitalOcean)]);
    const bob = person('cand-0002', 'Bob Roe', [signIn(march(3), IP.digitalOcean)]);
    expect(assess([alex, bob]).map(summarize)).toEqual(['high', 'high']);
  });

  it('uses far apart in time do not count (a reassigned home address)', () => {
    const alex = person('cand-0001', 'Alex Doe', [signIn('2025-01-10T09:00:00Z', HOME)]);
    const bob = person('cand-0002', 'Bob Roe', [signIn(march(3), HOME)]);
    expect(assess([alex, bob]).map(summarize)).toEqual(['none', 'none']);
    const policy = { ...DEFAULT_POLICY, network: { ...DEFAULT_POLICY.network, sharedEgressWindowDays: 500 } };
    expect(assess([alex, bob], { policy }).map(summarize)).toEqual(['high', 'high']);
  });

  it('an address used by more subjects than the policy allows is a gateway, not a home', () => {
    const crowd = Array.from({ length: 21 }, (_, i) =>
      person(`emp-${i}`, `Person ${i}`, [signIn(march(2 + (i % 5)), IP.buffalo)]),
    );
    expect(new Set(assess(crowd).map(summarize))).toEqual(new Set(['none']));
    expect(new Set(assess(crowd.slice(0, 20)).map(summarize))).toEqual(new Set(['high']));
  });

  it('failed attempts do not count', () => {
    const alex = person('cand-0001', 'Alex Doe', [signIn(march(2), HOME)]);
    const bob = person('cand-0002', 'Bob Roe', [signIn(march(3), HOME, { outcome: 'failure' })]);
    expect(assess([alex, bob]).map(summarize)).toEqual(['none', 'none']);
  });

  it('works on raw addresses without IP intelligence', () => {
    const alex = person('cand-0001', 'Alex Doe', [signIn(march(2), '203.0.113.7')]);
    const bob = person('cand-0002', 'Bob Roe', [signIn(march(3), '203.0.113.7')]);
    const [a] = assess([alex, bob], { intel: { available: new Set() } });
    expect(firstSignal(a!).explanation).toContain(
      'Logins share the internet address 203.0.113.7 with Bob Roe (cand-0002).',
    );
  });

  it('compares a bundle assessed outside its population', () => {
    const bob = person('cand-0002', 'Bob Roe', [signIn(march(3), HOME)]);
    const outsider = person('cand-0009', 'Eve Moe', [signIn(march(4), HOME)]);
    const ctx = buildContext({ intel: TABLE_INTEL, population: [bob] });
    expect(summarize(sharedEgress.detect(outsider, ctx))).toBe('high');
  });

  it('finds the one shared address in a population of 500 people with 40 sign-ins each', () => {
    const population = Array.from({ length: 500 }, (_, i) =>
      person(
        `emp-${i}`,
        `Person ${i}`,
        Array.from({ length: 40 }, (_, k) =>
          signIn(march(1 + (k % 28), k % 24), `198.18.${i % 250}.${1 + Math.floor(i / 250) * 100 + (k % 3)}`),
        ),
      ),
    );
    population[17]!.logins!.push(signIn(march(10), '198.18.200.1'));
    const outcomes = assess(population);
    const fired = outcomes.flatMap((o, i) => (summarize(o) === 'high' ? [population[i]!.subject.id] : []));
    expect(fired).toEqual(['emp-17', 'emp-200']);
  });

  it('is not evaluated without addresses or other people', () => {
    const alex = person('cand-0001', 'Alex Doe', [signIn(march(2), HOME)]);
    expect(sharedEgress.detect(alex, buildContext({ population: [alex] }))).toEqual({
      status: 'not_evaluated',
      reason: 'no other subjects to compare with',
    });
    const none = person('cand-0002', 'Bob Roe', []);
    expect(sharedEgress.detect(none, buildContext({ population: [alex, none] }))).toEqual({
      status: 'not_evaluated',
      reason: 'no sign-in addresses',
    });
  });

  it('lists every shared address for the organisation view, most people first', () => {
    const alex = person(
      'cand-0001',
      'Alex Doe',
      [signIn(march(2), HOME), signIn(march(2), IP.digitalOcean)],
      ['cand-0002'],
    );
    const bob = person('cand-0002', 'Bob Roe', [signIn(march(3), HOME)]);
    const dana = person('cand-0004', 'Dana Lee', [signIn(march(4), HOME), signIn(march(4), IP.digitalOcean)]);
    const mobile = person('cand-0005', 'Finn Ode', [signIn(march(4), IP.mobile)]);
    const mobile2 = person('cand-0006', 'Gus Ode', [signIn(march(4), IP.mobile)]);
    const list = listSharedEgress([alex, bob, dana, mobile, mobile2], buildContext({ intel: TABLE_INTEL }));
    expect(list.map((e) => [e.ip, e.kind, e.subjects.map((s) => [s.id, s.household])])).toEqual([
      [
        HOME,
        'isp',
        [
          ['cand-0001', true],
          ['cand-0002', true],
          ['cand-0004', false],
        ],
      ],
      [
        IP.digitalOcean,
        'hosting',
        [
          ['cand-0001', false],
          ['cand-0004', false],
        ],
      ],
    ]);
  });
});
