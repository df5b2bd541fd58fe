// Sign-in log imports through the services, on both dialects: a generated Okta export (matching by email
// and plus-tag, malformed lines by number, the unmatched report, idempotent re-import, linking), the real
// Elastic Entra ID and Google Workspace samples, the upload limit, the stored events in assessments, the
// subject's places and the organisation overview (shared egress with household flags).
import { createReadStream, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { listAssessments } from '../../src/adapters/db/repositories/assessments.repository.ts';
import { insertLoginEvents } from '../../src/adapters/db/repositories/login-events.repository.ts';
import {
  insertLoginImport,
  markLoginImportRunning,
} from '../../src/adapters/db/repositories/login-imports.repository.ts';
import { findSubject } from '../../src/adapters/db/repositories/subjects.repository.ts';
import type { LoginEvent } from '../../src/intel/logins/model.ts';
import { readLogins } from '../../src/intel/logins/read-logins.ts';
import type { AppContext } from '../../src/services/context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { getNetworkOverview } from '../../src/services/get-network-overview.ts';
import { importLogins, importLoginsHandler, uploadsDir } from '../../src/services/import-logins.ts';
import { loadAccountMatcher, prepareEvents } from '../../src/services/internal/logins.ts';
import { withStoredLogins } from '../../src/services/internal/stored-logins.ts';
import { linkLoginAccount } from '../../src/services/link-login-account.ts';
import { listSubjectLogins } from '../../src/services/list-subject-logins.ts';
import { listUnmatchedAccounts } from '../../src/services/list-unmatched-accounts.ts';
import { getJob } from '../../src/services/view-jobs.ts';
import { getLoginImport, type LoginImportView } from '../../src/services/view-login-imports.ts';
import { dialects } from '../db.ts';
import { buildBundle } from './factories.ts';
import { admin, createTestApp, investigator, recruiter, type TestApp, viewer } from './helpers.ts';
import { oktaEvent, PYONGYANG, TORONTO, writeNdjson } from './logins-fixtures.ts';

const SAMPLES = '/work/shared/datasets/signin-logs';

async function waitForJob(app: AppContext, id: string) {
  for (let i = 0; i < 600; i++) {
    const job = await getJob(app, admin, id);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

async function importFile(
  app: AppContext,
  file: string,
  options: { format?: 'auto' | 'okta' | 'entra' | 'google' | 'csv' | 'ndjson'; mapping?: unknown } = {},
): Promise<LoginImportView> {
  const queued = await importLogins(app, investigator, {
    fileName: file,
    format: options.format,
    mapping: options.mapping,
    body: createReadStream(file),
  });
  const job = await waitForJob(app, queued.jobId);
  const view = await getLoginImport(app, viewer, queued.importId);
  if (job.status !== 'succeeded' && view.status !== 'failed') throw new Error(`job failed: ${job.error}`);
  return view;
}

describe.each(dialects)('sign-in log imports (%s)', (dialect) => {
  let t: TestApp;
  let app: AppContext;
  const dir = mkdtempSync(join(tmpdir(), 'gc-logins-'));
  let okta = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    app = t.app;
    await createSubject(app, recruiter, buildBundle({ id: 'emp-0207', name: 'Kyle Anderson' }));
    await createSubject(
      app,
      recruiter,
      buildBundle({
        id: 'emp-0300',
        name: 'Mina Park',
        subject: {
          id: 'emp-0300',
          name: 'Mina Park',
          email: 'Mina.Park@Example.com',
          claimedLocation: { city: 'Toronto', country: 'CA' },
        },
      }),
    );
    okta = writeNdjson(join(dir, 'okta.ndjson'), [
      oktaEvent({
        uuid: 'a0000000-0000-4000-8000-000000000001',
        published: '2026-03-18T13:00:00.000Z',
        login: 'emp-0207@example.com',
        ip: '99.230.12.10',
        ...TORONTO,
      }),
      oktaEvent({
        uuid: 'a0000000-0000-4000-8000-000000000002',
        published: '2026-03-18T13:40:00.000Z',
        login: 'EMP-0207@example.com',
        ip: '175.45.176.20',
        ...PYONGYANG,
      }),
      '{"eventType": "user.session.start", "published": ',
      oktaEvent({
        uuid: 'a0000000-0000-4000-8000-000000000003',
        published: '2026-03-18T14:00:00.000Z',
        login: 'mina.park+okta@example.com',
        ip: '99.230.12.10',
        ...TORONTO,
      }),
      oktaEvent({
        uuid: 'a0000000-0000-4000-8000-000000000004',
        published: '2026-03-18T15:00:00.000Z',
        login: 'contractor@vendor.example',
        ip: '203.0.113.9',
      }),
      oktaEvent({
        uuid: 'a0000000-0000-4000-8000-000000000005',
        published: '2026-03-19T15:00:00.000Z',
        login: 'contractor@vendor.example',
        ip: '203.0.113.9',
      }),
      // the same event delivered twice in one export
      oktaEvent({
        uuid: 'a0000000-0000-4000-8000-000000000005',
        published: '2026-03-19T15:00:00.000Z',
        login: 'contractor@vendor.example',
        ip: '203.0.113.9',
      }),
      'not json at all',
    ]);
  });
  afterAll(() => t.close());

  it('imports an Okta NDJSON export: matches by email and plus-tag, reports malformed lines and unmatched accounts', async () => {
    const view = await importFile(app, okta);
    expect(view.status).toBe('done');
    expect(view.fileName).toBe('okta.ndjson');
    expect(view.counts).toEqual({
      read: 8,
      imported: 5,
      duplicates: 1,
      malformed: 2,
      skipped: 0,
      matched: 3,
      unmatched: 3,
    });
    expect(view.problems.map((p) => p.line)).toEqual([3, 8]);
    expect(view.skippedReasons).toEqual([]);
    expect(view.unmatchedAccounts).toEqual([
      {
        account: 'contractor@vendor.example',
        events: 3,
        firstAt: '2026-03-18T15:00:00.000Z',
        lastAt: '2026-03-19T15:00:00.000Z',
      },
    ]);
    expect(view.progress.bytesRead).toBe(view.progress.totalBytes);
    expect(view.progress.totalBytes).toBeGreaterThan(5000);
    // the upload is gone once the job is done
    expect(readdirSync(uploadsDir(app.config.dataDir))).toEqual([]);
    const audit = await listAuditEntries(app.database.db, { limit: 50 });
    const imported = audit.find((a) => a.action === 'logins.imported');
    expect(imported?.targetId).toBe(view.id);
    expect(imported?.data.subjects).toEqual(['emp-0207', 'emp-0300']);
  });

  it('stores the events per subject, newest first, with places', async () => {
    const logins = await listSubjectLogins(app, viewer, 'emp-0207');
    expect(logins.total).toBe(2);
    expect(logins.truncated).toBe(false);
    expect(logins.items.map((i) => [i.at, i.ip, i.account, i.source, i.outcome])).toEqual([
      ['2026-03-18T13:40:00.000Z', '175.45.176.20', 'emp-0207@example.com', 'okta', 'success'],
      ['2026-03-18T13:00:00.000Z', '99.230.12.10', 'emp-0207@example.com', 'okta', 'success'],
    ]);
    expect(logins.items[0]?.country).toBe('KP');
    expect(logins.places.map((p) => [p.city, p.country, p.count, p.ips])).toEqual([
      ['Pyongyang', 'KP', 1, ['175.45.176.20']],
      ['Toronto', 'CA', 1, ['99.230.12.10']],
    ]);
    await expect(listSubjectLogins(app, viewer, 'nobody')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('re-assesses the matched subjects with their stored events in the bundle', async () => {
    const history = await listAssessments(app.database.db, 'emp-0207');
    expect(history[0]?.trigger).toBe('logins');
    // Toronto then Pyongyang (175.45.176.x) 40 minutes later, and an address shared with Mina Park
    const signals = history[0]?.assessment.signals ?? [];
    expect(signals.map((s) => s.id).filter((id) => id.startsWith('network.'))).toEqual([
      'network.high-risk-country',
      'network.shared-egress',
      'network.impossible-travel',
      'network.multi-country',
    ]);
    const travel = signals.find((s) => s.id === 'network.impossible-travel');
    const pairs = travel?.data?.pairs as
      | { from: { ip: string }; to: { ip: string }; km: number }[]
      | undefined;
    const pair = pairs?.[0];
    expect([pair?.from.ip, pair?.to.ip]).toEqual(['99.230.12.10', '175.45.176.20']);
    expect(pair?.km).toBeGreaterThan(10_000);
    const subject = await findSubject(app.database.db, 'emp-0207');
    if (!subject) throw new Error('no subject');
    // the stored bundle is not rewritten; the assessment sees the events
    expect(subject.bundle.logins).toBeUndefined();
    const [withLogins] = await withStoredLogins(
      app,
      app.database.db,
      [subject.bundle],
      new Date('2026-03-20T12:00:00Z'),
    );
    expect(withLogins?.logins?.map((l) => [l.at, l.ip, l.country, l.city, l.eventId, l.source])).toEqual([
      [
        '2026-03-18T13:00:00.000Z',
        '99.230.12.10',
        'CA',
        'Toronto',
        'a0000000-0000-4000-8000-000000000001',
        'okta',
      ],
      [
        '2026-03-18T13:40:00.000Z',
        '175.45.176.20',
        'KP',
        'Pyongyang',
        'a0000000-0000-4000-8000-000000000002',
        'okta',
      ],
    ]);
    // outside the window (400 days): not part of the assessment
    const [later] = await withStoredLogins(
      app,
      app.database.db,
      [subject.bundle],
      new Date('2027-06-01T00:00:00Z'),
    );
    expect(later?.logins).toBeUndefined();
  });

  it('re-importing the same file adds nothing', async () => {
    const again = await importFile(app, okta);
    expect(again.counts).toMatchObject({ read: 8, imported: 0, duplicates: 6, malformed: 2 });
    const logins = await listSubjectLogins(app, viewer, 'emp-0207');
    expect(logins.total).toBe(2);
  });

  it('linking an unmatched account moves its events to the subject and re-assesses', async () => {
    const before = await listUnmatchedAccounts(app, viewer);
    expect(before.items).toEqual([
      {
        account: 'contractor@vendor.example',
        events: 2,
        firstAt: '2026-03-18T15:00:00.000Z',
        lastAt: '2026-03-19T15:00:00.000Z',
        sources: ['okta'],
      },
    ]);
    await expect(
      linkLoginAccount(app, recruiter, { account: 'contractor@vendor.example', subjectId: 'emp-0300' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      linkLoginAccount(app, investigator, { account: 'contractor@vendor.example', subjectId: 'nobody' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const linked = await linkLoginAccount(app, investigator, {
      account: ' Contractor@Vendor.example ',
      subjectId: 'emp-0300',
    });
    expect(linked).toEqual({ account: 'contractor@vendor.example', subjectId: 'emp-0300', events: 2 });
    expect((await listUnmatchedAccounts(app, viewer)).items).toEqual([]);
    const logins = await listSubjectLogins(app, viewer, 'emp-0300');
    expect(logins.total).toBe(3);
    expect((await listAssessments(app.database.db, 'emp-0300'))[0]?.trigger).toBe('logins');
    // a later import of the account goes to the linked subject
    const more = writeNdjson(join(dir, 'okta-more.ndjson'), [
      oktaEvent({
        uuid: 'a0000000-0000-4000-8000-000000000006',
        published: '2026-03-20T09:00:00.000Z',
        login: 'contractor@vendor.example',
        ip: '203.0.113.9',
      }),
    ]);
    const view = await importFile(app, more);
    expect(view.counts).toMatchObject({ imported: 1, matched: 1, unmatched: 0 });
    expect((await listSubjectLogins(app, viewer, 'emp-0300')).total).toBe(4);

    // assessing one subject loads the others' events only on the addresses it used
    const { listAllBundles } = await import('../../src/adapters/db/repositories/subjects.repository.ts');
    const all = await listAllBundles(app.database.db);
    const at = new Date('2026-03-21T00:00:00Z');
    const ipsOf = (bundles: typeof all, id: string) =>
      [...new Set(bundles.find((b) => b.subject.id === id)?.logins?.map((l) => l.ip))].sort();
    const targeted = await withStoredLogins(app, app.database.db, all, at, { targets: ['emp-0207'] });
    expect(ipsOf(targeted, 'emp-0207')).toEqual(['175.45.176.20', '99.230.12.10']);
    expect(ipsOf(targeted, 'emp-0300')).toEqual(['99.230.12.10']);
    const everyone = await withStoredLogins(app, app.database.db, all, at);
    expect(ipsOf(everyone, 'emp-0300')).toEqual(['203.0.113.9', '99.230.12.10']);
  });

  it('the organisation overview lists addresses several subjects use, with household flags', async () => {
    const overview = await getNetworkOverview(app, viewer);
    expect(overview.counts).toEqual({ events: 6, subjects: 2, unmatchedAccounts: 0 });
    expect(overview.sharedEgress.map((s) => [s.ip, s.subjects.map((x) => [x.id, x.household])])).toEqual([
      [
        '99.230.12.10',
        [
          ['emp-0207', false],
          ['emp-0300', false],
        ],
      ],
    ]);
    // then the subjects whose latest assessment has network signals, highest score first
    expect(overview.anomalies.map((a) => a.subjectId).sort()).toEqual(['emp-0207', 'emp-0300']);
    const kyle = overview.anomalies.find((a) => a.subjectId === 'emp-0207');
    expect(kyle?.signals.map((s) => s.id)).toContain('network.impossible-travel');
    expect(kyle?.name).toBe('Kyle Anderson');
    // declared household members sharing a connection are marked as such
    const subject = await findSubject(app.database.db, 'emp-0300');
    if (!subject) throw new Error('no subject');
    const { replaceSubjectBundle } = await import('../../src/services/replace-subject-bundle.ts');
    await replaceSubjectBundle(app, recruiter, 'emp-0300', {
      ...subject.bundle,
      subject: { ...subject.bundle.subject, household: [{ name: 'Kyle Anderson', subjectId: 'emp-0207' }] },
    });
    const after = await getNetworkOverview(app, viewer);
    expect(after.sharedEgress[0]?.subjects.map((x) => x.household)).toEqual([true, true]);
  });

  it('imports the real Elastic Entra ID and Google Workspace samples', async () => {
    const entra = await importFile(app, join(SAMPLES, 'elastic_azure_signinlogs_test-signinlogs-raw.ndjson'));
    expect(entra.status).toBe('done');
    // two user sign-ins sharing one id in the sample (the second is a duplicate), three application sign-ins
    // (service principals, a managed identity): skipped as not a person's sign-in, nothing malformed
    expect(entra.counts).toEqual({
      read: 5,
      imported: 1,
      duplicates: 1,
      malformed: 0,
      skipped: 3,
      matched: 0,
      unmatched: 2,
    });
    expect(entra.problems).toEqual([]);
    expect(entra.skippedReasons).toEqual([
      {
        reason: "Entra ManagedIdentitySignInLogs record: an application's sign-in, not a person's",
        count: 1,
      },
      {
        reason: "Entra MicrosoftServicePrincipalSignInLogs record: an application's sign-in, not a person's",
        count: 1,
      },
      {
        reason: "Entra ServicePrincipalSignInLogs record: an application's sign-in, not a person's",
        count: 1,
      },
    ]);
    expect(entra.unmatchedAccounts.map((a) => a.account)).toEqual([
      'c3813493-bf92-5123-2717-8a8b2979c38b',
      'test@elastic.co',
    ]);
    const google = await importFile(app, join(SAMPLES, 'elastic_google_workspace_login_test-login.ndjson'));
    expect(google.status).toBe('done');
    // 10 sign-in records (two login_success share an id), 7 account warnings that are not sign-ins
    expect(google.counts).toEqual({
      read: 17,
      imported: 9,
      duplicates: 1,
      malformed: 0,
      skipped: 7,
      matched: 0,
      unmatched: 10,
    });
    expect(google.skippedReasons.reduce((n, r) => n + r.count, 0)).toBe(7);
    expect(google.skippedReasons.map((r) => r.reason)).toContain(
      'Google login event account_disabled_password_leak is not a sign-in',
    );
    const againGoogle = await importFile(
      app,
      join(SAMPLES, 'elastic_google_workspace_login_test-login.ndjson'),
    );
    expect(againGoogle.counts).toMatchObject({ imported: 0, duplicates: 10, malformed: 0, skipped: 7 });
    const unmatched = await listUnmatchedAccounts(app, viewer);
    expect(unmatched.items.map((a) => [a.account, a.events, a.sources])).toEqual([
      ['foo@bar.com', 5, ['google']],
      ['foo@elastic.co', 3, ['google']],
      // the sample's second Entra record repeats the first one's id: not stored
      ['test@elastic.co', 1, ['entra']],
      ['tl.zeous.daclitan@company.com', 1, ['google']],
    ]);
  });

  it('refuses an upload over the limit and keeps nothing of it', async () => {
    const small: AppContext = { ...app, config: { ...app.config, maxUploadBytes: 1000 } };
    await expect(
      importLogins(small, investigator, { fileName: 'big.ndjson', body: createReadStream(okta) }),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(
      importLogins(small, investigator, {
        fileName: 'big.ndjson',
        body: createReadStream(okta),
        declaredBytes: 5000,
      }),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(readdirSync(uploadsDir(app.config.dataDir))).toEqual([]);
  });

  it('checks who may import and what it is given', async () => {
    await expect(
      importLogins(app, recruiter, { fileName: 'x', body: createReadStream(okta) }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      importLogins(app, investigator, {
        fileName: 'x',
        format: 'syslog' as 'auto',
        body: createReadStream(okta),
      }),
    ).rejects.toMatchObject({ code: 'validation' });
    await expect(
      importLogins(app, investigator, {
        fileName: 'x',
        format: 'csv',
        mapping: '{"at":"Timestamp"}',
        body: createReadStream(okta),
      }),
    ).rejects.toMatchObject({ code: 'validation' });
    const empty = writeNdjson(join(dir, 'empty.ndjson'), []);
    await expect(
      importLogins(app, investigator, { fileName: '../../etc/passwd', body: (async function* () {})() }),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(existsSync(empty)).toBe(true);
  });

  it('an import cut off after some committed batches finishes when its job runs again', async () => {
    const events = Array.from({ length: 2500 }, (_, i) =>
      oktaEvent({
        uuid: `a1000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        published: new Date(Date.UTC(2026, 1, 1) + i * 60_000).toISOString(),
        login: 'emp-0207@example.com',
        ip: '99.230.12.10',
        ...TORONTO,
      }),
    );
    const id = 'import-cut-off';
    const upload = `logins-${id}.upload`;
    const file = writeNdjson(join(uploadsDir(app.config.dataDir), upload), events);
    await insertLoginImport(app.database.db, {
      id,
      fileName: 'cut-off.ndjson',
      format: 'okta',
      mapping: null,
      upload,
      totalBytes: statSync(file).size,
      createdAt: '2026-03-20T12:00:00.000Z',
      createdBy: { kind: 'user', id: 'investigator-1', name: 'investigator user' },
    });
    await markLoginImportRunning(app.database.db, id, '2026-03-20T12:00:01.000Z');
    // what the first run committed before the process died: its first batch, under this import's id
    const first: LoginEvent[] = [];
    for await (const item of readLogins(createReadStream(file), { format: 'okta' })) {
      if (item.kind === 'event' && first.length < 1000) first.push(item.event);
    }
    const rows = prepareEvents(first, {
      ids: app.ids,
      place: () => undefined,
      matcher: await loadAccountMatcher(app.database.db),
      importId: id,
      receivedAt: '2026-03-20T12:00:02.000Z',
    });
    await app.database.db.transaction().execute((trx) => insertLoginEvents(trx, rows));
    // the job runs again (as it does at the next start)
    await importLoginsHandler(app)({
      jobId: 'job-cut-off',
      payload: { importId: id },
      reportProgress: async () => {},
    });
    const view = await getLoginImport(app, viewer, id);
    expect(view.status).toBe('done');
    expect(view.counts).toEqual({
      read: 2500,
      imported: 2500,
      duplicates: 0,
      malformed: 0,
      skipped: 0,
      matched: 2500,
      unmatched: 0,
    });
    expect(existsSync(file)).toBe(false);
    expect((await listSubjectLogins(app, viewer, 'emp-0207')).total).toBe(2502);
  });

  it('a file with no sign-in events is done with everything malformed', async () => {
    const junk = writeNdjson(join(dir, 'junk.ndjson'), ['{"hello": "world"}', '{"also": 1}']);
    const view = await importFile(app, junk, { format: 'okta' });
    expect(view.status).toBe('done');
    expect(view.counts).toMatchObject({ read: 2, imported: 0, malformed: 2, skipped: 0 });
  });

  it('an Okta export full of other event types: they are skipped and counted by reason, only the broken line is malformed', async () => {
    const other = (n: number, eventType: string, login = 'emp-0207@example.com') =>
      oktaEvent({
        uuid: `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        published: new Date(Date.UTC(2026, 2, 25, 9) + n * 60_000).toISOString(),
        login,
        ip: '99.230.12.10',
        eventType,
        ...TORONTO,
      });
    const lines: (Record<string, unknown> | string)[] = [
      other(1, 'user.session.start'),
      ...Array.from({ length: 25 }, (_, i) => other(100 + i, 'user.account.update_profile')),
      '{"eventType": "user.session.start", "published": "2026-03-25T',
      ...Array.from({ length: 3 }, (_, i) => other(200 + i, 'system.api_token.create')),
      other(300, 'group.user_membership.add'),
      other(2, 'user.authentication.sso', 'mina.park@example.com'),
    ];
    const file = writeNdjson(join(dir, 'okta-mixed.ndjson'), lines);
    const view = await importFile(app, file);
    expect(view.status).toBe('done');
    expect(view.counts).toEqual({
      read: 32,
      imported: 2,
      duplicates: 0,
      malformed: 1,
      skipped: 29,
      matched: 2,
      unmatched: 0,
    });
    expect(view.problems).toEqual([{ line: 27, message: expect.stringMatching(/^not valid JSON/) }]);
    expect(view.skippedReasons).toEqual([
      { reason: 'Okta event type user.account.update_profile is not a sign-in', count: 25 },
      { reason: 'Okta event type system.api_token.create is not a sign-in', count: 3 },
      { reason: 'Okta event type group.user_membership.add is not a sign-in', count: 1 },
    ]);
    // stored with the import: the list and a fresh read agree
    const { listLoginImports } = await import('../../src/services/view-login-imports.ts');
    const listed = (await listLoginImports(app, viewer)).items.find((i) => i.id === view.id);
    expect(listed?.counts.skipped).toBe(29);
    expect(listed?.skippedReasons).toEqual(view.skippedReasons);
    const audit = await listAuditEntries(app.database.db, { limit: 5 });
    expect(
      audit.find((a) => a.targetId === view.id && a.action === 'logins.imported')?.data.counts,
    ).toMatchObject({ skipped: 29, malformed: 1, imported: 2 });
  });

  it('keeps the 20 most frequent skip reasons and counts every skipped record', async () => {
    const lines = Array.from({ length: 30 }, (_, kind) =>
      Array.from({ length: kind + 1 }, (_, i) =>
        oktaEvent({
          uuid: `c0000000-0000-4000-8000-${String(kind * 100 + i).padStart(12, '0')}`,
          published: '2026-03-26T09:00:00.000Z',
          login: 'emp-0207@example.com',
          ip: '99.230.12.10',
          eventType: `app.custom.kind${String(kind).padStart(2, '0')}`,
        }),
      ),
    ).flat();
    const view = await importFile(app, writeNdjson(join(dir, 'okta-only-other.ndjson'), lines));
    expect(view.status).toBe('done');
    expect(view.counts).toMatchObject({ read: 465, imported: 0, duplicates: 0, malformed: 0, skipped: 465 });
    expect(view.skippedReasons).toHaveLength(20);
    expect(view.skippedReasons[0]).toEqual({
      reason: 'Okta event type app.custom.kind29 is not a sign-in',
      count: 30,
    });
    expect(view.skippedReasons.at(-1)).toEqual({
      reason: 'Okta event type app.custom.kind10 is not a sign-in',
      count: 11,
    });
  });
});
