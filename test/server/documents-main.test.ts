// The server and document storage at start: a key file others can read stops the start with what to do, and
// retention runs right away (a document whose period ended while the server was down is deleted and audited).
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/clock/clock.ts';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { findDocumentFile } from '../../src/adapters/db/repositories/document-files.repository.ts';
import { loadConfig } from '../../src/config/config.ts';
import { startServer } from '../../src/server/main.ts';
import { cliActor } from '../../src/services/context.ts';
import { closeAppContext, createAppContext } from '../../src/services/create-app-context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { uploadDocument } from '../../src/services/upload-document.ts';
import { cameraJpeg } from '../documents/forensic-fixtures.ts';
import { buildBundle } from '../services/factories.ts';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gc-documents-main-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const serverConfig = (dir: string) => ({
  ...loadConfig({ GATECHECK_DATA_DIR: dir, HOST: '127.0.0.1' }),
  port: 0,
});

describe('server start and document storage', () => {
  it('generates the storage key 0600 at first start, and refuses to start with a key file others can read', async () => {
    const dir = dataDir();
    const first = await startServer(serverConfig(dir), { print: () => {}, handleSignals: false });
    await first.close();
    const keyFile = path.join(dir, 'storage.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    chmodSync(keyFile, 0o644);
    const refused = await startServer(serverConfig(dir), { print: () => {}, handleSignals: false }).catch(
      (error: unknown) => error,
    );
    expect((refused as Error).message).toBe(
      `The storage key file ${keyFile} can be read or written by other users (mode 0644). Gatecheck will not use it: run \`chmod 600 ${keyFile}\` (owner only) and start again.`,
    );
    expect((refused as Error).message).not.toContain(key);
  });

  it('deletes documents whose retention ended while it was down, at start, and audits it', async () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'storage.key'), `${Buffer.alloc(32, 9).toString('base64')}\n`, {
      mode: 0o600,
    });
    // Uploaded on 2026-03-20 with one day of retention.
    const app = await createAppContext(
      loadConfig({ GATECHECK_DATA_DIR: dir, GATECHECK_DOCUMENT_RETENTION_DAYS: '1' }),
      {
        clock: new FixedClock('2026-03-20T12:00:00Z'),
        startJobs: false,
        sanctions: false,
        ip: false,
      },
    );
    let fileId = '';
    try {
      await createSubject(app, cliActor(), buildBundle({ id: 'cand-0042' }));
      fileId = (
        await uploadDocument(app, cliActor(), {
          subjectId: 'cand-0042',
          kind: 'passport',
          name: 'passport.jpg',
          body: await cameraJpeg(),
        })
      ).file.id;
    } finally {
      await closeAppContext(app);
    }
    const lines: string[] = [];
    const server = await startServer(serverConfig(dir), {
      print: (l) => lines.push(l),
      handleSignals: false,
    });
    const check = await createAppContext(loadConfig({ GATECHECK_DATA_DIR: dir }), {
      startJobs: false,
      sanctions: false,
      ip: false,
    });
    try {
      let file = await findDocumentFile(check.database.db, fileId);
      for (let i = 0; i < 200 && file?.deletedAt === null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        file = await findDocumentFile(check.database.db, fileId);
      }
      expect(file).toMatchObject({ status: 'deleted', deletedReason: 'retention', storageKey: null });
      const audit = (await listAuditEntries(check.database.db, { limit: 100 })).filter(
        (e) => e.action === 'document.deleted',
      );
      expect(audit.map((e) => e.data)).toEqual([expect.objectContaining({ fileId, reason: 'retention' })]);
    } finally {
      await closeAppContext(check);
      await server.close();
    }
    expect(lines).toContain('Retention: deleted 1 file(s)');
  });
});
