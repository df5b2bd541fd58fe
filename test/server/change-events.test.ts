// Change events over HTTP, on SQLite and PostgreSQL: the webhook with its Idempotency-Key (a retry answers the
// stored answer, another body with the same key is 409, keys expire after 7 days), the CSV import, and the
// problems a payroll integrator sees (a wrong IBAN checksum, an unknown subject), with nothing half-stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubject } from '../../src/services/create-subject.ts';
import { dialects } from '../db.ts';
import { buildBundle } from '../services/factories.ts';
import { recruiter as recruiterActor } from '../services/helpers.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

type Result = {
  received: number;
  replayed: boolean;
  subjects: { id: string; changes: number; payments: number; band: string | null }[];
};
type Problem = { title?: string; detail?: string; problems?: { path: string; message: string }[] };

const enrolment = {
  subjectId: 'emp-0101',
  kind: 'bank_account',
  at: '2026-02-16T10:00:00-05:00',
  to: {
    bank: 'RBC Royal Bank',
    transit: '00102',
    institution: '003',
    accountNumber: '1234567',
    holder: 'Daniel Moreau',
  },
};
const toLithuania = {
  email: 'EMP-0101@example.com',
  kind: 'bank_account',
  at: '2026-03-04T09:00:00-05:00',
  from: enrolment.to,
  to: {
    iban: 'LT12 1000 0111 0100 1000',
    bic: 'REVOLT21',
    holder: 'Daniel Moreau',
    bank: 'Revolut Bank UAB',
  },
};

for (const dialect of dialects) {
  describe(`change events over HTTP (${dialect})`, () => {
    let t: TestServer;
    let token: Client;
    let viewer: Client;

    const send = (body: unknown, key?: string, client = token) =>
      client.request('/api/v1/events/changes', {
        method: 'POST',
        json: body,
        headers: key === undefined ? {} : { 'idempotency-key': key },
      });
    const bundleOf = async (id: string) =>
      (
        (await (await token.request(`/api/v1/subjects/${id}`)).json()) as {
          bundle: Record<string, unknown[]>;
        }
      ).bundle;

    beforeAll(async () => {
      t = await createTestServer(dialect);
      token = await t.withToken('recruiter');
      viewer = await t.withToken('viewer');
      await createSubject(t.app, recruiterActor, {
        ...buildBundle({ id: 'emp-0101', name: 'Daniel Moreau' }),
        subject: {
          ...buildBundle({ id: 'emp-0101', name: 'Daniel Moreau' }).subject,
          kind: 'employee',
          startDate: '2026-03-02',
        },
      });
      await createSubject(t.app, recruiterActor, buildBundle({ id: 'emp-0102', name: 'Mina Park' }));
    });
    afterAll(() => t.close());

    it('stores an array of events (subject by id and by email), re-assesses, and replays a retry', async () => {
      const res = await send([enrolment, toLithuania], 'hris-delivery-1');
      expect(res.status).toBe(200);
      const body = (await res.json()) as Result;
      expect(body).toMatchObject({ received: 2, replayed: false });
      expect(body.subjects).toEqual([expect.objectContaining({ id: 'emp-0101', changes: 2, payments: 0 })]);
      const bundle = await bundleOf('emp-0101');
      expect(bundle.changes).toHaveLength(2);
      expect(bundle.changes![1]).toMatchObject({
        field: 'bank_account',
        to: { iban: 'LT121000011101001000', bic: 'REVOLT21' },
      });
      const detail = (await (await token.request('/api/v1/subjects/emp-0101')).json()) as {
        assessment: { signals: { id: string }[] };
      };
      const ids = detail.assessment.signals.map((s) => s.id);
      expect(ids).toEqual(
        expect.arrayContaining(['payments.foreign-account', 'payments.platform-transfers']),
      );

      const again = await send([enrolment, toLithuania], 'hris-delivery-1');
      expect(again.status).toBe(200);
      expect((await again.json()) as Result).toMatchObject({ received: 2, replayed: true });
      expect(await bundleOf('emp-0101')).toHaveProperty('changes.length', 2);
    });

    it('refuses the same key with another body (409) and a delivery without a key', async () => {
      const other = await send({ ...enrolment, at: '2026-02-17T10:00:00-05:00' }, 'hris-delivery-1');
      expect(other.status).toBe(409);
      expect(((await other.json()) as Problem).detail ?? '').toMatch(/already used with another body/);
      const none = await send(enrolment);
      expect(none.status).toBe(422);
      expect(JSON.stringify(await none.json())).toContain('Idempotency-Key');
    });

    it('names a wrong IBAN checksum and an unknown subject per event, and stores nothing', async () => {
      const bad = await send(
        [
          { ...toLithuania, email: undefined, subjectId: 'emp-0102', to: { iban: 'DE89370400440532013001' } },
          { ...enrolment, kind: 'salary' },
        ],
        'bad-1',
      );
      expect(bad.status).toBe(422);
      const problems = ((await bad.json()) as Problem).problems ?? [];
      expect(problems).toEqual(
        expect.arrayContaining([
          { path: '[0].to.iban', message: expect.stringMatching(/check digits do not match/) },
          { path: '[1].kind', message: expect.stringMatching(/"salary" is not a kind/) },
        ]),
      );
      const unknown = await send(
        [
          { ...enrolment, subjectId: 'emp-0102' },
          { ...enrolment, subjectId: 'nobody' },
        ],
        'bad-2',
      );
      expect(unknown.status).toBe(422);
      expect(((await unknown.json()) as Problem).problems).toEqual([
        { path: '[1].subjectId', message: 'no subject has the id "nobody"' },
      ]);
      expect((await bundleOf('emp-0102')).changes).toBeUndefined();
      // The refused delivery did not use up its key.
      const fixed = await send(
        { ...enrolment, subjectId: 'emp-0102', to: { ...enrolment.to, holder: 'Mina Park' } },
        'bad-2',
      );
      expect(fixed.status).toBe(200);
      expect((await bundleOf('emp-0102')).changes).toHaveLength(1);
    });

    it('forgets keys after 7 days', async () => {
      const payroll = {
        subjectId: 'emp-0102',
        kind: 'payroll_payment',
        at: '2026-03-31T12:00:00Z',
        amount: 5200,
        currency: 'CAD',
      };
      expect((await send(payroll, 'pay-1')).status).toBe(200);
      t.clock.advance(8 * 86_400_000);
      const res = await send(payroll, 'pay-1');
      expect(((await res.json()) as Result).replayed).toBe(false);
      expect((await bundleOf('emp-0102')).payments).toHaveLength(2);
    });

    it('imports a CSV file, with problems by line', async () => {
      const csv = [
        'subject_id,email,kind,at,to_line1,to_city,to_region,to_country,to_iban,to_holder,to_bank,amount,currency,description',
        ',emp-0102@example.com,shipping_address,2026-02-20T10:00:00-05:00,1 Palm Ave,Hialeah,FL,US,,,,,,',
        'emp-0102,,transfer,2026-04-02T10:00:00Z,,,,,,,,900,USD,moved to Payoneer',
      ].join('\n');
      const res = await token.request('/api/v1/events/changes/import', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: csv,
      });
      expect(res.status).toBe(200);
      expect((await res.json()) as Result).toMatchObject({
        received: 2,
        subjects: [{ id: 'emp-0102', changes: 1, payments: 1 }],
      });
      const bundle = await bundleOf('emp-0102');
      expect(bundle.changes!.at(-1)).toMatchObject({
        field: 'shipping_address',
        to: { city: 'Hialeah', region: 'FL', country: 'US', line1: '1 Palm Ave' },
      });
      expect(bundle.payments!.at(-1)).toMatchObject({
        kind: 'transfer',
        amount: 900,
        currency: 'USD',
        text: 'moved to Payoneer',
      });

      const bad = await token.request('/api/v1/events/changes/import', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: 'subject_id,kind,at,to_iban\nemp-0102,bank_account,2026-03-01T10:00:00Z,GB00NWBK60161331926819\nemp-0102,bank_account,yesterday,\n',
      });
      expect(bad.status).toBe(422);
      const problems = ((await bad.json()) as Problem).problems ?? [];
      expect(problems.map((p) => p.path)).toEqual(['line 2: to.iban', 'line 3: at']);
    });

    it('needs the subjects:write permission', async () => {
      expect((await send(enrolment, 'viewer-1', viewer)).status).toBe(403);
    });
  });
}
