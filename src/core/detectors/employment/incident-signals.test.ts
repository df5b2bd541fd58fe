// The four employment.* detectors are one factory (incident-signals.ts) over four incident kinds:
// one table runs every case for each of them.
import { describe, expect, it } from 'vitest';
import { type Expectation, firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import type { Detector } from '../../types.ts';
import { exfiltration } from './exfiltration.ts';
import { extortion } from './extortion.ts';
import { identityOwnerDispute } from './identity-owner-dispute.ts';
import { identitySwitch } from './identity-switch.ts';

type Kind = 'exfiltration' | 'extortion' | 'identity_owner_dispute' | 'identity_switch';

const detectors: [Detector, Kind, Expectation][] = [
  [exfiltration, 'exfiltration', 'high'],
  [extortion, 'extortion', 'critical'],
  [identityOwnerDispute, 'identity_owner_dispute', 'critical'],
  [identitySwitch, 'identity_switch', 'medium'],
];

describe.each(detectors.map(([d, k, s]) => [d.signal, d, k, s] as const))(
  '%s',
  (_id, detector, kind, severity) => {
    it.each([
      ['no incidents recorded: not evaluated', {}, 'not_evaluated'],
      ['empty incident list: nothing', { incidents: [] }, 'none'],
      ['other kinds: nothing', { incidents: [{ kind: 'other' as const, text: 'missed a meeting' }] }, 'none'],
      [
        `incident of kind ${kind}: ${severity}`,
        { incidents: [{ at: '2026-04-01T10:00:00Z', kind, text: 'reported by security' }] },
        severity,
      ],
    ] as const)('%s', (_name, bundle, expected) => {
      expect(summarize(runDetector(detector, bundle))).toBe(expected);
    });

    it('quotes the incident and cites it', () => {
      const s = firstSignal(
        runDetector(detector, { incidents: [{ kind: 'other' }, { kind, text: 'reported by security' }] }),
      );
      expect(s.id).toBe(detector.signal);
      expect(s.evidence).toEqual(['incidents[1]']);
      expect(s.explanation).toContain('"reported by security"');
    });
  },
);
