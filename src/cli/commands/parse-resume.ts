// `gatecheck resume <file> [--json]`: read a PDF, DOCX or text resume and print what was found.
// `gatecheck resume <file> --subject <id>`: also store it as that subject's resume evidence in the local
// database (like `gatecheck import`) and print what changed.
// Exit 0 read (or stored, or already stored), 1 unreadable or invalid file or unknown subject; usage errors
// (no such file) are 2, from main.ts.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDomainError } from '../../core/errors.ts';
import { RESUME_LIMITS, type ResumeReading, readResume } from '../../intel/resumes/index.ts';
import { cliActor } from '../../services/context.ts';
import { importResume, type ResumeImportResult } from '../../services/import-resume.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { bandLabel, warn } from '../output.ts';
import { UsageError } from '../read-bundles.ts';

export type ResumeCommandOptions = { json?: boolean; subject?: string } & Partial<StoreOptions>;

export async function parseResumeCommand(file: string, options: ResumeCommandOptions): Promise<number> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) throw new UsageError(`no such file: ${file}`);
  if (info.size > RESUME_LIMITS.maxFileBytes) {
    process.stderr.write(
      `gatecheck: ${file}: the file is ${Math.round(info.size / 1024 / 1024)} MB; the limit is ${RESUME_LIMITS.maxFileBytes / 1024 / 1024} MB\n`,
    );
    return 1;
  }
  if (options.subject !== undefined) return storeResume(file, options.subject, options);
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

/** Stores the file as the subject's resume evidence and prints what changed. */
async function storeResume(file: string, subjectId: string, options: ResumeCommandOptions): Promise<number> {
  if (subjectId.trim() === '') throw new UsageError('--subject needs a subject id');
  const bytes = await readFile(file);
  let result: ResumeImportResult;
  try {
    result = await withAppContext(
      { dataDir: options.dataDir ?? './data', databaseUrl: options.databaseUrl },
      (app) =>
        importResume(app, cliActor(process.env.USER ?? 'cli'), subjectId, {
          bytes,
          name: path.basename(file),
        }),
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    warn(`gatecheck: ${file}: ${error.message}`);
    for (const p of error.problems ?? []) if (p.path !== '(file)') warn(`  ${p.path}: ${p.message}`);
    return 1;
  }
  const { subject, summary } = result;
  const assessment = subject.assessment;
  if (options.json === true) {
    const out = {
      subject: subject.id,
      summary,
      assessment: assessment
        ? {
            score: assessment.score,
            band: assessment.band,
            signals: assessment.signals.map((s) => ({
              id: s.id,
              severity: s.severity,
              evidence: s.evidence,
            })),
          }
        : null,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(formatStored(subject.id, subject.bundle.subject.name, result));
  return 0;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatStored(
  id: string,
  name: string | undefined,
  { subject, summary: s }: ResumeImportResult,
): string {
  const who = name ? `${id} (${name})` : id;
  const pages = s.pages === null ? '' : `, ${count(s.pages, 'page')}`;
  if (!s.changed)
    return `Nothing changed: ${who} already has this reading of ${s.file} (${s.format.toUpperCase()}${pages}).\n`;
  const out: string[] = [`Stored ${s.file} (${s.format.toUpperCase()}${pages}) as the resume of ${who}`];
  const contact = [
    s.name === null ? 'no name read' : `name ${s.name}`,
    count(s.emails, 'email'),
    count(s.phones, 'phone'),
    count(s.links, 'link'),
    ...(s.location === null ? [] : [`location ${s.location}`]),
  ];
  out.push(`  contact       ${contact.join(', ')}`);
  out.push(
    `  employment    ${count(s.employment, 'entry', 'entries')} from the resume (replaced ${s.replaced.employment})`,
  );
  out.push(
    `  education     ${count(s.education, 'entry', 'entries')} from the resume (replaced ${s.replaced.education})`,
  );
  out.push(`  technologies  ${s.technologies}`);
  for (const url of s.profilesAdded) out.push(`  profile added ${url}`);
  if (s.textTruncated) out.push(`  text          the first 200,000 of ${s.characters} characters kept`);
  const a = subject.assessment;
  if (a) {
    out.push(`  assessment    ${bandLabel(a.band)} ${a.score}, ${count(a.signals.length, 'signal')}`);
    for (const sig of a.signals.filter((x) => x.evidence.some((e) => e.startsWith('resume.'))))
      out.push(`    ${sig.id}: ${sig.explanation}`);
  }
  return `${out.join('\n')}\n`;
}
