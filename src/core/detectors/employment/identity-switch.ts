// employment.identity-switch — from incidents of kind `identity_switch`.
import { incidentDetector } from './incident-signals.ts';

export const identitySwitch = incidentDetector('employment.identity-switch', 'identity_switch');
