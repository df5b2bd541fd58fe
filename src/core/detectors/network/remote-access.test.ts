import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { DEFAULT_POLICY } from '../../policy.ts';
import { remoteAccess } from './remote-access.ts';
import { matchTool } from './tools.ts';

const device = (software: string[], peripherals: string[] = []) => ({
  devices: [{ at: '2026-03-04T10:00:00-07:00', hostname: 'NWR-LT-0207', software, peripherals }],
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no device inventory: not evaluated', {}, 'not_evaluated'],
  [
    'an ordinary laptop: nothing',
    device(
      ['Microsoft Teams 25.1', 'SentinelOne Agent 24.2', 'Remote Desktop Connection'],
      ['Logitech C920'],
    ),
    'none',
  ],
  ['AnyDesk 9.0.5: medium', device(['AnyDesk 9.0.5']), 'medium'],
  ['a PiKVM on the USB bus: high', device(['Slack'], ['PiKVM V4 Plus']), 'high'],
  ['a mouse jiggler is always-on business: nothing', device([], ['Vaydeer Mouse Jiggler']), 'none'],
];

describe('network.remote-access', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(remoteAccess, bundle))).toBe(expected);
  });

  it.each([
    ['AnyDesk 8.0', 'AnyDesk'],
    ['anydesk.exe', 'AnyDesk'],
    ['Any Desk', 'AnyDesk'],
    ['TeamViewer Host 15.62.4', 'TeamViewer'],
    ['TEAMVIEWER', 'TeamViewer'],
    ['Chrome Remote Desktop Host', 'Chrome Remote Desktop'],
    ['chrome-remote-desktop', 'Chrome Remote Desktop'],
    ['RustDesk 1.3.8', 'RustDesk'],
    ['Splashtop Streamer', 'Splashtop'],
    ['RemotePC Host', 'RemotePC'],
    ['LogMeIn Pro', 'LogMeIn'],
    ['ScreenConnect Client (a1b2c3)', 'ConnectWise ScreenConnect'],
    ['ConnectWise Control', 'ConnectWise ScreenConnect'],
    ['RealVNC Server 7.12', 'VNC'],
    ['TightVNC', 'VNC'],
    ['UltraVNC 1.5', 'VNC'],
    ['Parsec 150-97', 'Parsec'],
    ['NoMachine 8.14', 'NoMachine'],
    ['PiKVM V4 Mini', 'PiKVM'],
    ['TinyPilot Voyager 2a', 'TinyPilot'],
    ['JetKVM', 'JetKVM'],
    ['Sipeed NanoKVM', 'NanoKVM'],
    ['GL.iNet Comet (GL-RM1)', 'GL.iNet Comet'],
    ['Lantronix Spider KVM', 'Lantronix Spider'],
    ['Raritan Dominion KX IV', 'Raritan Dominion KVM'],
    ['ATEN CN8000A KVM over IP', 'ATEN KVM over IP'],
    ['Linux Foundation Multifunction Composite Gadget', 'Linux USB gadget (keyboard/mouse emulation)'],
    ['Caffeine 1.98', 'Caffeine (simulated key presses)'],
  ])('recognises %s as %s', (entry, name) => {
    expect(matchTool(entry)?.name).toBe(name);
  });

  it.each([
    'Microsoft Remote Desktop',
    'Visual Studio Code 1.99',
    'ATEN UC232A USB-to-Serial',
    'Logitech Unifying Receiver',
    'Docker Desktop',
    'Parallels Desktop',
  ])('does not take %s for a remote-control tool', (entry) => {
    expect(matchTool(entry)).toBeUndefined();
  });

  it('names each tool, its device and the evidence path', () => {
    const s = firstSignal(
      runDetector(remoteAccess, device(['Slack', 'AnyDesk 9.0.5'], ['TinyPilot Voyager 2a'])),
    );
    expect(s.severity).toBe('high');
    expect(s.explanation).toBe(
      'Remote-control tools were found on the work device: AnyDesk (remote-control software: "AnyDesk 9.0.5" on NWR-LT-0207); ' +
        'TinyPilot (IP-KVM hardware: "TinyPilot Voyager 2a" on NWR-LT-0207).',
    );
    expect(s.evidence).toEqual(['devices[0].software[1]', 'devices[0].peripherals[0]']);
    expect(s.data).toMatchObject({ software: ['AnyDesk 9.0.5'], peripherals: ['TinyPilot Voyager 2a'] });
  });

  it('skips tools the organisation approved', () => {
    const policy = {
      ...DEFAULT_POLICY,
      network: { ...DEFAULT_POLICY.network, approvedRemoteTools: ['TeamViewer'] },
    };
    expect(summarize(runDetector(remoteAccess, device(['TeamViewer Host 15']), { policy }))).toBe('none');
    expect(summarize(runDetector(remoteAccess, device(['TeamViewer Host 15', 'RustDesk']), { policy }))).toBe(
      'medium',
    );
  });
});
