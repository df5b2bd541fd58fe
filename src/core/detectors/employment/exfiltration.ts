// employment.exfiltration — from incidents of kind `exfiltration`.
import { incidentDetector } from './incident-signals.ts';

export const exfiltration = incidentDetector('employment.exfiltration', 'exfiltration');
