// Okta System Log events as the API exports them (one JSON object per line), built from real address
// ranges: Toronto (Rogers), Pyongyang (Star JV, 175.45.176.0/22), Frankfurt hosting. For sign-in tests.
import { writeFileSync } from 'node:fs';

export type OktaEventInput = {
  uuid: string;
  published: string;
  login: string;
  ip: string;
  city?: string;
  state?: string;
  country?: string;
  lat?: number;
  lon?: number;
  sessionId?: string;
  result?: 'SUCCESS' | 'FAILURE';
  isProxy?: boolean;
  eventType?: string;
};

/** One `user.session.start` event in the Okta System Log API shape. */
export function oktaEvent(e: OktaEventInput): Record<string, unknown> {
  const geo = {
    city: e.city ?? null,
    state: e.state ?? null,
    country: e.country ?? null,
    postalCode: null,
    geolocation: e.lat === undefined ? null : { lat: e.lat, lon: e.lon },
  };
  return {
    actor: {
      id: `00u${e.login.replace(/\W/g, '').slice(0, 12)}`,
      type: 'User',
      alternateId: e.login,
      displayName: e.login.split('@')[0],
      detailEntry: null,
    },
    client: {
      userAgent: {
        rawUserAgent:
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
        os: 'Mac OS X',
        browser: 'CHROME',
      },
      zone: 'null',
      device: 'Computer',
      id: null,
      ipAddress: e.ip,
      geographicalContext: geo,
    },
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      externalSessionId: e.sessionId ?? `102${e.uuid.slice(0, 8)}`,
    },
    displayMessage: 'User login to Okta',
    eventType: e.eventType ?? 'user.session.start',
    outcome: { result: e.result ?? 'SUCCESS', reason: null },
    published: e.published,
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: e.isProxy ?? false },
    severity: 'INFO',
    debugContext: {
      debugData: { requestId: `req-${e.uuid}`, requestUri: '/idp/idx/identify', url: '/idp/idx/identify?' },
    },
    legacyEventType: 'core.user_auth.login_success',
    transaction: { type: 'WEB', id: `tx-${e.uuid}`, detail: {} },
    uuid: e.uuid,
    version: '0',
    request: { ipChain: [{ ip: e.ip, geographicalContext: geo, version: 'V4', source: null }] },
    target: null,
  };
}

export const TORONTO = { city: 'Toronto', state: 'Ontario', country: 'Canada', lat: 43.6532, lon: -79.3832 };
export const PYONGYANG = {
  city: 'Pyongyang',
  state: 'Pyongyang',
  country: 'North Korea',
  lat: 39.0339,
  lon: 125.7543,
};

/** Writes the events as NDJSON (plus raw extra lines, e.g. a malformed one) and returns the path. */
export function writeNdjson(path: string, lines: (Record<string, unknown> | string)[]): string {
  writeFileSync(path, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return path;
}
