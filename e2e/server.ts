// Starts a real Gatecheck server process on a free port with its own data directory, for browser tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const EXAMPLES = path.resolve(ROOT, '../shared/examples');

export type RunningServer = {
  baseUrl: string;
  setupLink: string;
  output: () => string;
  stop: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export type LaunchedServer<T> = { child: ChildProcess; baseUrl: string; output: () => string; ready: T };

/**
 * Spawns `gatecheck start` on a free port over `dataDir` and waits until `ready` finds what it waits for
 * in the output (its answer is returned as `ready`); fails when the process exits or time runs out.
 */
export async function launchServer<T>(
  dataDir: string,
  ready: (output: string) => T | undefined,
  options: { env?: Record<string, string>; timeoutMs: number; waitingFor: string },
): Promise<LaunchedServer<T>> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/gatecheck.js'), 'start', '--no-build'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        GATECHECK_DATA_DIR: dataDir,
        DATABASE_URL: '',
        GATECHECK_PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const found = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not ${options.waitingFor}:\n${output}`)),
      options.timeoutMs,
    );
    const poll = setInterval(() => {
      const value = ready(output);
      if (value === undefined) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve(value);
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}:\n${output}`));
    });
  });
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => output, ready: found };
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gc-e2e-'));
  const {
    child,
    baseUrl,
    output,
    ready: setupLink,
  } = await launchServer(dataDir, (text) => /(http:\/\/\S+\/setup\?token=[\w-]+)/.exec(text)?.[1], {
    env: extraEnv,
    timeoutMs: 60_000,
    waitingFor: 'print a setup link',
  });
  return {
    baseUrl,
    setupLink,
    output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
