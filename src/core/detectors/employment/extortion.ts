// employment.extortion — from incidents of kind `extortion`.
import { incidentDetector } from './incident-signals.ts';

export const extortion = incidentDetector('employment.extortion', 'extortion');
