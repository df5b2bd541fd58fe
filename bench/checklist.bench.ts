// `npm run bench checklist`: what the due-diligence checklist adds to storing an assessment. Every stored
// assessment (import, evidence, re-assess-all, …) now loads the subject's checklist (subject, case, item
// states, policy) and joins its open steps as gaps. Measured on SQLite with CHECKLIST_N subjects
// (default 2,000; the 02 example bundle, a third with recorded steps): the per-subject store load + core
// work, against a bare read of the subject's band (findSubjectRisk) as the floor; and core alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, migrateToLatest } from '../src/adapters/db/database.ts';
import { upsertChecklistState } from '../src/adapters/db/repositories/checklists.repository.ts';
import { findSubjectRisk, insertSubject } from '../src/adapters/db/repositories/subjects.repository.ts';
import type { CaseBundle } from '../src/core/bundle/schema.ts';
import { STAGE_ITEMS } from '../src/core/checklist/catalogue.ts';
import { buildChecklist, checklistGaps, DEFAULT_CHECKLIST_POLICY } from '../src/core/checklist/checklist.ts';
import { DEFAULT_POLICY } from '../src/core/policy.ts';
import { loadChecklistGaps } from '../src/services/internal/checklists.ts';

export type ChecklistBenchRow = {
  subjects: number;
  floorMsPerSubject: number;
  checklistMsPerSubject: number;
  addedMsPerSubject: number;
  coreOnlyPerSecond: number;
};

const ROOT = path.resolve(import.meta.dirname, '..');

export async function runChecklistBench(
  n = Number(process.env.CHECKLIST_N ?? 2000),
): Promise<ChecklistBenchRow> {
  const example = JSON.parse(
    readFileSync(path.resolve(ROOT, '../shared/examples/02-clear-infiltrator.json'), 'utf8'),
  ) as CaseBundle;
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-checklist-bench-'));
  const database = createDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db);
    const at = '2026-12-08T12:00:00.000Z';
    const by = { kind: 'user' as const, id: 'u1', name: 'Bench' };
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++) {
        const id = `bench-${i}`;
        await insertSubject(trx, { ...example, subject: { ...example.subject, id } }, at);
        if (i % 3 === 0)
          for (const item of STAGE_ITEMS.slice(0, 6))
            await upsertChecklistState(trx, id, { itemId: item.id, status: 'done', note: null, by, at });
      }
    });
    const now = new Date(at);
    const time = async (work: (id: string) => Promise<unknown>) => {
      const start = performance.now();
      for (let i = 0; i < n; i++) await work(`bench-${i}`);
      return (performance.now() - start) / n;
    };
    const floor = await time((id) => findSubjectRisk(database.db, id));
    const checklist = await time((id) => loadChecklistGaps(database.db, id, DEFAULT_POLICY, now, 'high'));

    const ctx = {
      subjectKind: 'employee' as const,
      startDate: '2026-01-05',
      band: 'high' as const,
      caseStatus: 'open' as const,
      policy: DEFAULT_CHECKLIST_POLICY,
      inPersonWindowDays: 30,
      now,
    };
    const states = STAGE_ITEMS.slice(0, 6).map((i) => ({
      itemId: i.id,
      status: 'done' as const,
      note: null,
      by,
      at,
    }));
    const rounds = 20_000;
    const start = performance.now();
    let gaps = 0;
    for (let i = 0; i < rounds; i++) gaps += checklistGaps(buildChecklist(ctx, states)).length;
    const coreMs = performance.now() - start;
    if (gaps === 0) throw new Error('the checklist produced no gaps');
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      subjects: n,
      floorMsPerSubject: round(floor),
      checklistMsPerSubject: round(checklist),
      addedMsPerSubject: round(checklist - floor),
      coreOnlyPerSecond: Math.round(rounds / (coreMs / 1000)),
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
