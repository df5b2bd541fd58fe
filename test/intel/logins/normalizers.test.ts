// The normalisers against real provider records: Elastic's raw Entra and Google Workspace samples, and the
// test logs of Panther's Okta, Azure, GSuite and Standard sign-in rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countryToIso } from '../../../src/intel/logins/country.ts';
import type { LoginEvent, NormalizeResult } from '../../../src/intel/logins/model.ts';
import { normalizeEntraSignIn } from '../../../src/intel/logins/normalize-entra.ts';
import { normalizeGenericEvent } from '../../../src/intel/logins/normalize-generic.ts';
import { normalizeGoogleActivity } from '../../../src/intel/logins/normalize-google.ts';
import { normalizeOktaEvent } from '../../../src/intel/logins/normalize-okta.ts';
import {
  collect,
  ENTRA_SAMPLE,
  eventsOf,
  findPanther,
  GOOGLE_SAMPLE,
  type PantherTest,
  pantherLogs,
  problemsOf,
  skippedOf,
} from './helpers.ts';

function only(result: NormalizeResult): LoginEvent {
  if (!result.ok) throw new Error(`expected an event, got: ${result.reason}`);
  expect(result.events).toHaveLength(1);
  return result.events[0] as LoginEvent;
}

function normalizeByLogType(test: PantherTest): NormalizeResult | undefined {
  if (test.logType === 'Okta.SystemLog') return normalizeOktaEvent(test.log);
  if (test.logType === 'Azure.Audit') return normalizeEntraSignIn(test.log);
  if (test.logType === 'GSuite.ActivityEvent') return normalizeGoogleActivity(test.log);
  return undefined;
}

describe('Elastic raw Entra ID sign-in sample (Azure diagnostic settings / Event Hub records)', () => {
  it('imports the user sign-ins and skips the application sign-ins (not problems), naming why', async () => {
    const items = await collect(readFileSync(ENTRA_SAMPLE));
    expect(items.map((i) => i.kind)).toEqual(['event', 'event', 'skipped', 'skipped', 'skipped']);
    expect(problemsOf(items)).toEqual([]);
    expect(skippedOf(items)).toEqual([
      {
        line: 3,
        reason: "Entra ServicePrincipalSignInLogs record: an application's sign-in, not a person's",
      },
      {
        line: 4,
        reason: "Entra MicrosoftServicePrincipalSignInLogs record: an application's sign-in, not a person's",
      },
      {
        line: 5,
        reason: "Entra ManagedIdentitySignInLogs record: an application's sign-in, not a person's",
      },
    ]);
    const [interactive, nonInteractive] = eventsOf(items);
    expect(interactive).toEqual({
      source: 'entra',
      eventId: '8a4de8b5-095c-47d0-a96f-a75130c61d53',
      at: '2019-10-18T09:45:48.072Z',
      account: 'test@elastic.co',
      accountName: 'Test LTest',
      ip: '81.2.69.144',
      outcome: 'challenge',
      eventType: 'SignInLogs',
      app: 'Office 365',
      device: 'MacOs · Chrome 77.0.3865',
      reported: {
        country: 'FR',
        region: 'Seine-Et-Marne',
        city: 'Champs-Sur-Marne',
        lat: 48.12341234,
        lon: 2.12341234,
      },
    });
    expect(nonInteractive).toMatchObject({ eventType: 'NonInteractiveUserSignInLogs', outcome: 'challenge' });
    // The sample reuses one id for every record; real Entra ids are unique per sign-in.
    expect(nonInteractive?.eventId).toBe(interactive?.eventId);
  });

  it('reads the Graph signIn resource itself (properties unwrapped) the same way', () => {
    const record = JSON.parse(readFileSync(ENTRA_SAMPLE, 'utf8').split('\n')[0] as string) as {
      properties: Record<string, unknown>;
    };
    const fromGraph = only(normalizeEntraSignIn(record.properties));
    const fromDiagnostics = only(normalizeEntraSignIn(record));
    expect(fromGraph).toEqual({ ...fromDiagnostics, eventType: 'nonInteractiveSignIn' });
  });
});

describe('Log Analytics (Sentinel) SigninLogs rows', () => {
  it('reads PascalCase columns, dynamic columns given as JSON text, and the AAD table prefix', () => {
    const row = {
      TenantId: '8a4de8b5-095c-47d0-a96f-a75130c61d53',
      TimeGenerated: '2024-05-01T09:30:12.345Z',
      CreatedDateTime: '2024-05-01T09:30:11.000Z',
      Id: '6f3d1c2b-0000-4000-8000-00000000c0de',
      UserPrincipalName: 'Dana.Lee@Contoso.com',
      UserDisplayName: 'Dana Lee',
      AppDisplayName: 'Microsoft Teams',
      IPAddress: '175.45.176.3',
      ResultType: '50126',
      LocationDetails:
        '{"city":"Pyongyang","state":"Pyongyang","countryOrRegion":"KP","geoCoordinates":{"latitude":39.03,"longitude":125.75}}',
      DeviceDetail: { deviceId: '', operatingSystem: 'Windows 10', browser: 'Edge 124.0.0' },
      Status: { errorCode: 50126, failureReason: 'Invalid username or password.' },
      RiskLevelDuringSignIn: 'medium',
      Type: 'SigninLogs',
    };
    expect(only(normalizeEntraSignIn(row))).toEqual({
      source: 'entra',
      eventId: '6f3d1c2b-0000-4000-8000-00000000c0de',
      at: '2024-05-01T09:30:11.000Z',
      account: 'dana.lee@contoso.com',
      accountName: 'Dana Lee',
      ip: '175.45.176.3',
      outcome: 'failure',
      eventType: 'SignInLogs',
      app: 'Microsoft Teams',
      device: 'Windows 10 · Edge 124.0.0',
      reported: {
        country: 'KP',
        region: 'Pyongyang',
        city: 'Pyongyang',
        lat: 39.03,
        lon: 125.75,
        risk: 'medium',
      },
    });
    expect(normalizeEntraSignIn({ ...row, Type: 'AADServicePrincipalSignInLogs' })).toEqual({
      ok: false,
      reason: "Entra ServicePrincipalSignInLogs record: an application's sign-in, not a person's",
      skip: true,
    });
    // a sign-in row without any time is broken, not skipped
    const { TimeGenerated: _t, CreatedDateTime: _c, ...timeless } = row;
    expect(normalizeEntraSignIn(timeless)).toEqual({
      ok: false,
      reason: 'Entra sign-in without a time (createdDateTime)',
    });
  });
});

describe('Elastic raw Google Workspace login sample (Reports API activities)', () => {
  it('imports the sign-in events and skips the account warnings (not problems), naming why', async () => {
    const items = await collect(readFileSync(GOOGLE_SAMPLE));
    expect(items).toHaveLength(17);
    expect(problemsOf(items)).toEqual([]);
    expect(skippedOf(items).map((p) => p.line)).toEqual([1, 5, 6, 7, 8, 9, 16]);
    expect(skippedOf(items)[0]?.reason).toBe(
      'Google login event account_disabled_password_leak is not a sign-in',
    );
    expect(skippedOf(items).at(-1)?.reason).toBe(
      'Google login event risky_sensitive_action_allowed is not a sign-in',
    );
    const events = eventsOf(items);
    expect(events.map((e) => [e.eventType, e.outcome])).toEqual([
      ['suspicious_login', 'unknown'],
      ['suspicious_login_less_secure_app', 'unknown'],
      ['suspicious_programmatic_login', 'unknown'],
      ['login_failure', 'failure'],
      ['login_challenge', 'challenge'],
      ['login_verification', 'challenge'],
      ['logout', 'success'],
      ['login_success', 'success'],
      ['login_success', 'success'],
      ['login_verification', 'challenge'],
    ]);
    // A suspicious-login warning is about the affected account, at the login's own time (µs timestamp).
    expect(events[0]).toEqual({
      source: 'google',
      eventId: '1:2020-10-02T15:00:00Z:suspicious_login',
      at: '2020-07-02T13:08:25.123Z',
      account: 'foo@elastic.co',
      ip: '67.43.156.13',
      outcome: 'unknown',
      eventType: 'suspicious_login',
      reported: { risk: 'suspicious' },
    });
    expect(events[7]?.reported).toBeUndefined();
    expect(events[8]?.reported).toEqual({ risk: 'suspicious' });
    expect(events[9]).toMatchObject({
      eventId: '123:2025-02-27T05:59:58.481Z:login_verification',
      at: '2025-02-27T05:59:58.481Z',
      account: 'tl.zeous.daclitan@company.com',
      ip: '81.2.69.144',
    });
  });

  it('gives one event per sign-in event of a multi-event activity (Reports API arrays)', () => {
    const result = normalizeGoogleActivity({
      kind: 'admin#reports#activity',
      id: {
        time: '2024-03-01T08:00:00.000Z',
        uniqueQualifier: '-4410',
        applicationName: 'login',
        customerId: 'C0',
      },
      actor: { email: 'Ana@Example.com', profileId: '1' },
      ipAddress: '2001:DB8::7',
      events: [
        {
          type: 'login',
          name: 'login_challenge',
          parameters: [{ name: 'login_challenge_method', value: 'totp' }],
        },
        {
          type: 'login',
          name: 'login_success',
          parameters: [
            { name: 'is_suspicious', boolValue: true },
            { name: 'login_type', value: 'google_password' },
          ],
        },
        { type: 'account_warning', name: 'account_disabled_generic' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      events: [
        expect.objectContaining({ eventType: 'login_challenge', outcome: 'challenge', ip: '2001:db8::7' }),
        expect.objectContaining({
          eventId: '-4410:2024-03-01T08:00:00.000Z:login_success',
          account: 'ana@example.com',
          reported: { risk: 'suspicious' },
        }),
      ],
    });
  });
});

describe('Panther rule-test logs (Okta, Azure, GSuite, Standard)', () => {
  const tests = pantherLogs();

  it('reads every sign-in log, skips other events and tells broken records apart (counts per provider)', () => {
    const counts = new Map<string, { events: number; skipped: number; broken: number }>();
    const skipReasons = new Set<string>();
    const brokenReasons = new Set<string>();
    for (const test of tests) {
      const result = normalizeByLogType(test);
      if (result === undefined) continue;
      const count = counts.get(test.logType) ?? { events: 0, skipped: 0, broken: 0 };
      if (result.ok) count.events += result.events.length;
      else if (result.skip === true) {
        count.skipped++;
        skipReasons.add(result.reason);
      } else {
        count.broken++;
        brokenReasons.add(result.reason);
      }
      counts.set(test.logType, count);
    }
    expect(Object.fromEntries(counts)).toEqual({
      // broken: Okta test logs with "redacted" or no time, and one that is not an Okta event at all
      'Okta.SystemLog': { events: 33, skipped: 46, broken: 8 },
      'Azure.Audit': { events: 18, skipped: 30, broken: 0 },
      // broken: Panther's flattened login events carry no id.time; one record has no events
      'GSuite.ActivityEvent': { events: 5, skipped: 16, broken: 10 },
    });
    for (const reason of skipReasons) {
      expect(reason).toMatch(
        / is not a sign-in( \(operation .+\))?$|: an application's sign-in, not a person's$/,
      );
    }
    expect(skipReasons).toContain('Okta event type user.account.reset_password is not a sign-in');
    expect(skipReasons).toContain('Google user_accounts activity is not a sign-in');
    expect(skipReasons).toContain('Entra AuditLogs record is not a sign-in (operation Add member to role)');
    expect([...brokenReasons].sort()).toEqual([
      'Google activity without events',
      'Google login_success event without a time (id.time)',
      'Google logout event without a time (id.time)',
      'Google suspicious_login event without a time (id.time)',
      'Okta user.authentication.sso event without a time (published)',
      'not an Okta System Log event (no eventType)',
      'unreadable time "redacted"',
    ]);
  });

  it('every Okta and Azure sign-in log keeps its account, address and outcome as the provider wrote them', () => {
    type OktaLog = {
      actor?: { alternateId?: string };
      client?: { ipAddress?: string };
      outcome?: { result?: string };
    };
    type AzureLog = {
      resultType?: string;
      resultSignature?: string;
      properties: {
        userPrincipalName?: string;
        ipAddress?: string;
        status?: { errorCode?: number };
        location?: { countryOrRegion?: string };
      };
    };
    const oktaOutcome: Record<string, string> = {
      SUCCESS: 'success',
      FAILURE: 'failure',
      CHALLENGE: 'challenge',
    };
    let checked = 0;
    for (const test of tests) {
      const result = normalizeByLogType(test);
      if (result === undefined || !result.ok) continue;
      const event = result.events[0] as LoginEvent;
      if (test.logType === 'Okta.SystemLog') {
        const log = test.log as OktaLog;
        expect(event.account, test.name).toBe(String(log.actor?.alternateId ?? '').toLowerCase());
        expect(event.ip, test.name).toBe(log.client?.ipAddress);
        expect(event.outcome, test.name).toBe(oktaOutcome[log.outcome?.result ?? ''] ?? 'unknown');
        checked++;
      }
      if (test.logType === 'Azure.Audit') {
        const log = test.log as AzureLog;
        const props = log.properties;
        expect(event.account, test.name).toBe(String(props.userPrincipalName).toLowerCase());
        expect(event.ip, test.name).toBe(props.ipAddress);
        const code = props.status?.errorCode ?? Number(log.resultType);
        if (code === 0 || (Number.isNaN(code) && log.resultSignature === 'SUCCESS')) {
          expect(event.outcome, test.name).toBe('success');
        } else {
          expect(['failure', 'challenge'], test.name).toContain(event.outcome);
        }
        const country = props.location?.countryOrRegion;
        if (country !== undefined) {
          // Entra writes codes; some test logs write names ("China"), which become codes too.
          expect(event.reported?.country, test.name).toBe(
            country.length === 2 ? country : countryToIso(country),
          );
          expect(event.reported?.country, test.name).toMatch(/^[A-Z]{2}$/);
        }
        checked++;
      }
    }
    expect(checked).toBe(51);
  });

  it('Okta.Anonymizing.VPN.Login: a proxy sign-in with Okta’s own geography (country name → ISO)', () => {
    const event = only(
      normalizeOktaEvent(findPanther('Okta.Anonymizing.VPN.Login', 'Anonymizing Proxy Used')),
    );
    expect(event).toEqual({
      source: 'okta',
      eventId: 'AbC-123-XyZ',
      at: '2022-06-22T18:18:29.015Z',
      account: 'homer.simpson@duff.com',
      accountName: 'Homer Simpson',
      ip: '1.3.2.4',
      outcome: 'failure',
      eventType: 'user.session.start',
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/102.0.0.0 Safari/537.36',
      device: 'Computer · Mac OS X · CHROME',
      sessionId: '100-abc-9999',
      reported: {
        country: 'US',
        region: 'Ohio',
        city: 'Springfield',
        lat: 20,
        lon: -25,
        asn: 701,
        org: 'verizon',
        isProxy: true,
      },
    });
  });

  it('Okta.Login.Success: success and failure, with the app from the target', () => {
    const success = only(normalizeOktaEvent(findPanther('Okta.Login.Success', 'Successful Login')));
    const failure = only(normalizeOktaEvent(findPanther('Okta.Login.Success', 'Failed Login')));
    expect(success).toMatchObject({
      eventId: 'aac560bd-f125-11ee-9caa-cd5d09945def',
      at: '2024-04-02T19:17:37.621Z',
      account: 'casey.hill@hey.com',
      ip: '99.108.5.25',
      outcome: 'success',
      app: 'Okta Dashboard',
      reported: {
        country: 'US',
        region: 'Georgia',
        city: 'Atlanta',
        asn: 7018,
        org: 'at&t corp.',
        isProxy: false,
      },
    });
    expect(failure.outcome).toBe('failure');
  });

  it('Standard.SignInFromRogueState: Okta writes "Russia", we keep RU and the risk level it logged', () => {
    const event = only(
      normalizeOktaEvent(findPanther('Standard.SignInFromRogueState', 'Okta - Rogue State Sign-In')),
    );
    expect(event).toMatchObject({
      account: 'dude.lightbulb@example.co',
      ip: '1.1.1.1',
      outcome: 'success',
      reported: { country: 'RU', city: 'Moscow', lat: 55.752, lon: 37.615, risk: 'low' },
    });
  });

  it('Okta: every geographicalContext country name becomes an ISO code', () => {
    const names = new Map<string, string | undefined>();
    for (const test of tests) {
      if (test.logType !== 'Okta.SystemLog') continue;
      const result = normalizeOktaEvent(test.log);
      const client = test.log.client as { geographicalContext?: { country?: string } } | undefined;
      const name = client?.geographicalContext?.country;
      if (!result.ok || name === undefined) continue;
      names.set(name, result.events[0]?.reported?.country);
    }
    expect(Object.fromEntries(names)).toEqual({
      'United States': 'US',
      Canada: 'CA',
      Russia: 'RU',
    });
  });

  it('Azure.Audit.HighRiskSignIn: a high-risk success from Moscow', () => {
    const event = only(
      normalizeEntraSignIn(findPanther('Azure.Audit.HighRiskSignIn', 'High Risk During Sign-In')),
    );
    expect(event).toMatchObject({
      at: '2025-01-15T14:23:10.123Z',
      account: 'john@justice.org',
      ip: '4.4.4.4',
      outcome: 'success',
      reported: { country: 'RU', region: 'Moscow', city: 'Moscow', lat: 55.7558, lon: 37.6173, risk: 'high' },
    });
  });

  it('Azure: error codes decide the outcome (0 success, 50053 lockout failure, interrupts are challenges)', () => {
    const lockout = only(
      normalizeEntraSignIn(
        findPanther('Azure.Audit.ExcessiveAccountLockouts', 'Account Lockout Error 50053'),
      ),
    );
    expect(lockout).toMatchObject({
      account: 'boromir@lotr.com',
      outcome: 'failure',
      reported: { country: 'RU' },
    });
    const nonInteractive = only(
      normalizeEntraSignIn(
        findPanther(
          'Azure.Audit.GraphSessionMultipleIPs',
          'Non-Interactive Sign-In via NonInteractiveUserSignInLogs Category',
        ),
      ),
    );
    expect(nonInteractive).toMatchObject({
      account: 'jane.doe@example.com',
      ip: '203.0.113.10',
      outcome: 'success',
      eventType: 'NonInteractiveUserSignInLogs',
    });
  });

  it('Azure: service-principal sign-ins and audit records are skipped with their reason, not imported', () => {
    const sp = normalizeEntraSignIn(findPanther('Azure.Audit.ManyFailedSignIns', 'Failed Sign-In'));
    expect(sp).toEqual({
      ok: false,
      reason: "Entra ServicePrincipalSignInLogs record: an application's sign-in, not a person's",
      skip: true,
    });
    const audit = normalizeEntraSignIn(findPanther('Azure.Audit.MFADisabled', 'MFA Disabled Successful'));
    expect(audit).toEqual({
      ok: false,
      reason: 'Entra AuditLogs record is not a sign-in (operation Update conditional access policy)',
      skip: true,
    });
  });

  it('GSuite: a SAML sign-in and Panther’s flattened login events', () => {
    const saml = only(normalizeGoogleActivity(findPanther('GSuite.LoginType', 'Saml Login Event')));
    expect(saml).toMatchObject({
      at: '2022-05-26T15:26:09.421Z',
      account: 'some.user@somedomain.com',
      ip: '10.10.10.10',
      outcome: 'success',
      eventType: 'login_success',
      app: 'Some SAML Application',
    });
    const failed = only(
      normalizeGoogleActivity(findPanther('Standard.BruteForceByIP', 'GSuite - Failed Login Event')),
    );
    expect(failed).toMatchObject({
      at: '2021-06-04T09:59:53.650Z',
      account: 'bob@example.com',
      ip: '111.111.111.111',
      outcome: 'failure',
    });
    expect(normalizeGoogleActivity(findPanther('GSuite.LoginType', 'Login With Approved Type'))).toEqual({
      ok: false,
      reason: 'Google login_success event without a time (id.time)',
    });
  });

  it('Standard.BruteForceByUser: Okta events from a Panther export with its own time field', () => {
    const event = only(normalizeOktaEvent(findPanther('Standard.BruteForceByUser', 'Okta - Failed Login')));
    expect(event).toMatchObject({
      at: '2021-06-04T09:59:53.650Z',
      account: 'admin',
      ip: '111.111.111.111',
      outcome: 'failure',
    });
  });
});

describe('generic events (webhook and generic NDJSON shape)', () => {
  it('normalises {at, account, ip, …} and refuses a record without a readable time', () => {
    expect(
      only(
        normalizeGenericEvent({
          at: '2024-05-01 09:30:00+02:00',
          account: ' Kim@Example.COM ',
          ip: '198.51.100.4',
          outcome: 'FAILED',
          country: 'Korea, Democratic People’s Republic of',
          sessionMinutes: '47',
        }),
      ),
    ).toEqual({
      source: 'generic',
      eventId: expect.stringMatching(/^[0-9a-f]{40}$/),
      at: '2024-05-01T07:30:00.000Z',
      account: 'kim@example.com',
      ip: '198.51.100.4',
      outcome: 'failure',
      sessionMinutes: 47,
      reported: { country: 'KP' },
    });
    expect(normalizeGenericEvent({ account: 'a@b.c' })).toEqual({ ok: false, reason: 'no time in "at"' });
    expect(normalizeGenericEvent({ at: '05/01/2024', account: 'a@b.c' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^unreadable time "05\/01\/2024" in "at" \(use ISO 8601/),
    });
  });
});
