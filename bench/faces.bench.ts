// Face analysis speed with @vladmandic/human on the tfjs wasm backend (this machine's CPU):
// - Node, per frame: (a) detector + mesh + iris, (b) + hands, (c) everything (+ embedding, anti-spoofing,
//   liveness), on a 640 × 480 frame holding a real portrait (scikit-image's astronaut.png).
// - Headless Chromium (Debian chromium via playwright-core), frames/s on a 640 × 480 canvas, the page
//   served by a loopback server with Gatecheck's real model route (static-models.ts) and security headers;
//   every request outside that server is refused and counted.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { analyzeRgb, type DecodedRgb, type FaceModelSet, getHuman } from '../src/intel/faces/human-node.ts';
import { HUMAN_NODE_WASM_ENTRY, HUMAN_VERSION } from '../src/intel/faces/model-files.ts';
import { SECURITY_HEADERS, VERIFY_PAGE_CSP } from '../src/server/middleware/security-headers.ts';
import { staticModels } from '../src/server/static-models.ts';
import {
  ANTISPOOF_EVERY_MS,
  EMBEDDING_EVERY_MS,
  frameConfig,
  HANDS_EVERY_FRAMES,
  humanBrowserConfig,
} from '../src/web/features/verify/human-config.ts';
import { SKIMAGE_DATA } from '../test/faces/face-images.ts';

const WIDTH = 640;
const HEIGHT = 480;
const NODE_FRAMES = 20;
const BROWSER_FRAMES = 40;

export type NodeRow = { models: string; msPerFrame: number; p95Ms: number; fps: number; faces: number };
export type BrowserRow = {
  scenario: string;
  fps: number;
  msPerFrame: number;
  p95Ms: number;
  faceFrames: string;
  handRuns: number;
};

function portraitFrame(): Promise<Buffer> {
  // The portrait scaled to the frame height and centred on grey, as a webcam frame would hold a face.
  return sharp(path.join(SKIMAGE_DATA, 'astronaut.png'))
    .resize({ height: HEIGHT })
    .extend({ left: (WIDTH - HEIGHT) / 2, right: (WIDTH - HEIGHT) / 2, background: '#7f7f7f' })
    .png()
    .toBuffer();
}

function stats(times: number[]): { mean: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
  return { mean, p95 };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

export async function runNodeFacesBench(): Promise<{ loadMs: number; rows: NodeRow[] }> {
  const png = await portraitFrame();
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const frame: DecodedRgb = { data: new Uint8Array(data), width: info.width, height: info.height };
  const t0 = performance.now();
  await getHuman();
  const loadMs = Math.round(performance.now() - t0);
  const rows: NodeRow[] = [];
  const sets: [FaceModelSet, string][] = [
    ['mesh', '(a) detector + mesh + iris'],
    ['mesh+hands', '(b) + hands'],
    ['full', '(c) everything (+ embedding, anti-spoof, liveness)'],
  ];
  for (const [set, label] of sets) {
    for (let i = 0; i < 3; i++) await analyzeRgb(frame, { models: set });
    const times: number[] = [];
    let faces = 0;
    for (let i = 0; i < NODE_FRAMES; i++) {
      const started = performance.now();
      const result = await analyzeRgb(frame, { models: set });
      times.push(performance.now() - started);
      faces += result.faces.length;
    }
    const { mean, p95 } = stats(times);
    rows.push({ models: label, msPerFrame: r1(mean), p95Ms: r1(p95), fps: r1(1000 / mean), faces });
  }
  return { loadMs, rows };
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>faces bench</title></head>
<body><img id="portrait" src="/bench/portrait.png" alt=""><canvas id="frame" width="${WIDTH}" height="${HEIGHT}"></canvas>
<script type="module" src="/bench/page.js"></script></body></html>`;

// The page module: loads Human from our server, then exposes one function the bench calls per scenario.
const PAGE_JS = `import { Human } from '/bench/human.esm.js';
const setup = await (await fetch('/bench/setup.json')).json();
const human = new Human(setup.construct);
await human.load();
const canvas = document.getElementById('frame');
const ctx = canvas.getContext('2d', { willReadFrequently: true });
const img = document.getElementById('portrait');
await img.decode();
window.benchInfo = { backend: human.tf.getBackend(), simd: await human.tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
  threads: await human.tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'), isolated: self.crossOriginIsolated };
window.runScenario = async (scenario, frames) => {
  let embeddingAt = null, antispoofAt = null, faceFrames = 0, handRuns = 0;
  const times = [];
  for (let i = -3; i < frames; i++) {
    // A small sway so no two frames are identical.
    ctx.fillStyle = '#7f7f7f'; ctx.fillRect(0, 0, ${WIDTH}, ${HEIGHT});
    ctx.drawImage(img, Math.round(6 * Math.sin(i / 3)), 0);
    const now = performance.now();
    let key;
    if (scenario.fixed) key = scenario.fixed;
    else {
      const e = embeddingAt === null || now - embeddingAt >= setup.embeddingEveryMs;
      const a = antispoofAt === null || now - antispoofAt >= setup.antispoofEveryMs;
      if (e) embeddingAt = now;
      if (a) antispoofAt = now;
      const h = scenario.hands && (i % (scenario.handsEvery ?? 1)) === 0;
      key = (h ? 'h' : '-') + (e ? 'e' : '-') + (a ? 'a' : '-');
    }
    const started = performance.now();
    const result = await human.detect(canvas, setup.frames[key]);
    const ms = performance.now() - started;
    if (result.error) throw new Error(result.error);
    if (i >= 0) {
      times.push(ms);
      if (result.face.length > 0) faceFrames++;
      if (key[0] === 'h') handRuns++;
    }
  }
  return { times, faceFrames, handRuns };
};
window.benchReady = true;
`;

type RunScenario = (
  scenario: { hands?: boolean; handsEvery?: number; fixed?: string },
  frames: number,
) => Promise<{ times: number[]; faceFrames: number; handRuns: number }>;

function frameConfigs() {
  const frames: Record<string, unknown> = {};
  for (const hands of [false, true]) {
    for (const embedding of [false, true]) {
      for (const antispoof of [false, true]) {
        const key = (hands ? 'h' : '-') + (embedding ? 'e' : '-') + (antispoof ? 'a' : '-');
        frames[key] = frameConfig({ hands, embedding, antispoof });
      }
    }
  }
  return frames;
}

export async function runBrowserFacesBench(): Promise<{
  info: Record<string, unknown>;
  loadMs: number;
  externalRequests: string[];
  rows: BrowserRow[];
}> {
  const portrait = await portraitFrame();
  const humanEsm = readFileSync(path.join(path.dirname(HUMAN_NODE_WASM_ENTRY), 'human.esm.js'));
  const setup = {
    construct: humanBrowserConfig(),
    frames: frameConfigs(),
    embeddingEveryMs: EMBEDDING_EVERY_MS,
    antispoofEveryMs: ANTISPOOF_EVERY_MS,
  };
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    // The verification page's CSP (what the server sends for documents under /verify/): Gatecheck's plus
    // 'wasm-unsafe-eval', without which Chromium refuses the tfjs wasm binary and Human falls back to WebGL.
    c.res.headers.set('content-security-policy', VERIFY_PAGE_CSP);
  });
  app.all('/vendor/human/*', staticModels());
  app.get('/bench/faces.html', (c) => c.html(PAGE));
  app.get('/bench/page.js', (c) => c.body(PAGE_JS, 200, { 'content-type': 'text/javascript' }));
  app.get('/bench/human.esm.js', (c) => c.body(humanEsm, 200, { 'content-type': 'text/javascript' }));
  app.get('/bench/portrait.png', (c) =>
    c.body(new Uint8Array(portrait), 200, { 'content-type': 'image/png' }),
  );
  app.get('/bench/setup.json', (c) => c.json(setup));
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  const externalRequests: string[] = [];
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('crash', () => errors.push('the page crashed'));
    page.on('console', (m) => {
      if (process.env.BENCH_DEBUG) console.log('page:', m.type(), m.text().slice(0, 300));
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      externalRequests.push(url);
      return route.abort();
    });
    const t0 = performance.now();
    await page.goto(`${origin}/bench/faces.html`);
    try {
      await page.waitForFunction(
        () => (window as unknown as { benchReady?: boolean }).benchReady === true,
        undefined,
        {
          timeout: 120_000,
        },
      );
    } catch (error) {
      throw new Error(`the bench page did not start: ${errors.join(' | ') || String(error)}`);
    }
    const loadMs = Math.round(performance.now() - t0);
    const info = await page.evaluate(
      () => (window as unknown as { benchInfo: Record<string, unknown> }).benchInfo,
    );
    // The machine's load (1-minute average) when the browser part starts: on a shared 2-core machine the
    // frame rates scale with it, so it is reported next to them.
    info.loadAverage1m = Math.round((loadavg()[0] ?? 0) * 10) / 10;
    if (process.env.BENCH_DEBUG) console.log(info, loadMs, errors);
    if (info.backend !== 'wasm')
      throw new Error(`Human runs on ${String(info.backend)}, not wasm: ${errors.join(' | ')}`);
    const scenarios: [string, { hands?: boolean; handsEvery?: number; fixed?: string }][] = [
      ['face + mesh + iris, scheduled embedding/anti-spoof (no hand challenge)', { hands: false }],
      [
        `hand challenge as the page runs it: + hands on 1 frame in ${HANDS_EVERY_FRAMES} (boxes held between)`,
        { hands: true, handsEvery: HANDS_EVERY_FRAMES },
      ],
      ['hand challenge, hands every 2nd frame', { hands: true, handsEvery: 2 }],
      ['hand challenge, hands every frame (before scheduling)', { hands: true, handsEvery: 1 }],
      ['detector + mesh + iris every frame', { fixed: '---' }],
      ['+ hands every frame', { fixed: 'h--' }],
      ['everything every frame', { fixed: 'hea' }],
    ];
    const rows: BrowserRow[] = [];
    for (const [label, scenario] of scenarios) {
      const out = await page
        .evaluate(([s, n]) => (window as unknown as { runScenario: RunScenario }).runScenario(s, n), [
          scenario,
          BROWSER_FRAMES,
        ] as const)
        .catch((error: unknown) => {
          throw new Error(`${label}: ${errors.join(' | ') || String(error)}`);
        });
      const { mean, p95 } = stats(out.times);
      rows.push({
        scenario: label,
        fps: r1(1000 / mean),
        msPerFrame: r1(mean),
        p95Ms: r1(p95),
        faceFrames: `${out.faceFrames}/${out.times.length}`,
        handRuns: out.handRuns,
      });
    }
    return { info, loadMs, externalRequests, rows };
  } finally {
    await browser.close();
    server.close();
  }
}

export async function runFacesBench() {
  const node = await runNodeFacesBench();
  const browser = await runBrowserFacesBench();
  return { human: HUMAN_VERSION, frame: `${WIDTH}x${HEIGHT}`, node, browser };
}
