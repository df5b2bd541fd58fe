// Real PDF (pdf-lib) and DOCX (docx) files made from the same resume lines must read to the same fields.
import { describe, expect, it } from 'vitest';
import {
  buildDocxZipBomb,
  buildResumeDocx,
  buildResumePdf,
  RESUME_TEXT,
} from '../../../test/resumes/build.ts';
import { caseBundleSchema } from '../../core/bundle/schema.ts';
import { parseResumeText, ResumeFileError, readResume, resumeDate, sniffResumeFormat } from './index.ts';

const fields = ({
  text: _t,
  format: _f,
  pages: _p,
  photo: _ph,
  embeddedImages: _e,
  characters: _c,
  ...rest
}: Awaited<ReturnType<typeof readResume>>) => rest;

describe('readResume', () => {
  it('a PDF, a DOCX and the plain text of the same resume give the same fields', async () => {
    const pdf = await readResume(await buildResumePdf());
    const docx = await readResume(await buildResumeDocx());
    const text = await readResume(Buffer.from(RESUME_TEXT));
    expect([pdf.format, docx.format, text.format]).toEqual(['pdf', 'docx', 'text']);
    expect(pdf.pages).toBe(1);
    expect(fields(docx)).toEqual(fields(pdf));
    expect(fields(text)).toEqual(fields(pdf));
    expect(pdf.name).toBe('Jordan Avery Lee');
    expect(pdf.emails).toEqual(['jordan.lee@example.com']);
    expect(pdf.phones).toEqual([{ e164: '+14155550132', country: 'US', text: '+1 (415) 555-0132' }]);
    expect(pdf.links).toEqual([
      { kind: 'github', url: 'https://github.com/jordanlee-dev' },
      { kind: 'linkedin', url: 'https://www.linkedin.com/in/jordan-avery-lee' },
      { kind: 'portfolio', url: 'https://jordanlee.dev' },
    ]);
    expect(pdf.employment).toEqual([
      {
        employer: 'Shopwise Inc.',
        title: 'Senior Software Engineer',
        start: '2019-01',
        end: '2022-08',
        location: 'Ottawa, Canada',
        source: 'resume',
      },
      {
        employer: 'Globex Corporation',
        title: 'Software Engineer',
        start: '2016-03',
        end: '2018-12',
        location: 'Austin, TX',
        source: 'resume',
      },
      {
        employer: 'Initech LLC',
        title: 'Backend Developer',
        start: '2022-09',
        end: null,
        location: 'Remote',
        source: 'resume',
      },
    ]);
    expect(pdf.education).toEqual([
      {
        institution: 'University of Waterloo',
        degree: 'Bachelor of Mathematics (BMath), Computer Science',
        start: '2011-09',
        end: '2015-06',
        source: 'resume',
      },
    ]);
    expect(pdf.technologies).toEqual(
      expect.arrayContaining([
        { name: 'Python', years: 7 },
        { name: 'React', years: 5 },
        { name: 'Terraform', years: 3 },
        { name: 'TypeScript' },
        { name: 'Go' },
        { name: 'Kubernetes' },
      ]),
    );
  });

  it('the entries fit a case bundle as they are', async () => {
    const r = await readResume(Buffer.from(RESUME_TEXT));
    const bundle = {
      format: 'gatecheck.case-bundle/v1',
      subject: { id: 'cand-1' },
      employment: r.employment,
      education: r.education,
    };
    expect(caseBundleSchema.safeParse(bundle).success).toBe(true);
  });

  it('notices an embedded photo in a PDF and in a DOCX, and its absence', async () => {
    expect((await readResume(await buildResumePdf(undefined, { image: true }))).photo).toBe(true);
    expect((await readResume(await buildResumeDocx(undefined, { image: true }))).embeddedImages).toBe(1);
    expect((await readResume(await buildResumePdf())).photo).toBe(false);
    expect((await readResume(await buildResumeDocx())).photo).toBe(false);
  });

  it('sniffs the type from the content, not a name', async () => {
    expect(sniffResumeFormat(await buildResumePdf())).toBe('pdf');
    expect(sniffResumeFormat(await buildResumeDocx())).toBe('docx');
    expect(sniffResumeFormat(Buffer.from(RESUME_TEXT))).toBe('text');
    expect(sniffResumeFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toBe('unknown');
  });

  it('a truncated PDF and garbage are refused with a clear error', async () => {
    const pdf = await buildResumePdf();
    await expect(readResume(pdf.subarray(0, 400))).rejects.toThrow(
      /the PDF cannot be read .*truncated or damaged/,
    );
    await expect(readResume(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]))).rejects.toThrow(
      /not a PDF, a Word document \(\.docx\) or text/,
    );
    await expect(readResume(new Uint8Array(0))).rejects.toThrow('the file is empty');
    await expect(readResume((await buildResumeDocx()).subarray(0, 300))).rejects.toThrow(ResumeFileError);
  });

  it('a DOCX zip bomb (1 GB document.xml in a 1 MB file) is refused at the cap, honest or lying headers', async () => {
    for (const lie of [false, true]) {
      const bomb = buildDocxZipBomb({ megabytes: 1024, lie });
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      const before = process.memoryUsage().arrayBuffers;
      await expect(readResume(bomb)).rejects.toThrow(
        /entry word\/document\.xml inflates to more than 32 MB .*refusing a possible zip bomb/,
      );
      // Nothing near the inflated size was kept (the cap is 32 MB).
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(200 * 1024 * 1024);
    }
  });

  it('refuses a file over the size limit', async () => {
    await expect(readResume(Buffer.alloc(21 * 1024 * 1024, 0x41))).rejects.toThrow(
      'the file is 21 MB; the limit is 20 MB',
    );
  });
});

describe('parseResumeText', () => {
  it.each([
    ['Jan 2019', '2019-01'],
    ['September 2020', '2020-09'],
    ['Sept. 2020', '2020-09'],
    ['2019-04', '2019-04'],
    ['03/2018', '2018-03'],
    ['2017', '2017'],
    ['Present', null],
    ['13/2018', undefined],
  ])('date %s → %s', (token, expected) => {
    expect(resumeDate(token)).toBe(expected);
  });

  it('reads "Work History" with dates before the header and "to" ranges', () => {
    const r = parseResumeText(
      [
        'Work History',
        'June 2015 to May 2017',
        'Data Analyst, Acme, Inc.',
        '- reports',
        'Employment history:',
      ].join('\n'),
    );
    expect(r.employment).toEqual([
      { title: 'Data Analyst', employer: 'Acme, Inc.', start: '2015-06', end: '2017-05', source: 'resume' },
    ]);
  });

  it('national phone numbers need a country; links without a scheme are found', () => {
    const text = 'Call 020 7946 0958, see github.com/someone and linkedin.com/in/someone';
    expect(parseResumeText(text).phones).toEqual([]);
    expect(parseResumeText(text, { defaultCountry: 'GB' }).phones).toEqual([
      { e164: '+442079460958', country: 'GB', text: '020 7946 0958' },
    ]);
    expect(parseResumeText(text).links.map((l) => l.kind)).toEqual(['github', 'linkedin']);
  });

  it('finds no employment when there is no experience section', () => {
    expect(parseResumeText('Jane Doe\nI like 2019 – 2020 things').employment).toEqual([]);
  });
});
