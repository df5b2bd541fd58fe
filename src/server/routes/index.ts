// Every /api/v1 route, registered in one place.
import type { ServerApp } from '../types.ts';
import { registerAssessRoutes } from './assess.routes.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { registerCaseRoutes } from './cases.routes.ts';
import { registerClaimRoutes } from './claims.routes.ts';
import { registerDocumentRoutes } from './documents.routes.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { registerHookRoutes } from './hooks.routes.ts';
import { registerIntelRoutes } from './intel.routes.ts';
import { registerIpRoutes } from './ip.routes.ts';
import { registerJobRoutes } from './jobs.routes.ts';
import { registerLoginRoutes } from './logins.routes.ts';
import { registerNetworkRoutes } from './network.routes.ts';
import { registerPolicyRoutes } from './policy.routes.ts';
import { registerResumeRoutes } from './resumes.routes.ts';
import { registerScreenRoutes } from './screen.routes.ts';
import { registerSetupRoutes } from './setup.routes.ts';
import { registerSignalRoutes } from './signals.routes.ts';
import { registerSubjectRoutes } from './subjects.routes.ts';
import { registerTokenRoutes } from './tokens.routes.ts';
import { registerUserRoutes } from './users.routes.ts';
import { registerVerificationRoutes } from './verifications.routes.ts';

export function registerRoutes(api: ServerApp): void {
  registerHealthRoutes(api);
  registerSetupRoutes(api);
  registerAuthRoutes(api);
  registerSignalRoutes(api);
  registerSubjectRoutes(api);
  registerResumeRoutes(api);
  registerCaseRoutes(api);
  registerClaimRoutes(api);
  registerAssessRoutes(api);
  registerAuditRoutes(api);
  registerPolicyRoutes(api);
  registerUserRoutes(api);
  registerTokenRoutes(api);
  registerJobRoutes(api);
  registerScreenRoutes(api);
  registerIntelRoutes(api);
  registerIpRoutes(api);
  registerLoginRoutes(api);
  registerNetworkRoutes(api);
  registerHookRoutes(api);
  registerDocumentRoutes(api);
  registerVerificationRoutes(api);
}
