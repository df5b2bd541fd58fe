// `gatecheck resume <file> [--json]`: read a PDF, DOCX or text resume and print what was found.
// Exit 0 read, 1 unreadable or invalid file; usage errors (no such file) are 2, from main.ts.
import { readFile, stat } from 'node:fs/promises';
import { RESUME_LIMITS, type ResumeReading, readResume } from '../../intel/resumes/index.ts';
import { UsageError } from '../read-bundles.ts';

export async function parseResumeCommand(file: string, options: { json?: boolean }): Promise<number> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) throw new UsageError(`no such file: ${file}`);
  if (info.size > RESUME_LIMITS.maxFileBytes) {
    process.stderr.write(
      `gatecheck: ${file}: the file is ${Math.round(info.size / 1024 / 1024)} MB; the limit is ${RESUME_LIMITS.maxFileBytes / 1024 / 1024} MB\n`,
    );
    return 1;
  }
  let reading: ResumeReading;
  try {
    const { text: _text, ...rest } = await readResume(await readFile(file));
    reading = rest;
  } catch (error) {
    process.stderr.write(`gatecheck: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(
    options.json === true ? `${JSON.stringify(reading, null, 2)}\n` : formatResume(reading),
  );
  return 0;
}

export function formatResume(r: ResumeReading): string {
  const out: string[] = [];
  const pages = r.pages === null ? '' : `, ${r.pages} page${r.pages === 1 ? '' : 's'}`;
  out.push(`Resume (${r.format.toUpperCase()}${pages}, ${r.characters} characters of text)`);
  out.push(`  name          ${r.name ?? '(not found)'}`);
  for (const e of r.emails) out.push(`  email         ${e}`);
  for (const p of r.phones)
    out.push(`  phone         ${p.e164}${p.country === null ? '' : ` (${p.country})`}`);
  for (const l of r.links) out.push(`  ${l.kind.padEnd(14)}${l.url}`);
  out.push(
    `  photo         ${r.photo ? `yes (${r.embeddedImages} embedded image${r.embeddedImages === 1 ? '' : 's'})` : 'no'}`,
  );
  out.push('', `Employment (${r.employment.length})`);
  for (const e of r.employment) {
    const when = `${e.start ?? '?'} – ${e.end === null ? 'present' : (e.end ?? '?')}`;
    const where = e.location === undefined ? '' : `, ${e.location}`;
    out.push(`  ${when.padEnd(20)}${e.title ?? '(no title)'} at ${e.employer ?? '(no employer)'}${where}`);
  }
  out.push('', `Education (${r.education.length})`);
  for (const e of r.education) {
    const when = e.end === undefined ? '' : `${e.end === null ? 'present' : e.end}  `;
    out.push(`  ${when}${[e.degree, e.institution].filter(Boolean).join(', ')}`);
  }
  out.push('', `Technologies (${r.technologies.length})`);
  if (r.technologies.length > 0) {
    out.push(
      `  ${r.technologies.map((t) => (t.years === undefined ? t.name : `${t.name} (${t.years} years)`)).join(', ')}`,
    );
  }
  return `${out.join('\n')}\n`;
}
