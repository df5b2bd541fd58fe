import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUMAN_MODELS_DIR, HUMAN_VERSION, TFJS_WASM_DIR } from '../../src/intel/faces/model-files.ts';
import { HUMAN_MODELS_URL, HUMAN_WASM_URL, resolveVendorFile } from '../../src/server/static-models.ts';
import {
  HUMAN_BROWSER_VERSION,
  humanModelsUrl,
  humanWasmUrl,
} from '../../src/web/features/verify/human-config.ts';
import { createTestServer, type TestServer } from '../server/helpers.ts';

let t: TestServer;
beforeAll(async () => {
  t = await createTestServer('sqlite');
});
afterAll(async () => {
  await t.close();
});

function get(urlPath: string, method = 'GET'): Promise<Response> {
  return Promise.resolve(t.server.request(`http://localhost${urlPath}`, { method }));
}

describe('face models and wasm served by Gatecheck', () => {
  it('serves a model graph and its weights, unauthenticated, byte for byte, cached for good', async () => {
    expect(HUMAN_MODELS_URL).toBe(`/vendor/human/${HUMAN_VERSION}/models/`);
    const json = await get(`${HUMAN_MODELS_URL}facemesh.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const graph = (await json.json()) as { weightsManifest: { paths: string[] }[] };
    expect(graph.weightsManifest[0]?.paths).toEqual(['facemesh.bin']);

    const bin = await get(`${HUMAN_MODELS_URL}facemesh.bin`);
    expect(bin.status).toBe(200);
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
    const onDisk = readFileSync(path.join(HUMAN_MODELS_DIR, 'facemesh.bin'));
    expect(Buffer.from(await bin.arrayBuffer()).equals(onDisk)).toBe(true);
    expect(bin.headers.get('content-length')).toBe(String(onDisk.length));
  });

  it('serves the three tfjs wasm binaries as application/wasm', async () => {
    for (const name of [
      'tfjs-backend-wasm.wasm',
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
    ]) {
      const res = await get(`${HUMAN_WASM_URL}${name}`, 'HEAD');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/wasm');
      expect(res.headers.get('content-length')).toBe(
        String(readFileSync(path.join(TFJS_WASM_DIR, name)).length),
      );
    }
  });

  it('serves nothing else: other folders, types, versions, dot files or traversal', async () => {
    const refused = [
      `${HUMAN_MODELS_URL}nope.json`,
      `${HUMAN_MODELS_URL}README.md`,
      `${HUMAN_MODELS_URL}models.json/`,
      `${HUMAN_MODELS_URL}../package.json`,
      `${HUMAN_MODELS_URL}..%2fpackage.json`,
      `${HUMAN_MODELS_URL}%2e%2e%2f..%2fpackage.json`,
      `${HUMAN_MODELS_URL}.hidden.json`,
      `${HUMAN_MODELS_URL}sub/facemesh.json`,
      `${HUMAN_WASM_URL}tf-backend-wasm.js`,
      `${HUMAN_WASM_URL}tfjs-backend-wasm.js`,
      `/vendor/human/0.0.1/models/facemesh.json`,
      `/vendor/human/${HUMAN_VERSION}/dist/human.esm.js`,
      `/vendor/human/${HUMAN_VERSION}/models`,
    ];
    for (const p of refused) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.headers.get('cache-control'), p).toBe('no-store');
    }
    // A literal ../ is resolved by the URL itself (to /package.json, outside /vendor): never a package file.
    const escaped = await get(`${HUMAN_WASM_URL}../../../../package.json`);
    expect(await escaped.text()).not.toContain('"dependencies"');
    expect(resolveVendorFile(`${HUMAN_MODELS_URL}facemesh.json`)?.path).toBe(
      path.join(HUMAN_MODELS_DIR, 'facemesh.json'),
    );
    expect(resolveVendorFile(`${HUMAN_MODELS_URL}..`)).toBeNull();
    expect((await get(`${HUMAN_MODELS_URL}facemesh.json`, 'DELETE')).status).toBe(405);
  });

  it('the browser config points at these URLs, for the installed Human version', () => {
    expect(HUMAN_BROWSER_VERSION).toBe(HUMAN_VERSION);
    expect(humanModelsUrl()).toBe(HUMAN_MODELS_URL);
    expect(humanWasmUrl()).toBe(HUMAN_WASM_URL);
    expect(humanModelsUrl('https://gatecheck.example/')).toBe(`https://gatecheck.example${HUMAN_MODELS_URL}`);
  });
});
