// Threat indicators through the services and the store, on both dialects: import (STIX and CSV), idempotent
// re-import, rejected files listing their problems, paging, removal, audit and permissions; the detector
// through a real re-assessment job; the export as a valid STIX 2.1 bundle that round-trips through the
// importer, and its hashed form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { createIndicatorRuntime, withIndicatorIntel } from '../../src/intel/indicators/runtime.ts';
import { patternIdentifiers } from '../../src/intel/indicators/stix-pattern.ts';
import type { AppContext } from '../../src/services/context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { deleteIndicatorImport } from '../../src/services/delete-indicator-import.ts';
import { exportSubjectIndicators, saltedSha256 } from '../../src/services/export-subject-indicators.ts';
import { getSubject } from '../../src/services/get-subject.ts';
import { importIndicators } from '../../src/services/import-indicators.ts';
import { listIndicators } from '../../src/services/list-indicators.ts';
import { transitionCase } from '../../src/services/work-case.ts';
import { dialects } from '../db.ts';
import {
  admin,
  createTestApp,
  investigator,
  recruiter,
  type TestApp,
  viewer,
  waitForJob,
} from './helpers.ts';

const UUID = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const SHARED = JSON.stringify({
  type: 'bundle',
  id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
  objects: [
    {
      type: 'identity',
      spec_version: '2.1',
      id: 'identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: 'Acme Corp Security',
      identity_class: 'organization',
    },
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      created_by_ref: 'identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e',
      indicator_types: ['malicious-activity'],
      pattern: "[email-addr:value = 'j.smith.dev@gmail.com'] OR [ipv4-addr:value = '203.0.113.77']",
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00Z',
    },
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--1e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      pattern: "[file:hashes.MD5 = 'abc']",
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00Z',
    },
  ],
});

describe.each(dialects)('threat indicators (%s)', (dialect) => {
  let t: TestApp;
  let app: AppContext;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const runtime = createIndicatorRuntime({ db: t.db.db });
    t.app.indicators = runtime;
    t.app.intel = withIndicatorIntel(t.app.intel, runtime);
    app = t.app;
    await createSubject(app, admin, {
      format: 'gatecheck.case-bundle/v1',
      subject: {
        id: 'cand-1',
        kind: 'candidate',
        name: 'Jay Smith',
        email: 'JSmithDev+jobs@googlemail.com',
        phone: '+1 415 555 0132',
        claimedLocation: { country: 'US' },
        profiles: [{ kind: 'github', url: 'https://github.com/jsmith-dev' }],
      },
      application: { ip: '81.2.69.160' },
    });
    await createSubject(app, admin, {
      format: 'gatecheck.case-bundle/v1',
      subject: { id: 'cand-2', kind: 'candidate', name: 'Ana Lee', email: 'ana@example.com' },
    });
  });
  afterAll(() => t.close());

  it('no indicators yet: nothing loaded, no signal', async () => {
    expect(app.intel.indicators?.size).toBe(0);
    const subject = await getSubject(app, viewer, 'cand-1');
    expect(subject.assessment?.signals.map((s) => s.id)).not.toContain('links.known-indicator');
  });

  it('imports a STIX bundle: usable indicators stored, the rest listed; a re-import changes nothing', async () => {
    await expect(importIndicators(app, recruiter, { content: SHARED })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const first = await importIndicators(app, admin, { name: 'acme.json', content: SHARED });
    expect(first).toMatchObject({ unchanged: false, byKind: { email: 1, ip: 1 }, problemCount: 1 });
    expect(first.problems[0]).toMatchObject({ where: expect.stringContaining('objects[2]') });
    expect(first.import).toMatchObject({ name: 'acme.json', format: 'stix', indicators: 2 });
    expect(first.reassessJobId).not.toBeNull();
    await waitForJob(app, first.reassessJobId ?? '');

    const again = await importIndicators(app, admin, { name: 'again.json', content: SHARED });
    expect(again).toMatchObject({ unchanged: true, reassessJobId: null });
    expect(again.import.id).toBe(first.import.id);
    expect((await listIndicators(app, viewer)).total).toBe(2);

    // The detector, through the re-assessment job: the Gmail address written differently matches.
    const subject = await getSubject(app, viewer, 'cand-1');
    const signal = subject.assessment?.signals.find((s) => s.id === 'links.known-indicator');
    expect(signal).toMatchObject({ severity: 'critical', evidence: ['subject.email'] });
    expect(signal?.explanation).toContain('shared by Acme Corp Security');
    expect(subject.assessment?.band).toBe('critical');
    const other = await getSubject(app, viewer, 'cand-2');
    expect(other.assessment?.signals.map((s) => s.id)).not.toContain('links.known-indicator');

    const audit = await listAuditEntries(app.database.db, { limit: 100 });
    expect(audit.some((e) => e.action === 'indicators.imported' && e.targetId === first.import.id)).toBe(
      true,
    );
  });

  it('a file with nothing usable (or any problem, strict) is rejected with every problem; nothing stored', async () => {
    const csv = 'type,value,source\nfax,123,x\nemail,not-an-email,x\n';
    await expect(importIndicators(app, admin, { content: csv })).rejects.toMatchObject({
      code: 'validation',
      problems: [
        { path: 'line 2', message: expect.stringContaining('unknown type') },
        { path: 'line 3', message: expect.stringContaining('not a valid email') },
      ],
    });
    await expect(
      importIndicators(app, admin, { content: 'type,value\nip,203.0.113.9\nip,nope\n', strict: true }),
    ).rejects.toMatchObject({ code: 'validation' });
    await expect(importIndicators(app, admin, { content: '{"type":"bundle"' })).rejects.toMatchObject({
      code: 'validation',
    });
    expect((await listIndicators(app, viewer)).total).toBe(2);
  });

  it('pages the indicators; a CSV import adds to them; removing an import removes its indicators', async () => {
    const csv = 'type,value,source,description,valid_until\nphone,+1 (415) 555-0132,Beta Inc,,2030-01-01\n';
    const added = await importIndicators(app, admin, { name: 'beta.csv', content: csv }, { reassess: false });
    expect(added.import.format).toBe('csv');
    const page = await listIndicators(app, viewer, { limit: 2, offset: 0 });
    expect(page).toMatchObject({ total: 3, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.imports.map((i) => i.name)).toEqual(['acme.json', 'beta.csv']);
    expect((await listIndicators(app, viewer, { kind: 'phone' })).items[0]).toMatchObject({
      value: '+14155550132',
      source: 'Beta Inc',
      validUntil: '2030-01-01T00:00:00.000Z',
    });
    expect(app.intel.indicators?.size).toBe(3);
    await expect(deleteIndicatorImport(app, investigator, added.import.id)).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await deleteIndicatorImport(app, admin, added.import.id, { reassess: false })).toMatchObject({
      removed: 1,
    });
    expect(app.intel.indicators?.size).toBe(2);
    await expect(deleteIndicatorImport(app, admin, added.import.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('exports an escalated subject as a valid STIX 2.1 bundle that round-trips through the importer', async () => {
    await expect(exportSubjectIndicators(app, investigator, 'cand-1')).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(exportSubjectIndicators(app, recruiter, 'cand-1', { all: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await transitionCase(app, investigator, 'cand-1', { to: 'in_review' });
    await transitionCase(app, investigator, 'cand-1', { to: 'escalated' });
    const bundle = await exportSubjectIndicators(app, investigator, 'cand-1', { organization: 'Example Co' });
    const json = JSON.parse(JSON.stringify(bundle)) as typeof bundle;
    expect(json.type).toBe('bundle');
    expect(json.id).toMatch(UUID);
    const [identity, ...indicators] = json.objects;
    expect(identity).toMatchObject({ type: 'identity', spec_version: '2.1', name: 'Example Co' });
    for (const o of json.objects) {
      expect(o.id).toMatch(UUID);
      expect(o.id.startsWith(`${o.type}--`)).toBe(true);
      expect(o).toMatchObject({
        spec_version: '2.1',
        created: expect.any(String),
        modified: expect.any(String),
      });
    }
    for (const o of indicators) {
      expect(o).toMatchObject({
        type: 'indicator',
        pattern_type: 'stix',
        valid_from: expect.any(String),
        created_by_ref: identity?.id,
      });
      expect(() => patternIdentifiers(String(o.pattern))).not.toThrow();
    }
    const patterns = indicators.map((o) => o.pattern);
    expect(patterns).toContain("[email-addr:value = 'jsmithdev@gmail.com']");
    expect(patterns).toContain("[x-phone:value = '+14155550132']");
    expect(patterns).toContain(
      "[user-account:account_login = 'jsmith-dev' AND user-account:account_type = 'github']",
    );
    expect(patterns).toContain("[ipv4-addr:value = '81.2.69.160']");
    // gmail.com is a webmail provider: never shared as a domain.
    expect(patterns.some((p) => String(p).includes('domain-name'))).toBe(false);

    // Round trip: another instance imports it and finds the same identifiers.
    const t2 = await createTestApp(dialect);
    try {
      const result = await importIndicators(
        t2.app,
        admin,
        { content: JSON.stringify(bundle) },
        { reassess: false },
      );
      expect(result.problemCount).toBe(0);
      expect(result.byKind).toMatchObject({ email: 1, phone: 1, github: 1, ip: 1 });
      const page = await listIndicators(t2.app, viewer, { limit: 50 });
      expect(page.items.every((i) => i.source === 'Example Co')).toBe(true);
    } finally {
      await t2.close();
    }
    const audit = await listAuditEntries(app.database.db, { limit: 100 });
    expect(audit.some((e) => e.action === 'indicators.exported' && e.targetId === 'cand-1')).toBe(true);
  });

  it('hashed export: salted SHA-256 of emails and phones, other identifiers as they are; a salt is required', async () => {
    await expect(
      exportSubjectIndicators(app, investigator, 'cand-1', { hashed: true, salt: 'short' }),
    ).rejects.toMatchObject({
      code: 'validation',
    });
    const salt = 'shared-secret-between-companies';
    const bundle = await exportSubjectIndicators(app, investigator, 'cand-1', { hashed: true, salt });
    const text = JSON.stringify(bundle);
    expect(text).not.toContain('jsmithdev@gmail.com');
    expect(text).not.toContain('+14155550132');
    expect(text).toContain(saltedSha256(salt, 'jsmithdev@gmail.com'));
    expect(text).toContain(saltedSha256(salt, '+14155550132'));
    expect(text).toContain('jsmith-dev');
  });

  it('hashed import: another instance holding the salt matches its own subjects by hash, without the values', async () => {
    const salt = 'shared-secret-between-companies';
    const bundle = await exportSubjectIndicators(app, investigator, 'cand-1', { hashed: true, salt });
    const t2 = await createTestApp(dialect);
    try {
      t2.app.config = { ...t2.app.config, indicators: { salts: [salt] } };
      const runtime = createIndicatorRuntime({ db: t2.db.db, salts: t2.app.config.indicators.salts });
      t2.app.indicators = runtime;
      t2.app.intel = withIndicatorIntel(t2.app.intel, runtime);
      await createSubject(t2.app, admin, {
        format: 'gatecheck.case-bundle/v1',
        subject: {
          id: 'their-7',
          kind: 'candidate',
          name: 'J. Smith',
          email: 'j.s.m.i.t.h.d.e.v@gmail.com',
          phone: '(415) 555-0132',
          claimedLocation: { country: 'US' },
        },
      });
      await createSubject(t2.app, admin, {
        format: 'gatecheck.case-bundle/v1',
        subject: { id: 'their-8', kind: 'candidate', name: 'Kim Park', email: 'kim@example.com' },
      });
      const result = await importIndicators(t2.app, admin, {
        name: 'example-hashed.json',
        content: JSON.stringify(bundle),
      });
      expect(result).toMatchObject({ problemCount: 0, hashed: 2, hashedNeedSalt: false });
      expect(result.byKind).toMatchObject({ email: 1, phone: 1, github: 1, ip: 1 });
      await waitForJob(t2.app, result.reassessJobId ?? '');
      // Stored as hashes: nothing of the sender's values is in the receiver's list.
      const stored = await listIndicators(t2.app, viewer, { limit: 50 });
      const text = JSON.stringify(stored);
      expect(text).not.toContain('jsmithdev@gmail.com');
      expect(text).toContain(`sha256:${saltedSha256(salt, 'jsmithdev@gmail.com')}`);

      const subject = await getSubject(t2.app, viewer, 'their-7');
      const signal = subject.assessment?.signals.find((s) => s.id === 'links.known-indicator');
      expect(signal).toMatchObject({ severity: 'critical', evidence: ['subject.email', 'subject.phone'] });
      expect(signal?.explanation).toContain(`as a salted hash`);
      expect(signal?.explanation).toContain(result.import.id);
      const data = signal?.data as {
        matches: { kind: string; indicators: { hashed?: boolean; importId: string }[] }[];
      };
      expect(data.matches.map((m) => m.kind)).toEqual(['email', 'phone']);
      for (const m of data.matches)
        expect(m.indicators).toEqual([expect.objectContaining({ hashed: true, importId: result.import.id })]);
      const other = await getSubject(t2.app, viewer, 'their-8');
      expect(other.assessment?.signals.map((s) => s.id)).not.toContain('links.known-indicator');
    } finally {
      await t2.close();
    }
  });

  it('hashed import without a configured salt: stored, flagged as needing the salt, matching nothing', async () => {
    const salt = 'shared-secret-between-companies';
    const csv = `type,value,source\nemail-sha256,${saltedSha256(salt, 'kim@example.com')},Beta Inc\n`;
    const t3 = await createTestApp(dialect);
    try {
      const runtime = createIndicatorRuntime({ db: t3.db.db });
      t3.app.indicators = runtime;
      t3.app.intel = withIndicatorIntel(t3.app.intel, runtime);
      await createSubject(t3.app, admin, {
        format: 'gatecheck.case-bundle/v1',
        subject: { id: 'their-9', kind: 'candidate', name: 'Kim Park', email: 'kim@example.com' },
      });
      const result = await importIndicators(t3.app, admin, { content: csv });
      expect(result).toMatchObject({ hashed: 1, hashedNeedSalt: true, byKind: { email: 1 } });
      await waitForJob(t3.app, result.reassessJobId ?? '');
      const subject = await getSubject(t3.app, viewer, 'their-9');
      expect(subject.assessment?.signals.map((s) => s.id)).not.toContain('links.known-indicator');
    } finally {
      await t3.close();
    }
  });
});
