// Sign-in and network intelligence in a real browser against a real server:
// set up the admin → add two candidates → import an Okta System Log export on the Network page (a
// Toronto home address, then a Pyongyang address 45 minutes later, an account nobody owns, one broken
// line and two profile updates that are not sign-ins) → see what was imported, the broken line's number
// and the skipped records with their reason → link the unknown account →
// open the candidate's sign-ins: map with dots and the travel arc, timeline, network warning signs →
// see the address both candidates share on the Network page → look up 8.8.8.8.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAdmin } from './browser.ts';
import { EXAMPLES, type RunningServer } from './server.ts';
import { openSession, type Session, SHOTS } from './session.ts';

// Rogers Cable, Toronto (DB-IP Lite: Toronto, Ontario, CA) and Star JV, Pyongyang (KP).
const TORONTO_IP = '99.224.10.20';
const PYONGYANG_IP = '175.45.176.5';
const JORDAN = { name: 'Jordan Lee', email: 'jordan.lee@acme.example' };
const SAM = { name: 'Sam Park', email: 'sam.park@acme.example' };
// Jordan's second login, seen in the logs but on nobody's record: the import reports it, we link it.
const OTHER_ACCOUNT = 'jlee.contractor@mailbox.example';

let session: Session;
let server: RunningServer;
let page: Page;
let logFile: string;
let jordanId = '';

type OktaEvent = {
  uuid: string;
  at: string;
  account: string;
  ip: string;
  result?: string;
  eventType?: string;
};

function oktaEvent(e: OktaEvent): string {
  return JSON.stringify({
    uuid: e.uuid,
    published: e.at,
    eventType: e.eventType ?? 'user.session.start',
    displayMessage: 'User login to Okta',
    severity: 'INFO',
    actor: { id: `00u-${e.account}`, type: 'User', alternateId: e.account, displayName: e.account },
    client: {
      ipAddress: e.ip,
      userAgent: {
        rawUserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        os: 'Windows',
        browser: 'CHROME',
      },
      device: 'Computer',
    },
    authenticationContext: { externalSessionId: `sess-${e.uuid}` },
    outcome: { result: e.result ?? 'SUCCESS' },
    request: { ipChain: [{ ip: e.ip, version: 'V4' }] },
    securityContext: {},
    version: '0',
  });
}

/**
 * An Okta System Log NDJSON export: 5 good events (one for nobody), on line 4 a broken record, and at the
 * end two profile updates (not sign-ins: skipped).
 */
function buildLog(): string {
  const lines = [
    oktaEvent({ uuid: 'e2e-1', at: '2026-03-02T13:05:00.000Z', account: JORDAN.email, ip: TORONTO_IP }),
    oktaEvent({ uuid: 'e2e-2', at: '2026-03-02T13:20:00.000Z', account: JORDAN.email, ip: TORONTO_IP }),
    oktaEvent({ uuid: 'e2e-3', at: '2026-03-02T14:05:00.000Z', account: JORDAN.email, ip: PYONGYANG_IP }),
    '{"uuid": "e2e-broken", "published": "2026-03-02T14:06:00.000Z", "eventType": ',
    oktaEvent({ uuid: 'e2e-4', at: '2026-03-02T15:30:00.000Z', account: SAM.email, ip: PYONGYANG_IP }),
    oktaEvent({ uuid: 'e2e-5', at: '2026-03-02T16:10:00.000Z', account: OTHER_ACCOUNT, ip: PYONGYANG_IP }),
    ...['e2e-6', 'e2e-7'].map((uuid) =>
      oktaEvent({
        uuid,
        at: '2026-03-02T16:20:00.000Z',
        account: JORDAN.email,
        ip: TORONTO_IP,
        eventType: 'user.account.update_profile',
      }),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  session = await openSession();
  ({ server, page } = session);
  logFile = path.join(SHOTS, 'okta-system-log.ndjson');
  writeFileSync(logFile, buildLog());
}, 90_000);

afterAll(async () => {
  await session?.close();
});

/** Adds a candidate through the "Add" dialog and returns their id (from the page the app opens). */
async function addCandidate(
  person: { name: string; email: string },
  claimsToronto: boolean,
): Promise<string> {
  await page.goto(`${server.baseUrl}/subjects/new`);
  await page.getByTestId('add-candidate-form').waitFor();
  await page.getByTestId('candidate-name').fill(person.name);
  await page.getByTestId('candidate-email').fill(person.email);
  if (claimsToronto) {
    await page.getByTestId('candidate-city').fill('Toronto');
    await page.getByTestId('candidate-country').fill('Canada');
    await page.getByRole('option', { name: 'Canada (CA)' }).click();
  }
  await page.getByTestId('add-candidate-submit').click();
  await page.waitForURL(/\/subjects\/(?!new)[^/?]+$/, { timeout: 30_000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
  expect(id).toMatch(/^cand-/);
  return id;
}

/** A full-page screenshot from the top, so the fixed header does not cover the page's middle. */
async function fullPageShot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

describe('sign-in and network intelligence', () => {
  it('sets up the admin and adds two candidates with their work emails', async () => {
    await setUpAdmin(page, server.setupLink);
    jordanId = await addCandidate(JORDAN, true);
    await addCandidate(SAM, false);
  }, 90_000);

  it('imports an Okta log on the Network page and reports counts, the broken line and the unknown account', async () => {
    await page.getByRole('link', { name: 'Network' }).first().click();
    await page.getByTestId('login-import-panel').waitFor();
    expect(await page.getByTestId('login-format-help').textContent()).toContain('picks the format');

    await page.getByTestId('login-file-input').setInputFiles(logFile);
    const result = page.locator('[data-testid="login-import-result"][data-status="done"]');
    await result.waitFor({ timeout: 60_000 });

    expect(await result.getByTestId('count-imported').getAttribute('data-value')).toBe('5');
    expect(await result.getByTestId('count-malformed').getAttribute('data-value')).toBe('1');
    expect(await result.getByTestId('count-skipped').getAttribute('data-value')).toBe('2');
    expect(await result.getByTestId('count-matched').getAttribute('data-value')).toBe('4');
    expect(await result.getByTestId('count-unmatched').getAttribute('data-value')).toBe('1');
    const problems = result.getByTestId('login-import-problem');
    expect(await problems.count()).toBe(1);
    expect(await problems.first().getAttribute('data-line')).toBe('4');
    expect(await problems.first().textContent()).toMatch(/^Line 4: /);
    // the profile updates are skipped as not sign-ins, with their reason, apart from the broken line
    const skipped = result.getByTestId('login-import-skipped');
    expect(await skipped.textContent()).toContain('2 records skipped (not sign-ins)');
    const reasons = result.getByTestId('login-import-skipped-reason');
    expect(await reasons.count()).toBe(1);
    expect(await reasons.first().getAttribute('data-count')).toBe('2');
    expect(await reasons.first().textContent()).toBe(
      'Okta event type user.account.update_profile is not a sign-in: 2',
    );
    expect(await result.getByTestId('login-import-no-signins').count()).toBe(0);

    const unmatched = result.locator(`[data-testid="unmatched-account"][data-account="${OTHER_ACCOUNT}"]`);
    expect(await unmatched.count()).toBe(1);
    expect(await unmatched.textContent()).toContain(OTHER_ACCOUNT);
    await fullPageShot('network-import.png');
  }, 90_000);

  it('links the unknown account to Jordan', async () => {
    const row = page
      .getByTestId('import-unmatched-accounts')
      .locator(`[data-testid="unmatched-account"][data-account="${OTHER_ACCOUNT}"]`);
    await row.getByTestId('link-subject-select').fill('Jordan');
    await page.getByRole('option', { name: new RegExp(`${JORDAN.name} \\(${jordanId}\\)`) }).click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/logins/accounts') && r.request().method() === 'POST', {
        timeout: 30_000,
      }),
      row.getByTestId('link-account').click(),
    ]);
    expect(response.status(), await response.text()).toBe(200);
    expect(await response.json()).toEqual({ account: OTHER_ACCOUNT, subjectId: jordanId, events: 1 });
    await row.getByTestId('account-linked').waitFor({ timeout: 30_000 });
  }, 60_000);

  it('shows Jordan’s sign-ins: map with both places and the travel arc, timeline, and network warning signs', async () => {
    await page.goto(`${server.baseUrl}/subjects/${encodeURIComponent(jordanId)}?tab=signins`);
    const section = page.getByTestId('signins-section');
    await section.waitFor({ timeout: 30_000 });
    // 3 own sign-ins plus the linked account's one.
    expect(await page.getByTestId('signins-summary').textContent()).toMatch(
      /^4 sign-ins from 2 internet addresses in 2 countries/,
    );

    const dots = page.getByTestId('map-dot');
    const countries = await dots.evaluateAll((els) => els.map((e) => e.getAttribute('data-country')).sort());
    expect(countries).toEqual(['CA', 'KP']);
    expect(await page.locator('[data-testid="map-dot"][data-country="KP"]').getAttribute('data-count')).toBe(
      '2',
    );
    // Hovering a place shows what came from there, address by address.
    await page.locator('[data-testid="map-dot"][data-country="KP"]').hover();
    expect(await page.getByTestId('map-tooltip').textContent()).toContain(
      `${PYONGYANG_IP} — Home or office internet (Star Joint Venture Co. Ltd.), 2×`,
    );
    await page.mouse.move(0, 0);
    await page.getByTestId('map-tooltip').waitFor({ state: 'detached' });
    expect(await page.getByTestId('map-claimed-country').count()).toBe(1);
    const arc = page.getByTestId('map-travel-arc');
    expect(await arc.count()).toBe(1);
    // Toronto → Pyongyang is about 10,500 km; in an hour that is far beyond any airliner.
    expect(Number(await arc.getAttribute('data-kmh'))).toBeGreaterThan(5000);
    expect(await page.getByTestId('map-travel-label').first().textContent()).toMatch(/km\/h$/);
    expect(await page.getByTestId('dbip-attribution').first().textContent()).toBe('IP Geolocation by DB-IP');

    const rows = await page
      .getByTestId('timeline-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-ip')));
    expect(rows).toEqual([TORONTO_IP, PYONGYANG_IP]);
    expect(await page.getByTestId('timeline-event').count()).toBe(4);

    const signals = await page
      .getByTestId('network-signals')
      .getByTestId('network-signal')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-signal-id')));
    expect(signals).toEqual(
      expect.arrayContaining(['network.impossible-travel', 'network.high-risk-country']),
    );
    const travel = page.locator('[data-testid="network-signal"][data-signal-id="network.impossible-travel"]');
    expect(await travel.getByTestId('travel-pair').first().textContent()).toContain(PYONGYANG_IP);

    expect(await page.getByTestId('signin-row').count()).toBe(4);
    await fullPageShot('network-subject.png');
    await page.getByTestId('signin-map').screenshot({ path: path.join(SHOTS, 'network-map.png') });
  }, 60_000);

  it('lists the address Jordan and Sam share on the Network page, with Jordan among the anomalies', async () => {
    await page.getByRole('link', { name: 'Network' }).first().click();
    const shared = page.locator(`[data-testid="shared-egress-row"][data-ip="${PYONGYANG_IP}"]`);
    await shared.waitFor({ timeout: 30_000 });
    const names = await shared.getByTestId('shared-egress-subject').allInnerTexts();
    expect(names.sort()).toEqual([JORDAN.name, SAM.name]);
    const jordan = page.locator(`[data-testid="network-anomaly"][data-subject-id="${jordanId}"]`);
    expect(
      await jordan
        .getByTestId('anomaly-signal')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-signal-id'))),
    ).toEqual(expect.arrayContaining(['network.impossible-travel', 'network.high-risk-country']));
    expect(await page.getByTestId('count-events').getAttribute('data-value')).toBe('5');
  }, 60_000);

  it('looks up 8.8.8.8 offline', async () => {
    await page.getByTestId('ip-lookup-input').fill('8.8.8.8');
    await page.getByTestId('ip-lookup-submit').click();
    const result = page.locator('[data-testid="ip-lookup-result"][data-ip="8.8.8.8"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getByTestId('ip-lookup-place').textContent()).toContain('United States');
    expect(await result.getByTestId('ip-lookup-network').textContent()).toMatch(/Google/i);
    expect(await result.getByTestId('dbip-attribution').textContent()).toBe('IP Geolocation by DB-IP');
    await fullPageShot('network-page.png');
  }, 60_000);

  it('creates the Okta Event Hook secret in Settings → Integrations, shown once', async () => {
    const hooks = async () =>
      page.evaluate(async () => {
        const res = await fetch('/api/v1/hooks', { credentials: 'same-origin' });
        return { status: res.status, body: (await res.json()) as { okta: { secretSet: boolean } } };
      });
    expect((await hooks()).body.okta.secretSet).toBe(false);

    await page.goto(`${server.baseUrl}/settings?tab=integrations`);
    const panel = page.getByTestId('integrations-settings');
    await panel.getByTestId('okta-hook').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('okta-hook-url').textContent()).toBe(
      `${server.baseUrl}/api/v1/hooks/okta`,
    );
    expect(await panel.getByTestId('logins-hook-curl').textContent()).toContain(
      `curl -X POST '${server.baseUrl}/api/v1/hooks/logins'`,
    );
    expect(await panel.getByTestId('okta-secret-status').getAttribute('data-set')).toBe('false');
    await panel.getByTestId('okta-secret-create').click();

    const secret = panel.getByTestId('okta-secret-value');
    await secret.waitFor({ timeout: 30_000 });
    const value = (await secret.textContent()) ?? '';
    expect(value).toMatch(/^gcoh_\S{20,}$/);
    await panel.locator('[data-testid="okta-secret-status"][data-set="true"]').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('okta-secret-create').textContent()).toBe('Replace secret');
    const status = await hooks();
    expect(status.status).toBe(200);
    expect(status.body.okta.secretSet).toBe(true);
    // the secret Okta will send is the one shown: the hook's verification answers with it
    const verified = await fetch(`${server.baseUrl}/api/v1/hooks/okta`, {
      headers: { authorization: value, 'x-okta-verification-challenge': 'e2e-challenge' },
    });
    expect(await verified.json()).toEqual({ verification: 'e2e-challenge' });
    await fullPageShot('settings-integrations.png');

    // Shown once: after "I have copied it" (or coming back) it is gone, and the API never returns it.
    await panel.getByRole('button', { name: 'I have copied it' }).click();
    expect(await panel.getByTestId('okta-secret-value').count()).toBe(0);
    await page.reload();
    await panel.getByTestId('okta-hook').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('okta-secret-value').count()).toBe(0);
    expect(JSON.stringify((await hooks()).body)).not.toContain(value);

    // Replacing asks first; cancelling keeps the secret that works.
    await panel.getByTestId('okta-secret-create').click();
    await page.getByTestId('okta-secret-replace').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await panel.getByTestId('okta-secret-value').count()).toBe(0);
    const still = await fetch(`${server.baseUrl}/api/v1/hooks/okta`, {
      headers: { authorization: value, 'x-okta-verification-challenge': 'again' },
    });
    expect(still.status).toBe(200);
  }, 60_000);

  it('names the data sources and their licences on the About page', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('about-link').click();
    const city = page.locator('[data-testid="ip-database"][data-id="dbip-city"]');
    await city.waitFor({ timeout: 30_000 });
    expect(await city.textContent()).toContain('CC BY 4.0');
    expect(await city.textContent()).toContain('IP Geolocation by DB-IP');
    expect(await page.locator('[data-testid="ip-database"][data-id="asn"]').count()).toBe(1);
    expect(await page.getByTestId('about-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    await fullPageShot('network-about.png');
  }, 60_000);

  it('maps a case bundle’s own sign-ins too (the example infiltrator: Shenyang and a US data centre)', async () => {
    await page.goto(`${server.baseUrl}/import`);
    await page
      .getByTestId('import-file-input')
      .setInputFiles(path.join(EXAMPLES, '02-clear-infiltrator.json'));
    await page.locator('[data-testid="import-result"][data-status="created"]').waitFor({ timeout: 30_000 });
    await page.goto(`${server.baseUrl}/subjects/emp-0207?tab=signins`);
    await page.getByTestId('signins-section').waitFor({ timeout: 30_000 });
    // 32 entries in the bundle's logins[], none imported from a log; placed once every lookup answered.
    await expect
      .poll(
        () =>
          page
            .getByTestId('map-dot')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-country')).sort()),
        {
          timeout: 30_000,
        },
      )
      .toEqual(['CN', 'US']);
    expect(await page.getByTestId('signins-summary').textContent()).toMatch(
      /^32 sign-ins from 3 internet addresses in 2 countries.*They come from the case bundle\.$/,
    );
    const shenyang = page.locator('[data-testid="map-dot"][data-country="CN"]');
    expect(await shenyang.getAttribute('data-count')).toBe('22');
    expect(await page.locator('[data-testid="map-dot"][data-country="US"]').getAttribute('data-kind')).toBe(
      'hosting',
    );
    expect(await page.getByTestId('map-claimed-country').count()).toBe(1);
    await page.getByTestId('signin-map').screenshot({ path: path.join(SHOTS, 'network-map-bundle.png') });
  }, 60_000);
});
