// POST /api/v1/subjects/{id}/resume in-process: real PDF/DOCX bodies, the summary and stored evidence,
// and the 413/415/422/404 problems for files that are too large, of another type, damaged or for nobody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDocxZipBomb,
  buildResumeDocx,
  buildResumePdf,
  LOCATED_RESUME_LINES,
  tinyPng,
} from '../resumes/build.ts';
import { buildBundle } from '../services/factories.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

const upload = (
  client: Client,
  id: string,
  body: Uint8Array,
  query = '',
  type = 'application/octet-stream',
) =>
  client.request(`/api/v1/subjects/${id}/resume${query}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: new Uint8Array(body), // a copy over a plain ArrayBuffer, as fetch bodies are typed
  });

describe('POST /api/v1/subjects/{id}/resume', () => {
  let t: TestServer;
  let recruiter: Client;
  let pdf: Uint8Array;
  beforeAll(async () => {
    t = await createTestServer('sqlite');
    recruiter = await t.signIn('recruiter');
    pdf = await buildResumePdf(LOCATED_RESUME_LINES);
    const bundle = buildBundle({ id: 'cand-0200', name: 'Jordan Lee' });
    const created = await recruiter.request('/api/v1/subjects', { method: 'POST', json: bundle });
    expect(created.status).toBe(201);
  });
  afterAll(() => t.close());

  it('reads the file into the bundle and says what it found', async () => {
    const res = await upload(recruiter, 'cand-0200', pdf, '?name=..%2F..%2Fjordan-cv.pdf', 'application/pdf');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.summary).toMatchObject({
      file: 'jordan-cv.pdf',
      format: 'pdf',
      mediaType: 'application/pdf',
      name: 'Jordan Avery Lee',
      location: 'San Francisco, CA',
      emails: 1,
      phones: 1,
      links: 3,
      employment: 3,
      education: 1,
      changed: true,
    });
    expect(body.subject.id).toBe('cand-0200');
    expect(body.subject.bundle.resume.contact.phones).toEqual(['+14155550132']);
    expect(body.summary.fileId).toMatch(/^resume-/);
    expect(body.subject.bundle.resume.fileId).toBe(body.summary.fileId);
    expect(body.subject.bundle.employment).toHaveLength(3);
    expect(body.subject.assessment.subject).toBe('cand-0200');
    const stored = await (await recruiter.request('/api/v1/subjects/cand-0200')).json();
    expect(stored.bundle.resume.file).toBe('jordan-cv.pdf');
    const investigator = await t.signIn('investigator');
    const audit = await (await investigator.request('/api/v1/subjects/cand-0200/audit')).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('resume.imported');
  });

  it('the same file again: 200, nothing changed; a DOCX of it through an API token', async () => {
    const again = await (await upload(recruiter, 'cand-0200', pdf, '?name=jordan-cv.pdf')).json();
    expect(again.summary.changed).toBe(false);
    const token = await t.withToken('recruiter');
    const res = await upload(
      token,
      'cand-0200',
      await buildResumeDocx(LOCATED_RESUME_LINES),
      '?name=cv.docx',
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.summary).toMatchObject({
      format: 'docx',
      changed: true,
      replaced: { employment: 3, education: 1 },
    });
    expect(body.subject.bundle.employment).toHaveLength(3);
  });

  it('413 for a file over 20 MB, before anything is parsed', async () => {
    const res = await upload(recruiter, 'cand-0200', new Uint8Array(20 * 1024 * 1024 + 10).fill(0x20));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).detail).toBe(
      'The resume is more than 20971520 bytes; the limit is 20971520 bytes (20 MB)',
    );
  });

  it('415 for an image, another zip or a multipart form', async () => {
    const png = await upload(recruiter, 'cand-0200', tinyPng(), '', 'image/png');
    expect(png.status).toBe(415);
    expect(await png.json()).toMatchObject({
      code: 'unsupported_media_type',
      detail: expect.stringContaining('not a PDF, a Word document (.docx) or text'),
    });
    const zip = buildDocxZipBomb({ megabytes: 16 });
    // A zip without word/document.xml: rename the entry in place (same length).
    const other = Buffer.from(
      zip.toString('latin1').replaceAll('word/document.xml', 'xl/workbook.xml1'),
      'latin1',
    );
    expect((await upload(recruiter, 'cand-0200', other)).status).toBe(415);
    const form = await upload(recruiter, 'cand-0200', pdf, '', 'multipart/form-data; boundary=x');
    expect(form.status).toBe(415);
    expect((await form.json()).detail).toContain('not a multipart form');
  });

  it('422 for a damaged PDF, a zip bomb or an empty body; 404 for an unknown subject', async () => {
    const broken = await upload(recruiter, 'cand-0200', pdf.subarray(0, 400));
    expect(broken.status).toBe(422);
    const problem = await broken.json();
    expect(problem.code).toBe('validation');
    expect(problem.problems).toEqual([
      { path: '(file)', message: expect.stringContaining('the PDF cannot be read') },
    ]);
    const bomb = await upload(recruiter, 'cand-0200', buildDocxZipBomb({ megabytes: 128, lie: true }));
    expect(bomb.status).toBe(422);
    expect((await bomb.json()).detail).toContain('refusing a possible zip bomb');
    const empty = await upload(recruiter, 'cand-0200', new Uint8Array());
    expect(empty.status).toBe(422);
    expect((await upload(recruiter, 'nobody', pdf)).status).toBe(404);
  });

  it('is documented in the OpenAPI document with the file types it takes', async () => {
    const doc = await (await t.anonymous.request('/api/openapi.json')).json();
    const op = doc.paths['/api/v1/subjects/{id}/resume'].post;
    expect(Object.keys(op.requestBody.content)).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/plain',
      'application/octet-stream',
    ]);
    expect(op['x-gatecheck-access']).toBe('subjects:write');
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ResumeImported',
    );
  });
});
