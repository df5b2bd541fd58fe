// The HTTP application: security headers and body caps on everything, authentication for /api/v1,
// the OpenAPI routes, the generated document and its reference page, and the built web UI.

import { getConnInfo } from '@hono/node-server/conninfo';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppContext } from '../services/context.ts';
import { clientAddress, trustedProxies } from './client-ip.ts';
import { docsRoutes } from './docs.ts';
import { notFoundResponse, onError, requestValidationResponse, throughContext } from './error-handler.ts';
import { authenticate } from './middleware/auth.ts';
import { limitAnyBody } from './middleware/body-limit.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { buildOpenApiDocument } from './openapi-document.ts';
import { registerRoutes } from './routes/index.ts';
import { staticModels } from './static-models.ts';
import { staticWeb } from './static-web.ts';
import type { ServerApp, ServerEnv } from './types.ts';

export type CreateAppOptions = {
  /** Directory of the built web UI; default `<repo>/dist/web`. */
  webDir?: string;
};

function newApi(): ServerApp {
  return new OpenAPIHono<ServerEnv>({
    defaultHook: (result) => {
      if (!result.success) return requestValidationResponse(result.error, result.target);
      return undefined;
    },
  });
}

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // No socket (in-process requests in tests).
    return undefined;
  }
}

export function createApp(ctx: AppContext, options: CreateAppOptions = {}): ServerApp {
  const app = newApi();
  app.onError(onError);
  app.use('*', securityHeaders({ hsts: ctx.config.secureCookies }));
  const trusted = trustedProxies(ctx.config.trustedProxies);
  app.use('*', async (c, next) => {
    c.set('ctx', ctx);
    c.set('auth', null);
    c.set(
      'clientIp',
      clientAddress(
        peerAddress(c),
        { xForwardedFor: c.req.header('x-forwarded-for'), forwarded: c.req.header('forwarded') },
        trusted,
      ),
    );
    await next();
  });
  app.use('/api/*', limitAnyBody());
  app.use('/api/v1/*', authenticate());

  const v1 = newApi();
  registerRoutes(v1);
  app.route('/api/v1', v1);

  let document: unknown = null;
  app.get('/api/openapi.json', (c) => {
    document ??= buildOpenApiDocument(app);
    return c.json(document, 200, { 'cache-control': 'no-cache' });
  });
  app.get('/api/docs/', (c) => c.redirect('/api/docs', 301));
  app.route('/api/docs', docsRoutes());

  app.all('/api/*', (c) => throughContext(c, notFoundResponse(c.req.method, c.req.path)));
  app.all('/vendor/human/*', staticModels());
  app.all('*', staticWeb(options.webDir));
  return app;
}
