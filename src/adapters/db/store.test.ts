import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/db.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import { appendAudit, listAuditEntries, verifyAuditChain } from './audit.ts';
import { migrateToLatest, SQLITE_FILE_NAME } from './database.ts';
import type { AuditActor } from './records.ts';
import { insertAssessment, listAssessments } from './repositories/assessments.repository.ts';
import { insertCase, updateCaseStatus } from './repositories/cases.repository.ts';
import { consumeSetting, getSetting, putSetting } from './repositories/settings.repository.ts';
import { findSubject, insertSubject, querySubjects } from './repositories/subjects.repository.ts';
import { countActiveAdmins, findUserByEmail, insertUser } from './repositories/users.repository.ts';

const actor: AuditActor = { kind: 'system', id: null, name: 'test' };
const AT = '2026-01-10T12:00:00.000Z';

function bundle(id: string, name: string): CaseBundle {
  return { format: 'gatecheck.case-bundle/v1', subject: { id, name, kind: 'candidate', role: 'Developer' } };
}

for (const dialect of dialects) {
  describe(`store (${dialect})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
    });
    afterAll(async () => {
      await t?.destroy();
    });

    it('migrates idempotently', async () => {
      const again = await migrateToLatest(t.db);
      expect(again.applied).toEqual([]);
    });

    it('stores users with lower-case unique emails', async () => {
      await insertUser(t.db, {
        id: 'u1',
        email: 'Ada@Example.com',
        name: 'Ada',
        role: 'admin',
        passwordHash: 'x',
        at: AT,
      });
      expect((await findUserByEmail(t.db, 'ADA@example.COM'))?.id).toBe('u1');
      await expect(
        insertUser(t.db, {
          id: 'u2',
          email: 'ada@example.com',
          name: 'Ada 2',
          role: 'viewer',
          passwordHash: 'x',
          at: AT,
        }),
      ).rejects.toThrow();
      expect(await countActiveAdmins(t.db)).toBe(1);
    });

    it('stores settings as JSON and consumes them once', async () => {
      await putSetting(t.db, 'k', { a: 1 }, AT);
      await putSetting(t.db, 'k', { a: 2 }, AT);
      expect(await getSetting(t.db, 'k')).toEqual({ a: 2 });
      expect(await consumeSetting(t.db, 'k', { a: 1 })).toBe(false);
      expect(await consumeSetting(t.db, 'k', { a: 2 })).toBe(true);
      expect(await getSetting(t.db, 'k')).toBeUndefined();
    });

    it('stores subjects, cases and assessment history, and searches them', async () => {
      await t.db.transaction().execute(async (trx) => {
        for (const [id, name] of [
          ['s1', 'Daniel Moreau'],
          ['s2', 'Kyle 100%_Anderson'],
        ] as const) {
          await insertSubject(trx, bundle(id, name), AT);
          await insertCase(trx, {
            subjectId: id,
            status: 'open',
            assigneeId: 'u1',
            openedAt: AT,
            updatedAt: AT,
          });
        }
      });
      const base = {
        subject: 's1',
        score: 10,
        band: 'low' as const,
        signals: [],
        notEvaluated: [],
        assessedAt: AT,
        gaps: [],
        breakdown: [],
        reasons: [],
      };
      await insertAssessment(t.db, {
        id: 'a1',
        subjectId: 's1',
        createdAt: AT,
        trigger: 'created',
        assessment: base,
      });
      await insertAssessment(t.db, {
        id: 'a2',
        subjectId: 's1',
        createdAt: AT,
        trigger: 'manual',
        assessment: { ...base, score: 40 },
      });
      const history = await listAssessments(t.db, 's1');
      expect(history.map((h) => h.id)).toEqual(['a2', 'a1']);
      expect((await findSubject(t.db, 's2'))?.bundle.subject.name).toBe('Kyle 100%_Anderson');

      const all = await querySubjects(t.db, {});
      expect(all.total).toBe(2);
      expect(all.items[0]?.assignee).toEqual({ id: 'u1', name: 'Ada' });
      expect((await querySubjects(t.db, { q: 'MOREAU' })).items.map((i) => i.id)).toEqual(['s1']);
      expect((await querySubjects(t.db, { q: '%_' })).items.map((i) => i.id)).toEqual(['s2']);
      expect((await querySubjects(t.db, { q: '_' })).items.map((i) => i.id)).toEqual(['s2']);
      expect((await querySubjects(t.db, { status: 'escalated' })).total).toBe(0);

      expect(await updateCaseStatus(t.db, 's1', 'open', 'in_review', AT)).toBe(true);
      expect(await updateCaseStatus(t.db, 's1', 'open', 'in_review', AT)).toBe(false);
    });

    describe('audit chain', () => {
      it('appends linked entries and verifies them', async () => {
        await t.db.transaction().execute(async (trx) => {
          for (let i = 0; i < 5; i++) {
            await appendAudit(trx, {
              at: AT,
              actor,
              action: 'test.event',
              targetType: 'subject',
              targetId: `s${i}`,
              data: { i, nested: { b: [1, 'two'], a: null } },
            });
          }
        });
        const entries = await listAuditEntries(t.db, { limit: 10 });
        expect(entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
        expect(entries[0]?.prevHash).toBe(entries[1]?.hash);
        expect(await verifyAuditChain(t.db)).toEqual({ ok: true, entries: 5 });
      });

      it('serialises concurrent appends into one unbroken chain', async () => {
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            t.db.transaction().execute(async (trx) => {
              await appendAudit(trx, {
                at: AT,
                actor,
                action: 'test.concurrent',
                targetType: 'x',
                data: { i },
              });
            }),
          ),
        );
        expect(await verifyAuditChain(t.db)).toEqual({ ok: true, entries: 13 });
      });

      it('does not keep an entry whose transaction rolled back', async () => {
        await expect(
          t.db.transaction().execute(async (trx) => {
            await appendAudit(trx, { at: AT, actor, action: 'test.rollback', targetType: 'x' });
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect((await verifyAuditChain(t.db)).entries).toBe(13);
      });

      it('detects an edited entry and names its seq', async () => {
        await sql`update audit_log set data = ${'{"i":99}'} where seq = 3`.execute(t.db);
        const result = await verifyAuditChain(t.db);
        expect(result.ok).toBe(false);
        expect(result.firstBadSeq).toBe(3);
        expect(result.entries).toBe(2);
        expect(result.problem).toMatch(/edited/);
      });

      it('detects reordered entries', async () => {
        const rows = await t.db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', 'in', [6, 7])
          .orderBy('seq')
          .execute();
        const [six, seven] = rows;
        if (!six || !seven) throw new Error('missing rows');
        // Restore 3 first so only the swap is wrong.
        await t.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('audit_log').where('seq', 'in', [6, 7]).execute();
          await trx
            .insertInto('audit_log')
            .values({ ...seven, seq: 6 })
            .execute();
          await trx
            .insertInto('audit_log')
            .values({ ...six, seq: 7 })
            .execute();
        });
        const result = await verifyAuditChain(t.db);
        expect(result.ok).toBe(false);
        expect(result.firstBadSeq).toBe(3);
      });

      it('detects a deleted entry', async () => {
        await sql`delete from audit_log where seq >= 3`.execute(t.db);
        expect(await verifyAuditChain(t.db)).toEqual({ ok: true, entries: 2 });
        await t.db.transaction().execute(async (trx) => {
          for (let i = 0; i < 3; i++)
            await appendAudit(trx, { at: AT, actor, action: 'test.more', targetType: 'x' });
        });
        expect((await verifyAuditChain(t.db)).ok).toBe(true);
        await sql`delete from audit_log where seq = 4`.execute(t.db);
        const result = await verifyAuditChain(t.db);
        expect(result).toMatchObject({ ok: false, firstBadSeq: 4, entries: 3 });
        expect(result.problem).toMatch(/missing/);
        await sql`delete from audit_log where seq = 1`.execute(t.db);
        expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBadSeq: 1 });
      });

      it('detects a forged entry whose hash was recomputed but whose successor was not', async () => {
        await sql`delete from audit_log`.execute(t.db);
        await t.db.transaction().execute(async (trx) => {
          for (let i = 0; i < 3; i++)
            await appendAudit(trx, { at: AT, actor, action: 'test.x', targetType: 'x' });
        });
        await sql`update audit_log set hash = ${'f'.repeat(64)} where seq = 2`.execute(t.db);
        const result = await verifyAuditChain(t.db);
        expect(result).toMatchObject({ ok: false, firstBadSeq: 2 });
      });
    });
  });
}

describe('SQLite with two processes on one file', () => {
  it('waits for the other process to release the write lock instead of failing', async () => {
    const t = await createTestDatabase('sqlite');
    // Another process (think: the CLI next to the server) holds the write lock for 300 ms.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const d = new D(process.argv[1]); d.exec('begin immediate');
         process.stdout.write('locked\\n'); setTimeout(() => { d.exec('commit'); d.close(); }, 300);`,
        path.join(t.options.dataDir, SQLITE_FILE_NAME),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('locked')) resolve();
        });
        holder.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
      });
      await t.db.transaction().execute(async (trx) => {
        await trx.selectFrom('audit_log').select('seq').execute();
        await appendAudit(trx, { at: AT, actor, action: 'test.two', targetType: 'x' });
      });
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, entries: 1 });
    } finally {
      holder.kill();
      await t.destroy();
    }
  });
});
