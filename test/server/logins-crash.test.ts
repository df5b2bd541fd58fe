// An acknowledged hook delivery survives a crash: a real server process takes Okta events, answers 200,
// is killed with SIGKILL (no shutdown), and a new process on the same data directory has them — the same
// delivery again is all duplicates, and the stored events belong to the subject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedServer, launchServer } from '../../e2e/server.ts';
import { loadConfig } from '../../src/config/config.ts';
import { setOktaHookSecret } from '../../src/services/configure-hooks.ts';
import { SYSTEM_ACTOR } from '../../src/services/context.ts';
import { closeAppContext, createAppContext } from '../../src/services/create-app-context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { listSubjectLogins } from '../../src/services/list-subject-logins.ts';
import { buildBundle } from '../services/factories.ts';
import { oktaEvent, PYONGYANG, TORONTO } from '../services/logins-fixtures.ts';

type Server = LaunchedServer<true>;

/** A server process over `dataDir`, once it says it is running. */
function start(dataDir: string): Promise<Server> {
  return launchServer(dataDir, (output) => (output.includes('is running at') ? true : undefined), {
    timeoutMs: 90_000,
    waitingFor: 'start',
  });
}

async function kill(server: Server, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill(signal);
  await exited;
}

const delivery = {
  eventType: 'com.okta.event_hook',
  eventId: 'delivery-crash',
  data: {
    events: [
      oktaEvent({
        uuid: 'd0000000-0000-4000-8000-000000000001',
        published: '2026-03-19T08:00:00.000Z',
        login: 'emp-0207@example.com',
        ip: '99.230.12.10',
        ...TORONTO,
      }),
      oktaEvent({
        uuid: 'd0000000-0000-4000-8000-000000000002',
        published: '2026-03-19T08:30:00.000Z',
        login: 'emp-0207@example.com',
        ip: '175.45.176.20',
        ...PYONGYANG,
      }),
    ],
  },
};

describe('hook deliveries survive a crash', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gc-crash-'));
  const config = loadConfig({ GATECHECK_DATA_DIR: dataDir, DATABASE_URL: '' });
  let secret = '';
  const running: Server[] = [];

  beforeAll(async () => {
    const app = await createAppContext(config, { startJobs: false, sanctions: false, ip: false });
    try {
      await createSubject(app, SYSTEM_ACTOR, buildBundle({ id: 'emp-0207', name: 'Kyle Anderson' }));
      secret = (await setOktaHookSecret(app, SYSTEM_ACTOR)).secret;
    } finally {
      await closeAppContext(app);
    }
  });
  afterAll(async () => {
    for (const s of running) await kill(s, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('events acknowledged with 200 are there after SIGKILL and a restart', async () => {
    const post = (server: Server) =>
      fetch(`${server.baseUrl}/api/v1/hooks/okta`, {
        method: 'POST',
        headers: { authorization: secret, 'content-type': 'application/json' },
        body: JSON.stringify(delivery),
      });
    const first = await start(dataDir);
    running.push(first);
    const res = await post(first);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    await kill(first, 'SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await start(dataDir);
    running.push(second);
    const again = await post(second);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 2, jobId: null });
    await kill(second, 'SIGTERM');

    const app = await createAppContext(config, { startJobs: false, sanctions: false, ip: false });
    try {
      const logins = await listSubjectLogins(app, SYSTEM_ACTOR, 'emp-0207');
      expect(logins.items.map((i) => [i.at, i.ip])).toEqual([
        ['2026-03-19T08:30:00.000Z', '175.45.176.20'],
        ['2026-03-19T08:00:00.000Z', '99.230.12.10'],
      ]);
    } finally {
      await closeAppContext(app);
    }
  }, 240_000);
});
