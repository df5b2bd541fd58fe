// Panther's own rule test cases (../shared/datasets/signin-logs/panther_idp_rule_tests.json, Apache-2.0)
// for Standard.ImpossibleTravel.Login, Standard.SignInFromRogueState and Okta.Anonymizing.VPN.Login, run
// through our detectors. Each test's log becomes a bundle the way our importers would see it: Okta and
// Entra records through our normalisers (src/intel/logins), the other log types by their documented
// sign-in fields; the place and network kind from the test's `p_enrichment` (Panther's IP intelligence,
// standing in for ours); the previous sign-in of the impossible-travel tests from the `get_string_set` mock.
// Every test must agree with Panther's `expected_result`, except the deliberate differences listed below
// (also in docs/network-detection.md), each with its reason — and each is checked to really differ.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCountryCode } from '../../src/core/bundle/formats.ts';
import type { CaseBundle, Login } from '../../src/core/bundle/schema.ts';
import { validateBundle } from '../../src/core/bundle/validate.ts';
import { anonymizer } from '../../src/core/detectors/network/anonymizer.ts';
import { highRiskCountry } from '../../src/core/detectors/network/high-risk-country.ts';
import { impossibleTravel } from '../../src/core/detectors/network/impossible-travel.ts';
import type { NetworkKind } from '../../src/core/intel/ip.ts';
import { parsePolicy } from '../../src/core/policy.ts';
import type { Detector, DetectorOutcome, Policy } from '../../src/core/types.ts';
import { toIsoUtc } from '../../src/intel/logins/fields.ts';
import type { LoginEvent } from '../../src/intel/logins/model.ts';
import { normalizeEntraSignIn } from '../../src/intel/logins/normalize-entra.ts';
import { normalizeOktaEvent } from '../../src/intel/logins/normalize-okta.ts';
import { buildBundle, buildContext } from '../factories.ts';

type Json = Record<string, unknown>;
type PantherTest = {
  name: string;
  expected_result: boolean;
  mocks: { objectName: string; returnValue: unknown }[] | null;
  log: Json;
};
type PantherRule = { rule_id: string; tests: PantherTest[] };

const FILE = new URL('../../../shared/datasets/signin-logs/panther_idp_rule_tests.json', import.meta.url);
const RULES = (JSON.parse(readFileSync(FILE, 'utf8')) as { rules: PantherRule[] }).rules;

function testsOf(ruleId: string): PantherTest[] {
  const rule = RULES.find((r) => r.rule_id === ruleId);
  if (!rule) throw new Error(`${ruleId} is not in the dataset`);
  return rule.tests;
}

const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const dig = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((cur, k) => obj(cur)?.[k], v);
const firstValue = (v: unknown): Json | undefined => obj(Object.values(obj(v) ?? {})[0]);

/** A time as our readers store it (UTC ISO); tests without any time get a fixed one. */
const timeOf = (...values: unknown[]): string => {
  for (const v of values) {
    const iso = toIsoUtc(v);
    if (iso) return iso;
  }
  return '2024-08-15T15:05:09.154Z';
};

type SignIn = { at: string; ip?: string; outcome: string; eventType?: string; event?: LoginEvent };

/**
 * The event as a sign-in, per Panther log type; undefined when it is not one (logout, SSO to an app, …).
 * Okta and Entra go through our own normalisers; the other types (we have no importer for them) take
 * Panther's normalised event time `p_event_time` first, as Panther's rule does (the Asana test's
 * `created_at` is two weeks before it).
 */
const READERS: Record<string, (log: Json) => SignIn | undefined> = {
  'Okta.SystemLog': (log) => {
    const r = normalizeOktaEvent(log);
    const event = r.ok ? r.events[0] : undefined;
    return event && { at: event.at, ip: event.ip, outcome: event.outcome, eventType: event.eventType, event };
  },
  'Azure.Audit': (log) => {
    const r = normalizeEntraSignIn(log);
    const event = r.ok ? r.events[0] : undefined;
    return event && { at: event.at, ip: event.ip, outcome: event.outcome, eventType: event.eventType, event };
  },
  'AWS.CloudTrail': (log) =>
    log.eventName === 'ConsoleLogin'
      ? {
          at: timeOf(log.p_event_time, log.eventTime),
          ip: str(log.sourceIPAddress),
          outcome: dig(log, 'responseElements', 'ConsoleLogin') === 'Success' ? 'success' : 'failure',
        }
      : undefined,
  'Asana.Audit': (log) =>
    log.event_type === 'user_login_succeeded'
      ? {
          at: timeOf(log.p_event_time, log.created_at),
          ip: str(dig(log, 'context', 'client_ip_address')),
          outcome: 'success',
        }
      : undefined,
  'Notion.AuditLogs': (log) =>
    dig(log, 'event', 'type') === 'user.login'
      ? {
          at: timeOf(log.p_event_time, dig(log, 'event', 'timestamp')),
          ip: str(dig(log, 'event', 'ip_address')),
          outcome: 'success',
        }
      : undefined,
  'Box.Event': (log) =>
    log.event_type === 'LOGIN'
      ? { at: timeOf(log.p_event_time, log.created_at), ip: str(log.ip_address), outcome: 'success' }
      : undefined,
  'OneLogin.Events': (log) =>
    String(log.event_type_id) === '5'
      ? { at: timeOf(log.p_event_time, log.created_at), ip: str(log.ipaddr), outcome: 'success' }
      : undefined,
  'OnePassword.SignInAttempt': (log) =>
    log.category === 'success'
      ? {
          at: timeOf(log.p_event_time, log.timestamp),
          ip: str(dig(log, 'client', 'ip_address')),
          outcome: 'success',
        }
      : undefined,
  'Zoom.Activity': (log) =>
    log.type === 'Sign in'
      ? { at: timeOf(log.p_event_time, log.time), ip: str(log.ip_address), outcome: 'success' }
      : undefined,
};

/** Panther's IPinfo privacy flags → our network kind (the same precedence as src/intel/ip: tor > vpn > proxy > relay > hosting). */
function kindOf(privacy: Json | undefined, asn: Json | undefined, located: boolean): NetworkKind | undefined {
  if (privacy?.tor === true) return 'tor';
  if (privacy?.vpn === true) return 'vpn';
  if (privacy?.proxy === true) return 'proxy';
  if (privacy?.relay === true) return 'relay';
  if (privacy?.hosting === true || asn?.type === 'hosting') return 'hosting';
  return located ? 'isp' : undefined;
}

const latOf = (v: unknown) => {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) && n >= -90 && n <= 90 ? n : undefined;
};
const lonOf = (v: unknown) => {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) && n >= -180 && n <= 180 ? n : undefined;
};
const countryOf = (v: unknown) => {
  const c = str(v);
  return c !== undefined && isCountryCode(c) ? c : undefined;
};

/** Sets only the valid place fields, as an importer would store them (a latitude of 100° is not a place). */
function place(login: Login, loc: Json | undefined): void {
  if (!loc) return;
  const country = countryOf(loc.country);
  const lat = latOf(loc.lat);
  const lon = lonOf(loc.lng ?? loc.lon);
  const city = str(loc.city);
  if (country) login.country = country;
  if (city) login.city = city;
  if (lat !== undefined && lon !== undefined) {
    login.lat = lat;
    login.lon = lon;
  }
}

/** The bundle `logins[]` entry of a sign-in: the enrichment's place and kind first, the provider's report as fallback. */
function toLogin(signIn: SignIn, log: Json): Login {
  const login: Login = { at: signIn.at, outcome: signIn.outcome };
  if (signIn.ip) login.ip = signIn.ip;
  if (signIn.eventType) login.eventType = signIn.eventType;
  const enrichment = obj(log.p_enrichment);
  const loc = firstValue(enrichment?.ipinfo_location);
  const privacy = firstValue(enrichment?.ipinfo_privacy);
  const kind = kindOf(privacy, firstValue(enrichment?.ipinfo_asn), loc !== undefined);
  if (loc) place(login, loc);
  else if (signIn.event?.reported) place(login, { ...signIn.event.reported, lng: signIn.event.reported.lon });
  if (kind) login.networkKind = kind;
  const service = str(privacy?.service);
  if (service) login.provider = service;
  if (typeof signIn.event?.reported?.isProxy === 'boolean') login.isProxy = signIn.event.reported.isProxy;
  return login;
}

/** The sign-in Panther remembered (the `get_string_set` mock): a place and a time, no address. */
function previousLogins(test: PantherTest): Login[] {
  const mock = test.mocks?.find((m) => m.objectName === 'get_string_set');
  const value = str(mock?.returnValue);
  if (!value) return [];
  return (JSON.parse(value) as Json[]).map((entry) => {
    const login: Login = { at: timeOf(entry.p_event_time), outcome: 'success', networkKind: 'isp' };
    place(login, entry);
    return login;
  });
}

function bundleOf(test: PantherTest, options: { outcome?: string } = {}): CaseBundle {
  const logType = String(test.log.p_log_type ?? 'Okta.SystemLog');
  const read = READERS[logType];
  if (!read) throw new Error(`no reader for ${logType}`);
  const signIn = read(test.log);
  const logins = signIn
    ? [
        ...previousLogins(test),
        toLogin(options.outcome ? { ...signIn, outcome: options.outcome } : signIn, test.log),
      ]
    : [];
  const bundle = buildBundle({ logins });
  const valid = validateBundle(bundle);
  if (!valid.ok) throw new Error(`${test.name}: ${JSON.stringify(valid.problems)}`);
  return valid.bundle;
}

const fired = (outcome: DetectorOutcome) => outcome.status === 'evaluated' && outcome.signals.length > 0;
const run = (detector: Detector, bundle: CaseBundle, policy?: Policy) =>
  detector.detect(bundle, buildContext(policy ? { population: [bundle], policy } : { population: [bundle] }));

/** Deliberate differences: test name → why our answer differs from Panther's. */
type Differences = Record<string, string>;

function checkRule(ruleId: string, detector: Detector, differences: Differences) {
  const tests = testsOf(ruleId);
  it('every deliberate difference names a real test', () => {
    const names = new Set(tests.map((t) => t.name));
    for (const name of Object.keys(differences)) expect(names.has(name), name).toBe(true);
  });
  it.each(tests.map((t) => [t.name, t] as const))('%s', (name, test) => {
    const ours = fired(run(detector, bundleOf(test)));
    if (name in differences)
      expect(ours, `deliberately differs: ${differences[name]}`).toBe(!test.expected_result);
    else expect(ours).toBe(test.expected_result);
  });
}

describe('Panther Standard.ImpossibleTravel.Login → network.impossible-travel', () => {
  const ANONYMIZER =
    'the new address is an anonymizer, whose place is a server’s: we leave such hops out of travel and report them as network.anonymizer';
  checkRule('Standard.ImpossibleTravel.Login', impossibleTravel, {
    'Okta sign-in with history and impossible travel, Apple Private Relay': ANONYMIZER,
    'Okta sign-in with history and impossible travel, VPN with service': ANONYMIZER,
    'Okta sign-in with history and impossible travel, VPN with no service': ANONYMIZER,
    'Short Distances and Short Timedeltas':
      'Los Angeles → Anaheim is 36 km: below our 100 km minimum (city-level IP locations are tens of km off)',
    'Notion Impossible Travel':
      'the test’s places are fictional (latitude 100°, countries Gondor and Mordor): not a place, so nothing to compare',
  });

  it('the anonymizer hops Panther alerts on show up as network.anonymizer instead', () => {
    for (const [name, severity] of [
      ['Okta sign-in with history and impossible travel, Apple Private Relay', 'low'],
      ['Okta sign-in with history and impossible travel, VPN with service', 'low'],
      ['Okta sign-in with history and impossible travel, VPN with no service', 'low'],
    ] as const) {
      const test = testsOf('Standard.ImpossibleTravel.Login').find((t) => t.name === name)!;
      const outcome = run(anonymizer, bundleOf(test));
      expect(outcome.status === 'evaluated' && outcome.signals[0]?.severity, name).toBe(severity);
    }
  });

  it('New York → Auckland in two hours: the explanation names places, times, distance and speed', () => {
    const test = testsOf('Standard.ImpossibleTravel.Login').find(
      (t) => t.name === 'Okta sign-in with history and impossible travel',
    )!;
    const outcome = run(impossibleTravel, bundleOf(test));
    expect(outcome.status === 'evaluated' && outcome.signals[0]?.explanation).toBe(
      'Two logins 14,190 km apart came 124 minutes apart, faster than any flight. ' +
        'a sign-in from New York City, US at 2023-05-26 18:14 UTC then 12.12.12.12 (Auckland, NZ) at 2023-05-26 20:18 UTC: ' +
        '14,190 km in 2 h 4 min ≈ 6,870 km/h. The limit is 1,000 km/h.',
    );
  });

  it('our limit is 1,000 km/h where Panther’s is 900: a 950 km/h pair is Panther’s alert, not ours', () => {
    const test = testsOf('Standard.ImpossibleTravel.Login').find(
      (t) => t.name === 'Okta sign-in with history and impossible travel',
    )!;
    const bundle = bundleOf(test);
    const logins = bundle.logins!;
    // New York → Auckland is 14,194 km; place the earlier sign-in so the pair runs at about 950 km/h.
    const slower = { ...bundle, logins: [{ ...logins[0]!, at: '2023-05-26T05:22:00Z' }, logins[1]!] };
    expect(fired(run(impossibleTravel, slower))).toBe(false);
    const panther = parsePolicy({ network: { maxTravelKmh: 900 } });
    if (!panther.ok) throw new Error('policy');
    expect(fired(run(impossibleTravel, slower, panther.policy))).toBe(true);
  });
});

describe('Panther Standard.SignInFromRogueState → network.high-risk-country', () => {
  checkRule('Standard.SignInFromRogueState', highRiskCountry, {
    'Azure - Rogue State Sign-In':
      'the record is a ServicePrincipalSignInLogs entry — an application signing in, not a person — which our Entra reader skips',
  });

  const okta = () =>
    testsOf('Standard.SignInFromRogueState').find((t) => t.name === 'Okta - Rogue State Sign-In')!;

  it('KP is in our default set (critical); IR is in Panther’s default but ours only when added to the policy', () => {
    const inCountry = (code: string) => {
      const bundle = bundleOf(okta());
      return { ...bundle, logins: bundle.logins!.map((l) => ({ ...l, country: code, city: 'somewhere' })) };
    };
    const kp = run(highRiskCountry, inCountry('KP'));
    expect(kp.status === 'evaluated' && kp.signals[0]?.severity).toBe('critical');
    expect(fired(run(highRiskCountry, inCountry('IR')))).toBe(false);
    const withIran = parsePolicy({
      network: {
        highRiskCountries: {
          KP: { severity: 'critical', exceptWhenClaimed: false },
          CN: { severity: 'high' },
          RU: { severity: 'high' },
          IR: { severity: 'high' },
        },
      },
    });
    if (!withIran.ok) throw new Error('policy');
    expect(fired(run(highRiskCountry, inCountry('IR'), withIran.policy))).toBe(true);
  });

  it('Russia does not count against a person who says they live in Russia (connection, not nationality)', () => {
    const bundle = bundleOf(okta());
    const inRussia = { ...bundle, subject: { ...bundle.subject, claimedLocation: { country: 'RU' } } };
    expect(fired(run(highRiskCountry, inRussia))).toBe(false);
  });
});

describe('Panther Okta.Anonymizing.VPN.Login → network.anonymizer', () => {
  const FAILED =
    'the test event is a failed sign-in (outcome FAILURE); we count successful sign-ins only, since failed attempts through anonymizers are usually someone else trying the account';
  checkRule('Okta.Anonymizing.VPN.Login', anonymizer, {
    'Anonymizing Proxy Used': FAILED,
    'Apple Private Relay Used': FAILED,
  });

  it('the same events as successful sign-ins fire: a flagged proxy low, Apple Private Relay low at most', () => {
    for (const name of ['Anonymizing Proxy Used', 'Apple Private Relay Used']) {
      const test = testsOf('Okta.Anonymizing.VPN.Login').find((t) => t.name === name)!;
      const outcome = run(anonymizer, bundleOf(test, { outcome: 'success' }));
      expect(outcome.status === 'evaluated' && outcome.signals[0]?.severity, name).toBe('low');
    }
    const other = testsOf('Okta.Anonymizing.VPN.Login').find((t) => t.name === 'Other Event')!;
    expect(fired(run(anonymizer, bundleOf(other, { outcome: 'success' })))).toBe(false);
  });
});
