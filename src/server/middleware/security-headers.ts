// Security headers on every response, API and static alike. The CSP allows only same-origin code;
// inline styles are allowed because Mantine (and Swagger UI) inject them at run time.
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** The candidate's verification page (documents under /verify/ only): the same policy plus
 * 'wasm-unsafe-eval', which lets the page compile the tfjs WebAssembly backend (and nothing else: no eval,
 * no inline script). Without it Chromium refuses the wasm binary and the face models fall back to WebGL/CPU. */
export const VERIFY_PAGE_CSP = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
);

/** The browser may use the camera (identity verification) and nothing else of the sort. */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
].join(', ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': PERMISSIONS_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    if (c.req.path.startsWith('/verify/') && c.res.headers.get('content-type')?.startsWith('text/html'))
      c.res.headers.set('content-security-policy', VERIFY_PAGE_CSP);
    if (options.hsts) c.res.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  };
}
