// Alerts end to end on both databases with a fixed clock: a band rise raises one alert (deduplicated), the
// sweeper delivers it to real local receivers (Slack-style and signed webhooks over node:http, email to a local
// SMTP server), a receiver answering 500 is retried on the backoff schedule, one that stays down ends failed,
// and the daily digest lists the day's changes.
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, parseSignatureHeader, signedPayload } from '../../src/core/alerts/alerts.ts';
import { DomainError } from '../../src/core/errors.ts';
import {
  getAlertDestinations,
  listAlerts,
  markAlertRead,
  putAlertDestinations,
} from '../../src/services/alerts.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { deliverDueAlerts, queueDailyDigests, sweepAlerts } from '../../src/services/deliver-alerts.ts';
import { replaceSubjectBundle } from '../../src/services/replace-subject-bundle.ts';
import { dialects } from '../db.ts';
import { buildBundle, buildRiskyBundle } from '../services/factories.ts';
import { admin, createTestApp, recruiter, T0, type TestApp, viewer } from '../services/helpers.ts';

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

/** A local HTTP receiver: records every request; `answer` decides the status per path and call. */
async function startReceiver(answer: (path: string, nth: number) => number) {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const nth = (counts.get(path) ?? 0) + 1;
      counts.set(path, nth);
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answer(path, nth);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function startSmtp() {
  const messages: { to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const dialect of dialects) {
  describe(`alerts (${dialect})`, () => {
    let t: TestApp;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    const secrets = new Map<string, string>();
    const ids = new Map<string, string>();

    beforeAll(async () => {
      t = await createTestApp(dialect);
      // /flaky answers 500 once, then 200; /down always 500.
      receiver = await startReceiver((path, nth) =>
        path === '/down' ? 500 : path === '/flaky' && nth === 1 ? 500 : 200,
      );
      smtp = await startSmtp();
      t.app.config = {
        ...t.app.config,
        storageKey: randomBytes(32).toString('hex'),
        alerts: { smtpUrl: smtp.url, emailTo: ['security@example.com'] },
      };
    });
    afterAll(async () => {
      await receiver?.close();
      await smtp?.close();
      await t?.close();
    });

    it('lets an admin configure destinations; the signing secret is shown once and stored encrypted', async () => {
      await expect(putAlertDestinations(t.app, recruiter, [])).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        putAlertDestinations(t.app, admin, [{ kind: 'webhook', name: 'x', url: 'ftp://nope' }]),
      ).rejects.toBeInstanceOf(DomainError);
      const result = await putAlertDestinations(t.app, admin, [
        { kind: 'slack', name: 'Slack #security', url: `${receiver.url}/slack/T000/B000/XXXX` },
        { kind: 'webhook', name: 'SIEM', url: `${receiver.url}/hook` },
        { kind: 'webhook', name: 'Flaky', url: `${receiver.url}/flaky` },
        { kind: 'webhook', name: 'Down', url: `${receiver.url}/down` },
      ]);
      for (const d of result.items) {
        ids.set(d.name, d.id);
        if (d.secret) secrets.set(d.id, d.secret);
      }
      expect(result.items.map((d) => [d.kind, d.managedBy, d.secret !== undefined])).toEqual([
        ['slack', 'api', false],
        ['webhook', 'api', true],
        ['webhook', 'api', true],
        ['webhook', 'api', true],
        ['email', 'environment', false],
      ]);
      const again = await getAlertDestinations(t.app, admin);
      expect(again.items.every((d) => d.secret === undefined)).toBe(true);
      expect(again.items[0]?.urlHint).toBe(`${receiver.url}/…`);
      const stored = JSON.stringify(
        await t.app.database.db
          .selectFrom('settings')
          .selectAll()
          .where('key', '=', 'alert-destinations')
          .execute(),
      );
      expect(stored).not.toContain('/slack/T000');
      for (const s of secrets.values()) expect(stored).not.toContain(s);
    });

    it('raises one alert when the band rises, deduplicated within the window', async () => {
      await createSubject(t.app, recruiter, buildBundle({ id: 'emp-0207', name: 'Kyle Anderson' }));
      expect((await listAlerts(t.app, viewer)).items).toHaveLength(0); // first assessment: no alert
      await replaceSubjectBundle(t.app, recruiter, 'emp-0207', buildRiskyBundle());
      let inbox = await listAlerts(t.app, viewer);
      expect(inbox.unread).toBe(1);
      const alert = inbox.items[0];
      expect(alert).toMatchObject({
        kind: 'band-rise',
        subject: { id: 'emp-0207', name: 'Kyle Anderson' },
        previousBand: 'low',
        read: false,
        createdAt: T0,
      });
      expect(['elevated', 'high', 'critical']).toContain(alert?.band);
      expect(alert?.reasons.length).toBeGreaterThan(0);
      expect(alert?.deliveries.map((d) => [d.destinationName, d.status, d.attempts])).toEqual([
        ['Slack #security', 'pending', 0],
        ['SIEM', 'pending', 0],
        ['Flaky', 'pending', 0],
        ['Down', 'pending', 0],
        ['Email to security@example.com', 'pending', 0],
      ]);
      // Back to low (a fall: no alert), then the same rise again within 24 h: the same alert, not a second one.
      t.clock.advance(60 * 60 * 1000);
      await replaceSubjectBundle(
        t.app,
        recruiter,
        'emp-0207',
        buildBundle({ id: 'emp-0207', name: 'Kyle Anderson' }),
      );
      await replaceSubjectBundle(t.app, recruiter, 'emp-0207', buildRiskyBundle());
      inbox = await listAlerts(t.app, viewer);
      expect(inbox.items).toHaveLength(1);
      t.clock.set(T0);
    });

    it('delivers to Slack, a signed webhook and email; retries a 500 with backoff; fails after 8 tries', async () => {
      const outcomes = await deliverDueAlerts(t.app);
      expect(outcomes.map((o) => o.status).sort()).toEqual([
        'delivered',
        'delivered',
        'delivered',
        'retrying',
        'retrying',
      ]);

      const slack = receiver.received.find((r) => r.path.startsWith('/slack/'));
      const slackBody = JSON.parse(slack?.body ?? '{}') as { text: string; blocks: unknown[] };
      expect(slackBody.text).toContain('Kyle Anderson (emp-0207): risk rose from low to');
      expect(slackBody.blocks.length).toBeGreaterThan(1);

      const hook = receiver.received.find((r) => r.path === '/hook');
      const header = parseSignatureHeader(String(hook?.headers['x-gatecheck-signature']));
      expect(header?.t).toBe(Date.parse(T0) / 1000);
      const expected = createHmac('sha256', secrets.get(ids.get('SIEM') ?? '') ?? '')
        .update(signedPayload(header?.t ?? 0, hook?.body ?? ''))
        .digest('hex');
      expect(header?.v1).toBe(expected);
      // Signed under another destination's secret, it would not verify.
      const wrong = createHmac('sha256', secrets.get(ids.get('Flaky') ?? '') ?? '')
        .update(signedPayload(header?.t ?? 0, hook?.body ?? ''))
        .digest('hex');
      expect(header?.v1).not.toBe(wrong);
      expect(JSON.parse(hook?.body ?? '{}')).toMatchObject({
        type: 'alert',
        kind: 'band-rise',
        previousBand: 'low',
        subject: { id: 'emp-0207', url: 'http://localhost:8080/subjects/emp-0207' },
      });

      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]?.to).toEqual(['security@example.com']);
      expect(smtp.messages[0]?.data).toContain('Kyle Anderson (emp-0207): risk rose from low to');

      let flaky = (await listAlerts(t.app, viewer)).items[0]?.deliveries.find(
        (d) => d.destinationName === 'Flaky',
      );
      expect(flaky).toMatchObject({
        status: 'retrying',
        attempts: 1,
        nextAttemptAt: '2026-03-20T12:01:00.000Z',
        lastError: 'the receiver answered HTTP 500',
      });
      // Not due yet: nothing is tried.
      t.clock.set('2026-03-20T12:00:59.000Z');
      expect(await deliverDueAlerts(t.app)).toEqual([]);
      t.clock.set('2026-03-20T12:01:00.000Z');
      expect((await deliverDueAlerts(t.app)).map((o) => o.status).sort()).toEqual(['delivered', 'retrying']);
      const alert = (await listAlerts(t.app, viewer)).items[0];
      flaky = alert?.deliveries.find((d) => d.destinationName === 'Flaky');
      expect(flaky).toMatchObject({ status: 'delivered', attempts: 2, nextAttemptAt: null, lastError: null });
      expect(alert?.deliveries.find((d) => d.destinationName === 'Down')).toMatchObject({
        status: 'retrying',
        attempts: 2,
        nextAttemptAt: '2026-03-20T12:04:00.000Z', // 1 min, then 3 min
      });
      // The receiver that stays down: tries at +1, +3, +9, +27, +81, +243, +729 minutes, then failed.
      const waits: number[] = [];
      for (let i = 0; i < 20; i++) {
        const down = (await listAlerts(t.app, viewer)).items[0]?.deliveries.find(
          (d) => d.destinationName === 'Down',
        );
        if (down?.status !== 'retrying' || !down.nextAttemptAt || !down.lastAttemptAt) break;
        waits.push((Date.parse(down.nextAttemptAt) - Date.parse(down.lastAttemptAt)) / 60_000);
        t.clock.set(down.nextAttemptAt);
        await deliverDueAlerts(t.app);
      }
      expect(waits).toEqual([3, 9, 27, 81, 243, 729]);
      const down = (await listAlerts(t.app, viewer)).items[0]?.deliveries.find(
        (d) => d.destinationName === 'Down',
      );
      expect(down).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
      expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(MAX_ATTEMPTS);
    });

    it('sends one daily digest per destination with the changes of the last 24 hours', async () => {
      t.clock.set('2026-03-21T07:59:00.000Z');
      expect(await queueDailyDigests(t.app)).toBe(0); // before 08:00 UTC
      t.clock.set('2026-03-21T08:00:30.000Z');
      const before = receiver.received.length;
      const outcomes = await sweepAlerts(t.app);
      expect(outcomes).toHaveLength(5);
      expect(await queueDailyDigests(t.app)).toBe(0); // one per destination and day
      const hook = receiver.received.slice(before).find((r) => r.path === '/hook');
      const digest = JSON.parse(hook?.body ?? '{}') as {
        type: string;
        day: string;
        since: string;
        alerts: { subject: { id: string } }[];
        text: string;
      };
      expect(digest).toMatchObject({ type: 'digest', day: '2026-03-21', since: '2026-03-20T08:00:00.000Z' });
      expect(digest.alerts.map((a) => a.subject.id)).toEqual(['emp-0207']);
      expect(digest.text).toContain('Gatecheck daily digest for 2026-03-21: 1 change(s)');
      expect(smtp.messages.at(-1)?.data).toContain('Gatecheck daily digest for 2026-03-21');
      // The next day had no changes: no digest.
      t.clock.set('2026-03-22T09:00:00.000Z');
      expect(await queueDailyDigests(t.app)).toBe(0);
    });

    it('marks an alert read', async () => {
      const id = (await listAlerts(t.app, viewer)).items[0]?.id ?? '';
      await markAlertRead(t.app, viewer, id);
      const inbox = await listAlerts(t.app, viewer);
      expect(inbox.unread).toBe(0);
      expect(inbox.items[0]?.read).toBe(true);
      expect((await listAlerts(t.app, viewer, { unread: true })).items).toHaveLength(0);
      await expect(markAlertRead(t.app, viewer, 'nope')).rejects.toMatchObject({ code: 'not_found' });
    });
  });
}
