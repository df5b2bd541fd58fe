// employment.identity-owner-dispute — from incidents of kind `identity_owner_dispute`.
import { incidentDetector } from './incident-signals.ts';

export const identityOwnerDispute = incidentDetector(
  'employment.identity-owner-dispute',
  'identity_owner_dispute',
);
