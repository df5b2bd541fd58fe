// Evidence and reports over HTTP: snapshot create/list/read/verify, the PDF report rendered to an image with
// Debian's pdftoppm and read back with pdftotext, the JSON report of a named snapshot, exports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundles } from '../../src/services/import-bundles.ts';
import { buildRiskyBundle } from '../services/factories.ts';
import { recruiter } from '../services/helpers.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'gc-report-'));

describe('evidence and reports over HTTP', () => {
  let t: TestServer;
  let inv: Client;
  let viewer: Client;
  beforeAll(async () => {
    t = await createTestServer('sqlite');
    await importBundles(t.app, recruiter, [buildRiskyBundle('emp-0207', 'Kyle Anderson')]);
    inv = await t.withToken('investigator');
    viewer = await t.withToken('viewer');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('makes, lists, reads and verifies snapshots', async () => {
    const made = await inv.request('/api/v1/subjects/emp-0207/snapshots', {
      method: 'POST',
      json: { reason: 'Before calling counsel' },
    });
    expect(made.status).toBe(201);
    const head = (await made.json()) as { id: string; manifestHash: string; parts?: unknown };
    expect(head.manifestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(head.parts).toBeUndefined();
    const bare = await inv.request('/api/v1/subjects/emp-0207/snapshots', { method: 'POST' });
    expect(bare.status).toBe(201);
    const list = (await (await viewer.request('/api/v1/subjects/emp-0207/snapshots')).json()) as {
      items: { id: string; reason: string }[];
    };
    expect(list.items.map((i) => i.reason)).toEqual(['Evidence preserved', 'Before calling counsel']);
    const one = (await (await viewer.request(`/api/v1/snapshots/${head.id}`)).json()) as {
      parts: { bundle: { subject: { name: string } } };
    };
    expect(one.parts.bundle.subject.name).toBe('Kyle Anderson');
    const verify = await viewer.request(`/api/v1/snapshots/${head.id}/verify`);
    expect(await verify.json()).toMatchObject({ ok: true, problems: [] });
    expect((await viewer.request('/api/v1/snapshots/nope/verify')).status).toBe(404);
    expect((await viewer.request('/api/v1/subjects/emp-0207/snapshots', { method: 'POST' })).status).toBe(
      403,
    );
  });

  it('renders the PDF report: a page image that is not blank, and the text of the case', async () => {
    const res = await inv.request('/api/v1/subjects/emp-0207/report.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const file = path.join(tmp, 'report.pdf');
    writeFileSync(file, pdf);

    // The newest snapshot is the one the report made first.
    const list = (await (await viewer.request('/api/v1/subjects/emp-0207/snapshots')).json()) as {
      items: { id: string; manifestHash: string }[];
    };
    const snapshot = list.items[0];
    expect(res.headers.get('content-disposition')).toContain(snapshot?.id);

    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', file, path.join(tmp, 'page')]);
    const png = readdirSync(tmp).find((n) => n.startsWith('page') && n.endsWith('.png'));
    expect(png).toBeDefined();
    const stats = await sharp(path.join(tmp, png ?? '')).stats();
    expect(stats.isOpaque).toBe(true);
    // Not blank: dark text and a coloured band badge on a white page.
    expect(stats.channels[0]?.min).toBeLessThan(100);
    expect(stats.channels[0]?.max).toBeGreaterThan(200);

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Kyle Anderson');
    expect(text).toMatch(/(LOW|ELEVATED|HIGH|CRITICAL) — score \d+\/100/);
    expect(text).toContain('interview.camera-refusal');
    expect(text).toContain(snapshot?.manifestHash);
    for (const heading of ['Reporting to the authorities', 'Canada', 'United States', 'United Kingdom'])
      expect(text).toContain(heading);
    expect(text).toContain('FBI Internet Crime Complaint Center (IC3)');
    expect(text).toContain('not known — fill in');
  });

  it('gives the JSON report of a named snapshot, and exports', async () => {
    const made = (await (
      await inv.request('/api/v1/subjects/emp-0207/snapshots', { method: 'POST', json: {} })
    ).json()) as { id: string; manifestHash: string };
    const res = await inv.request(`/api/v1/subjects/emp-0207/report.json?snapshot=${made.id}`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { snapshot: { manifestHash: string }; format: string };
    expect(report).toMatchObject({
      format: 'gatecheck.report/v1',
      snapshot: { manifestHash: made.manifestHash },
    });
    expect((await inv.request('/api/v1/subjects/emp-0207/report.json?snapshot=missing')).status).toBe(404);
    expect((await viewer.request('/api/v1/subjects/emp-0207/report.json')).status).toBe(403);

    const exported = await inv.request('/api/v1/subjects/emp-0207/export.json');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('emp-0207.case.json');
    const exportedJson = await exported.json();
    expect(exportedJson).toMatchObject({
      format: 'gatecheck.case-bundle/v1',
      caseExport: { case: { status: 'open', checklist: [] } },
    });
    // Imported back over the same subject: stored, its own case kept, and the response says so.
    const back = await inv.request('/api/v1/subjects/import', {
      method: 'POST',
      json: { bundles: [exportedJson] },
    });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({
      results: [{ ok: true, action: 'updated', warnings: [{ path: 'caseExport' }] }],
    });

    const csv = await inv.request('/api/v1/exports/subjects.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[0]).toBe(
      'id,name,kind,role,claimed_country,band,score,signals,case_status,assignee,updated_at',
    );
    const signals = await (await inv.request('/api/v1/exports/signals.csv')).text();
    expect(signals).toContain('interview.camera-refusal');
  });

  it('writes reports, the case export and snapshot views to the access log; the CSV exports are audited once', async () => {
    type Entry = { action: string; itemId: string | null };
    const accessLog = async () =>
      (await (await inv.request('/api/v1/subjects/emp-0207/access-log?limit=1000')).json()) as Entry[];
    const count = (log: Entry[], action: string, itemId?: string) =>
      log.filter((e) => e.action === action && (itemId === undefined || e.itemId === itemId)).length;

    const before = await accessLog();
    const snap = (await (
      await inv.request('/api/v1/subjects/emp-0207/snapshots', { method: 'POST', json: {} })
    ).json()) as { id: string };
    // Opening a snapshot twice within ten minutes is one entry; each report and export is its own entry.
    for (let i = 0; i < 2; i += 1) {
      expect((await inv.request(`/api/v1/snapshots/${snap.id}`)).status).toBe(200);
      expect((await inv.request(`/api/v1/subjects/emp-0207/report.pdf?snapshot=${snap.id}`)).status).toBe(
        200,
      );
      expect((await inv.request(`/api/v1/subjects/emp-0207/report.json?snapshot=${snap.id}`)).status).toBe(
        200,
      );
      expect((await inv.request('/api/v1/subjects/emp-0207/export.json')).status).toBe(200);
    }
    const after = await accessLog();
    expect(count(after, 'snapshot.viewed', snap.id)).toBe(1);
    expect(count(after, 'report.pdf-generated', snap.id)).toBe(2);
    expect(count(after, 'report.json-generated', snap.id)).toBe(2);
    expect(count(after, 'case.exported') - count(before, 'case.exported')).toBe(2);
    // A report from an existing snapshot is a report, not also a snapshot viewing.
    expect(after.length - before.length).toBe(7);

    // The CSV files of every subject: one audit entry per download, nothing in each subject's access log.
    const csvAudit = () =>
      t.app.database.db
        .selectFrom('audit_log')
        .select('target_id')
        .where('action', '=', 'subjects.exported')
        .execute();
    const audited = (await csvAudit()).length;
    expect((await inv.request('/api/v1/exports/subjects.csv')).status).toBe(200);
    expect((await accessLog()).length).toBe(after.length);
    const audit = await csvAudit();
    expect(audit.length).toBe(audited + 1);
    expect(audit.every((a) => a.target_id === null)).toBe(true);
  });
});
