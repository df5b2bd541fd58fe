// Serves the built web UI (Vite output in dist/web): hashed assets cached for a year, everything else
// revalidated, and index.html for any other GET path that is not under /api (client-side routing).
// Without a build, a plain page says how to make one.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
};

/** Vite puts content-hashed files under /assets/ (`index-3f2a9c1b.js`): safe to cache for good. */
const HASHED_ASSET = /^\/assets\/.+[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Gatecheck: web UI not built</title></head>
<body>
<h1>Gatecheck is running, but the web UI is not built</h1>
<p>Build it once with <code>npm run build:web</code> and reload this page.</p>
<p>The API is available at <a href="/api/v1/health">/api/v1</a>; its reference is at <a href="/api/docs">/api/docs</a>.</p>
</body>
</html>
`;

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Resolves a URL path inside root, or null when it would escape it. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

export function staticWeb(webDir: string = DEFAULT_WEB_DIR) {
  const root = path.resolve(webDir);
  const indexFile = path.join(root, 'index.html');

  return async (c: Context): Promise<Response> => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') {
      return c.text('Method not allowed', 405, { allow: 'GET, HEAD' });
    }
    if (!(await isFile(indexFile))) {
      return c.html(NOT_BUILT_PAGE, 200, { 'cache-control': 'no-store' });
    }
    const urlPath = c.req.path;
    const file = urlPath === '/' ? indexFile : resolveInside(root, urlPath);
    if (file !== null && file !== indexFile && (await isFile(file))) {
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const cache = HASHED_ASSET.test(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache';
      const headers = { 'content-type': type, 'cache-control': cache };
      if (method === 'HEAD') return c.body(null, 200, headers);
      return c.body(new Uint8Array(await readFile(file)), 200, headers);
    }
    // A missing file that looks like an asset is a real 404, not the app shell.
    if (urlPath.startsWith('/assets/')) return c.text('Not found', 404);
    const html = await readFile(indexFile, 'utf8');
    return c.html(html, 200, { 'cache-control': 'no-cache' });
  };
}
