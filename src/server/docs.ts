// The browsable API reference at /api/docs: Swagger UI served from the locally installed
// swagger-ui-dist package (no CDN, works offline) with an external initializer script so the
// page runs under the strict CSP (no inline scripts).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';

const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

function swaggerUiDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gatecheck API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.addEventListener('load', function () {
  var csrfToken = null;
  // Signed in through the web UI? "Try it out" then needs the session's CSRF token on mutating calls;
  // it is fetched the first time one is made (API-token callers do not need it).
  function withCsrf(request) {
    if (csrfToken) request.headers['X-CSRF-Token'] = csrfToken;
    return request;
  }
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    validatorUrl: null,
    requestInterceptor: function (request) {
      var method = (request.method || 'GET').toUpperCase();
      if (csrfToken || method === 'GET' || method === 'HEAD' || request.headers.Authorization) return request;
      return fetch('/api/v1/auth/me', { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (me) { if (me && me.csrfToken) csrfToken = me.csrfToken; return withCsrf(request); })
        .catch(function () { return request; });
    }
  });
});
`;

/** Routes for /api/docs (page, initializer, assets). Mount at `/api/docs`. */
export function docsRoutes(): Hono {
  const dir = swaggerUiDir();
  const cache = new Map<string, Uint8Array<ArrayBuffer>>();
  const docs = new Hono();
  docs.get('/', (c) => c.html(PAGE, 200, { 'cache-control': 'no-cache' }));
  docs.get('/init.js', (c) =>
    c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }),
  );
  docs.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (type === undefined) return c.notFound();
    let bytes = cache.get(file);
    if (bytes === undefined) {
      bytes = new Uint8Array(await readFile(path.join(dir, file)));
      cache.set(file, bytes);
    }
    return c.body(bytes, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
  return docs;
}
