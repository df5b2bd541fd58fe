// `gatecheck document` and `gatecheck documents purge` as a user runs them: a real process, files generated
// here (a phone photo, the same photo saved by Photoshop, a rendered passport page, a PDF whose text layer
// holds an MRZ, hostile files), real exit codes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/clock/clock.ts';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { createDatabase } from '../../src/adapters/db/database.ts';
import { loadConfig } from '../../src/config/config.ts';
import { cliActor } from '../../src/services/context.ts';
import { closeAppContext, createAppContext } from '../../src/services/create-app-context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { uploadDocument } from '../../src/services/upload-document.ts';
import { cameraJpeg, photoshopJpeg, pngBomb } from '../documents/forensic-fixtures.ts';
import { buildMrz, type IdPerson, PERSON, printedFromPerson, renderIdImage } from '../documents/id-images.ts';
import { buildBundle } from '../services/factories.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

function gatecheck(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A real country, so the MRZ is valid in every check (UTO specimens fail the state-code check). */
const CANADIAN: IdPerson = { ...PERSON, issuingState: 'CAN', nationality: 'CAN' };

async function mrzPdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Courier);
  const page = doc.addPage([612, 400]);
  page.drawText('PASSPORT / PASSEPORT', { x: 40, y: 340, size: 14, font });
  lines.forEach((line, i) => {
    page.drawText(line, { x: 20, y: 80 - i * 16, size: 12, font });
  });
  return doc.save();
}

const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-document-'));
  writeFileSync(file('phone.jpg'), await cameraJpeg());
  // Named .pdf: the type comes from the content.
  writeFileSync(file('edited.pdf'), await photoshopJpeg());
  const page = await renderIdImage({
    format: 'TD3',
    lines: buildMrz('TD3', CANADIAN),
    printed: printedFromPerson(CANADIAN),
  });
  writeFileSync(file('passport.png'), page.png);
  writeFileSync(file('passport.pdf'), await mrzPdf(buildMrz('TD3', CANADIAN)));
  writeFileSync(
    file('archive.jpg'),
    Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.alloc(64)]),
  );
  writeFileSync(file('bomb.png'), pngBomb(50_000, 50_000));
  mkdirSync(file('folder'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gatecheck document', () => {
  it('exit 0 and "nothing found" for an honest phone photo', () => {
    const run = gatecheck(['document', file('phone.jpg')]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`${file('phone.jpg')}: a JPEG image, `);
    expect(run.stdout).toContain('MRZ: not found');
    expect(run.stdout).toContain('Findings: none');
    expect(run.stdout).toContain('Result: nothing found');
    expect(run.code).toBe(0);
  });

  it('exit 1 with the findings, strongest first, for a photo saved by Photoshop; --ela writes the image', () => {
    const out = file('edited-ela.png');
    const run = gatecheck(['document', file('edited.pdf'), '--ela', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(': a JPEG image, ');
    const lines = run.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Findings ('));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {2}strong /);
    expect(run.stdout).toMatch(/Adobe Photoshop/);
    expect(run.stdout).toContain(`image written to ${out}`);
    expect(run.stdout).toContain('Result: look closer (see above)');
    expect(readFileSync(out).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('reads the MRZ of a rendered passport page by OCR and says it is valid (--json)', () => {
    const run = gatecheck(['document', file('passport.png'), '--json']);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as {
      mediaType: string;
      width: number;
      mrz: {
        source: string;
        found: boolean;
        valid: boolean;
        lines: string[];
        fields: Record<string, string>;
      };
      forensics: { ela: Record<string, unknown> | null; findings: unknown[] };
      attention: boolean;
      elaImage: string | null;
    };
    expect(out.mediaType).toBe('image/png');
    expect(out.mrz).toMatchObject({
      source: 'ocr',
      found: true,
      valid: true,
      lines: buildMrz('TD3', CANADIAN),
      fields: { surname: 'OKONKWO', nationality: 'CAN', expiry: '2033-06-15' },
    });
    expect(out.forensics.ela).toEqual({
      meanDiff: expect.any(Number),
      maxDiff: expect.any(Number),
      suspicious: expect.any(Boolean),
    });
    expect(out.elaImage).toBeNull();
    expect(run.code).toBe(out.attention ? 1 : 0);
    expect(out.attention).toBe(out.forensics.findings.length > 0);
  });

  it('finds the MRZ in a PDF text layer', () => {
    const run = gatecheck(['document', file('passport.pdf')]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(': a PDF document, 1 page, ');
    expect(run.stdout).toContain('MRZ (from the PDF text layer): TD3, valid\n');
    for (const line of buildMrz('TD3', CANADIAN)) expect(run.stdout).toContain(`  ${line}\n`);
    expect(run.stdout).toContain('surname OKONKWO, given names ADAEZE GRACE, number X52G81B07');
  });

  it('exit 1 with the reason for a ZIP named .jpg and a pixel bomb; 2 for a missing file or a folder', () => {
    const zip = gatecheck(['document', file('archive.jpg')]);
    expect(zip.code).toBe(1);
    expect(zip.stderr).toContain('The file is a ZIP archive;');
    const bomb = gatecheck(['document', file('bomb.png')]);
    expect(bomb.code).toBe(1);
    expect(bomb.stderr).toContain('The image is 50,000 × 50,000 pixels (2,500 million)');
    const small = gatecheck(['document', file('phone.jpg')], { GATECHECK_MAX_DOCUMENT_BYTES: '1000' });
    expect(small.code).toBe(1);
    expect(small.stderr).toContain('the document limit is 1000 bytes (GATECHECK_MAX_DOCUMENT_BYTES)');
    const missing = gatecheck(['document', file('nope.jpg')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`gatecheck: cannot read ${file('nope.jpg')}: no such file\n`);
    const folder = gatecheck(['document', file('folder')]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`gatecheck: cannot read ${file('folder')}: it is a folder, not a file\n`);
  });
});

describe('gatecheck documents purge', () => {
  it('reports that nothing is due on a fresh data folder', () => {
    const dataDir = file('data');
    const run = gatecheck(['documents', 'purge', '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'No stored document or resume file has reached the end of its retention period.\nThis is the documents part of the retention sweep only; `gatecheck retention run` runs all of it (sign-in logs, verification media, closed cases …).\n',
    );
    const json = gatecheck(['documents', 'purge', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ deleted: 0, fileIds: [], resumeSubjects: [], failed: [] });
  });

  it('deletes a document whose retention is over, and audits it', async () => {
    const dataDir = file('expired');
    // Uploaded on 2026-03-20 with one day of retention: long over by now.
    const app = await createAppContext(
      loadConfig({ GATECHECK_DATA_DIR: dataDir, GATECHECK_DOCUMENT_RETENTION_DAYS: '1' }),
      { clock: new FixedClock('2026-03-20T12:00:00Z'), startJobs: false, sanctions: false, ip: false },
    );
    let fileId = '';
    try {
      await createSubject(app, cliActor(), buildBundle({ id: 'cand-0009' }));
      const uploaded = await uploadDocument(app, cliActor(), {
        subjectId: 'cand-0009',
        kind: 'passport',
        name: 'passport.jpg',
        body: readFileSync(file('phone.jpg')),
      });
      fileId = uploaded.file.id;
      expect(uploaded.file.retainUntil).toBe('2026-03-21T12:00:00.000Z');
    } finally {
      await closeAppContext(app);
    }
    const run = gatecheck(['documents', 'purge', '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Deleted 1 stored file whose retention period was over (1 document, 0 resumes; audited as document.deleted).\nThis is the documents part of the retention sweep only; `gatecheck retention run` runs all of it (sign-in logs, verification media, closed cases …).\n',
    );
    const database = createDatabase({ dataDir });
    try {
      const deleted = (await listAuditEntries(database.db, { limit: 100 })).filter(
        (e) => e.action === 'document.deleted',
      );
      expect(deleted).toHaveLength(1);
      expect(deleted[0]).toMatchObject({ targetId: 'cand-0009', data: { fileId, reason: 'retention' } });
    } finally {
      await database.close();
    }
  });
});
