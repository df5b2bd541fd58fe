// Serves the face models and the tfjs wasm binaries to the candidate's browser from Gatecheck itself (no CDN):
//   /vendor/human/<human version>/models/<name>.json|.bin   from @vladmandic/human/models
//   /vendor/human/<human version>/wasm/<name>.wasm          from @tensorflow/tfjs-backend-wasm/dist
// Public (the verification page has no session), cached for good (the version is in the path), and only
// flat file names with those extensions from those two folders: no path segments, no dot files, no traversal.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import { HUMAN_MODELS_DIR, HUMAN_VERSION, TFJS_WASM_DIR } from '../intel/faces/model-files.ts';

export const HUMAN_VENDOR_PREFIX = `/vendor/human/${HUMAN_VERSION}`;
export const HUMAN_MODELS_URL = `${HUMAN_VENDOR_PREFIX}/models/`;
export const HUMAN_WASM_URL = `${HUMAN_VENDOR_PREFIX}/wasm/`;

type Folder = { dir: string; types: Readonly<Record<string, string>> };

const FOLDERS: Readonly<Record<string, Folder>> = {
  models: {
    dir: HUMAN_MODELS_DIR,
    types: { '.json': 'application/json; charset=utf-8', '.bin': 'application/octet-stream' },
  },
  wasm: { dir: TFJS_WASM_DIR, types: { '.wasm': 'application/wasm' } },
};

/** A plain file name: letters, digits, dot, dash, underscore; not starting with a dot. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Hono handler for `GET|HEAD /vendor/human/*`; anything else under that prefix is a 404. */
export function staticModels() {
  return async (c: Context): Promise<Response> => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') {
      return c.text('Method not allowed', 405, { allow: 'GET, HEAD' });
    }
    const file = resolveVendorFile(c.req.path);
    if (file === null) return c.text('Not found', 404, { 'cache-control': 'no-store' });
    let size: number;
    try {
      const info = await stat(file.path);
      if (!info.isFile()) return c.text('Not found', 404, { 'cache-control': 'no-store' });
      size = info.size;
    } catch {
      return c.text('Not found', 404, { 'cache-control': 'no-store' });
    }
    const headers = {
      'content-type': file.type,
      'content-length': String(size),
      'cache-control': IMMUTABLE,
    };
    if (method === 'HEAD') return c.body(null, 200, headers);
    return c.body(new Uint8Array(await readFile(file.path)), 200, headers);
  };
}

/** Maps a request path to a file in one of the two folders, or null (wrong version, folder, name or type). */
export function resolveVendorFile(urlPath: string): { path: string; type: string } | null {
  if (!urlPath.startsWith(`${HUMAN_VENDOR_PREFIX}/`)) return null;
  const rest = urlPath.slice(HUMAN_VENDOR_PREFIX.length + 1);
  const slash = rest.indexOf('/');
  if (slash < 0) return null;
  const folder = FOLDERS[rest.slice(0, slash)];
  const name = rest.slice(slash + 1);
  // Checked on the raw path: an encoded slash or dot (%2F, %2e) is not a file name here.
  if (folder === undefined || !FILE_NAME.test(name)) return null;
  const type = folder.types[path.extname(name).toLowerCase()];
  if (type === undefined) return null;
  const file = path.join(folder.dir, name);
  if (path.dirname(file) !== folder.dir) return null;
  return { path: file, type };
}
