// Server latency: GET one subject with its latest assessment at a fixed 200 requests/s on SQLite,
// with autocannon from loopback against a real server process started here.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const ROOT = path.resolve(import.meta.dirname, '..');
const EXAMPLES = path.resolve(ROOT, '../shared/examples');

export type ServerBenchResult = {
  endpoint: string;
  rate: number;
  seconds: number;
  requests: number;
  errors: number;
  non2xx: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
};

function waitForSetupLink(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/\S+\/setup\?token=[\w-]+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

export async function runServerBench(rate = 200, seconds = 15): Promise<ServerBenchResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gc-bench-'));
  const port = 18000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), 'start', '--no-build'], {
    env: {
      ...process.env,
      PORT: String(port),
      GATECHECK_DATA_DIR: dataDir,
      DATABASE_URL: '',
      GATECHECK_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const link = new URL(await waitForSetupLink(child));
    const base = `http://127.0.0.1:${port}/api/v1`;
    const setup = await fetch(`${base}/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: link.searchParams.get('token'),
        email: 'bench@example.com',
        name: 'Bench',
        password: 'correct horse battery staple',
      }),
    });
    if (!setup.ok) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${base}/auth/me`, { headers: { cookie } })).json()) as {
      csrfToken: string;
    };
    const tokenRes = await fetch(`${base}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ name: 'bench', role: 'viewer' }),
    });
    if (!tokenRes.ok) throw new Error(`token failed: ${tokenRes.status} ${await tokenRes.text()}`);
    const { token } = (await tokenRes.json()) as { token: string };
    const bundles = ['01-clean-legitimate', '02-clear-infiltrator', '03-ambiguous'].map((n) =>
      JSON.parse(readFileSync(path.join(EXAMPLES, `${n}.json`), 'utf8')),
    );
    const imported = await fetch(`${base}/subjects/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ bundles }),
    });
    if (!imported.ok) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);

    const endpoint = '/api/v1/subjects/emp-0207';
    const result = await autocannon({
      url: `http://127.0.0.1:${port}${endpoint}`,
      headers: { authorization: `Bearer ${token}` },
      connections: 10,
      overallRate: rate,
      duration: seconds,
    });
    return {
      endpoint: `GET ${endpoint}`,
      rate,
      seconds,
      requests: result.requests.total,
      errors: result.errors,
      non2xx: result.non2xx,
      p50Ms: result.latency.p50,
      p90Ms: result.latency.p90,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
    };
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
