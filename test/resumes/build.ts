// Builds real resume files for tests and benchmarks: the same lines as a PDF (pdf-lib), a DOCX (docx)
// and plain text, plus hostile files (a truncated PDF, DOCX zip bombs). Nothing is read from disk.
import { crc32, deflateRawSync, constants as zlib } from 'node:zlib';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const RESUME_LINES = [
  'Jordan Avery Lee',
  'jordan.lee@example.com | +1 (415) 555-0132 | https://github.com/jordanlee-dev',
  'https://www.linkedin.com/in/jordan-avery-lee | https://jordanlee.dev',
  '',
  'Summary',
  'Backend engineer with 7 years of Python and 5 years of React.',
  '',
  'Experience',
  'Senior Software Engineer | Shopwise Inc. | Ottawa, Canada | Jan 2019 – Aug 2022',
  '- Built the payments service in Go and PostgreSQL',
  'Globex Corporation, Austin, TX',
  'Software Engineer',
  '03/2016 - 12/2018',
  '- Maintained Django services',
  'Backend Developer at Initech LLC (Remote)   2022-09 – present',
  '- Kubernetes, Terraform',
  '',
  'Education',
  'University of Waterloo',
  'Bachelor of Mathematics (BMath), Computer Science',
  'Sep 2011 – Jun 2015',
  '',
  'Skills',
  'Languages: Python, TypeScript, Go',
  'Tools: Docker, Kubernetes, PostgreSQL, 3 years of Terraform',
];

export const RESUME_TEXT = `${RESUME_LINES.join('\n')}\n`;

/** The same resume with other contact lines under the name (the lines after them unchanged). */
export function resumeLinesWith(contact: string[], name = RESUME_LINES[0] ?? ''): string[] {
  return [name, ...contact, ...RESUME_LINES.slice(3)];
}

/** The resume with a location in its contact block, as many resumes have. */
export const LOCATED_RESUME_LINES = resumeLinesWith([
  'jordan.lee@example.com | +1 (415) 555-0132 | San Francisco, CA',
  'https://github.com/jordanlee-dev | https://www.linkedin.com/in/jordan-avery-lee | https://jordanlee.dev',
]);

/** A one-page PDF with each line drawn as text; `image: true` also embeds a small PNG (a "photo"). */
export async function buildResumePdf(
  lines = RESUME_LINES,
  options: { image?: boolean } = {},
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setProducer('pdf-lib test fixture');
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  let y = 750;
  for (const line of lines) {
    if (line !== '') page.drawText(line, { x: 50, y, size: 10, font });
    y -= 16;
  }
  if (options.image === true) {
    const png = await pdf.embedPng(tinyPng());
    page.drawImage(png, { x: 500, y: 700, width: 60, height: 60 });
  }
  return pdf.save();
}

/** A DOCX with one paragraph per line; `image: true` adds word/media/image1.png. */
export async function buildResumeDocx(
  lines = RESUME_LINES,
  options: { image?: boolean } = {},
): Promise<Buffer> {
  const { ImageRun } = await import('docx');
  const children = lines.map((line) => new Paragraph({ children: [new TextRun(line)] }));
  if (options.image === true) {
    children.unshift(
      new Paragraph({
        children: [new ImageRun({ type: 'png', data: tinyPng(), transformation: { width: 60, height: 60 } })],
      }),
    );
  }
  const doc = new Document({ creator: 'test fixture', sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** A 2×2 red PNG. */
export function tinyPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  );
}

/**
 * A DOCX-shaped zip whose word/document.xml inflates to `gigabytes` GB of spaces while the zip is
 * a few hundred KB. `lie: true` declares a tiny uncompressed size in the headers, as bombs do.
 */
export function buildDocxZipBomb(options: { megabytes?: number; lie?: boolean } = {}): Buffer {
  const megabytes = options.megabytes ?? 1024;
  // 16 MB of spaces deflated with a sync flush ends on a byte boundary without the final bit, so
  // copies of it can be chained; back-references only reach spaces, which every copy starts after.
  const chunkMb = 16;
  const chunk = deflateRawSync(Buffer.alloc(chunkMb * 1024 * 1024, 0x20), {
    level: 9,
    finishFlush: zlib.Z_SYNC_FLUSH,
  });
  const copies = Math.ceil(megabytes / chunkMb);
  const body = Buffer.concat([...Array.from({ length: copies }, () => chunk), Buffer.from([0x03, 0x00])]);
  const size = options.lie === true ? 1000 : Math.min(copies * chunkMb * 1024 * 1024, 0xffffffff);
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>'), method: 0 },
    { name: 'word/document.xml', compressed: body, size, method: 8 },
  ]);
}

type ZipEntry =
  | { name: string; data: Buffer; method: 0 }
  | { name: string; compressed: Buffer; size: number; method: 8 };

function buildZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const payload = entry.method === 0 ? entry.data : entry.compressed;
    const size = entry.method === 0 ? entry.data.length : entry.size;
    const crc = entry.method === 0 ? crc32(entry.data) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(payload.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, payload);
    centrals.push(central, name);
    offset += local.length + name.length + payload.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
