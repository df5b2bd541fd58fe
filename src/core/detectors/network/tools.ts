// Names of remote-control software, IP-KVM hardware and mouse jigglers as they appear in device
// inventories ("AnyDesk 8.0", "TeamViewer Host", "PiKVM V4 Plus", "Vaydeer USB Mouse Jiggler"). Matching
// works on a folded form (lower case, accents and punctuation gone) so versions, case and separators
// do not matter. Built-in tools every machine has (Windows Remote Desktop, Quick Assist) are not listed.
import { normalizeText } from '../util.ts';

export type ToolKind = 'remote-software' | 'ip-kvm' | 'jiggler';

type ToolPattern = { name: string; kind: ToolKind; pattern: RegExp };

const t = (name: string, kind: ToolKind, pattern: RegExp): ToolPattern => ({ name, kind, pattern });

// Patterns run on the folded text: words separated by single spaces, so `any ?desk` matches
// "AnyDesk", "Any Desk" and "anydesk.exe".
const TOOLS: readonly ToolPattern[] = [
  // IP-KVM hardware (a keyboard, screen and mouse reachable over the network): high.
  t('PiKVM', 'ip-kvm', /\bpi ?kvm\b/),
  t('TinyPilot', 'ip-kvm', /\btiny ?pilot\b/),
  t('JetKVM', 'ip-kvm', /\bjet ?kvm\b/),
  t('NanoKVM', 'ip-kvm', /\bnano ?kvm\b/),
  t('BliKVM', 'ip-kvm', /\bbli ?kvm\b/),
  t('GL.iNet Comet', 'ip-kvm', /\b(gl ?inet comet|comet (pro )?kvm|gl rm1)\b/),
  t('Lantronix Spider', 'ip-kvm', /\b(lantronix spider|spider (duo )?kvm)\b/),
  t('Raritan Dominion KVM', 'ip-kvm', /\b(raritan|dominion kx)\b/),
  t('ATEN KVM over IP', 'ip-kvm', /\baten\b.*\bover ip\b|\baten (cn|kn)\d/),
  t('Avocent KVM', 'ip-kvm', /\bavocent\b/),
  t('KVM over IP', 'ip-kvm', /\b(kvm over ip|ip ?kvm|kvm ip)\b/),
  // The default identity of a Linux USB gadget (1d6b:0104): how a Raspberry Pi posing as a keyboard
  // and mouse shows up when its maker's name is not given.
  t(
    'Linux USB gadget (keyboard/mouse emulation)',
    'ip-kvm',
    /\b(multifunction composite gadget|1d6b 0104)\b/,
  ),

  // Remote-control software: medium.
  t('AnyDesk', 'remote-software', /\bany ?desk\b/),
  t('TeamViewer', 'remote-software', /\bteam ?viewer\b/),
  t('Chrome Remote Desktop', 'remote-software', /\bchrome remote desktop\b|\bremotedesktop ?host\b/),
  t('RustDesk', 'remote-software', /\brust ?desk\b/),
  t('Splashtop', 'remote-software', /\bsplashtop\b/),
  t('RemotePC', 'remote-software', /\bremote ?pc\b/),
  t('LogMeIn', 'remote-software', /\blog ?me ?in\b/),
  t('GoTo Resolve', 'remote-software', /\bgoto (resolve|assist)\b/),
  t(
    'ConnectWise ScreenConnect',
    'remote-software',
    /\bscreen ?connect\b|\bconnect ?wise (control|automate)\b/,
  ),
  t('VNC', 'remote-software', /\b(real|tight|ultra|tiger|turbo)? ?vnc\b/),
  t('Parsec', 'remote-software', /\bparsec\b/),
  t('Zoho Assist', 'remote-software', /\bzoho assist\b/),
  t('BeyondTrust Remote Support', 'remote-software', /\b(beyondtrust|bomgar)\b/),
  t('Remote Utilities', 'remote-software', /\bremote utilities\b/),
  t('Supremo', 'remote-software', /\bsupremo\b/),
  t('Ammyy Admin', 'remote-software', /\bammyy\b/),
  t('AeroAdmin', 'remote-software', /\baero ?admin\b/),
  t('DWService', 'remote-software', /\bdw ?service\b/),
  t('NoMachine', 'remote-software', /\bno ?machine\b/),
  t('Radmin', 'remote-software', /\bradmin\b/),
  t('HopToDesk', 'remote-software', /\bhop ?to ?desk\b/),
  t('Getscreen.me', 'remote-software', /\bgetscreen\b/),
  t('ISL Online', 'remote-software', /\bisl (online|light|always on)\b/),
  t('Jump Desktop', 'remote-software', /\bjump desktop\b/),
  t('MeshCentral', 'remote-software', /\bmesh ?(central|agent)\b/),
  t('Atera', 'remote-software', /\batera\b/),
  t('DameWare', 'remote-software', /\bdameware\b/),

  // Mouse jigglers and activity fakers (hardware and software): the always-on signal's business.
  t('mouse mover', 'jiggler', /\b(mouse ?mover|move ?mouse)\b/),
  t('Vaydeer', 'jiggler', /\bvaydeer\b/),
  t('Liberty Jiggler', 'jiggler', /\bliberty (mouse )?jiggler\b/),
  t('mouse jiggler', 'jiggler', /\b(mouse ?)?jiggl(e|er|ing)\b/),
  t('Caffeine (simulated key presses)', 'jiggler', /\bcaffeine\b/),
  t(
    'keep-active tool',
    'jiggler',
    /\b(keep ?(me )?(active|online|awake ?and ?active)|stay ?active|teams ?status ?keeper|presence ?keeper)\b/,
  ),
];

export type ToolMatch = { name: string; kind: ToolKind };

/** The folded form tool patterns run on: lower case, no accents, punctuation as spaces. */
export function foldToolName(text: string): string {
  return normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** What tool an inventory entry names, if any (first match in the order above). */
export function matchTool(entry: string): ToolMatch | undefined {
  const folded = foldToolName(entry);
  if (folded === '') return undefined;
  for (const tool of TOOLS) if (tool.pattern.test(folded)) return { name: tool.name, kind: tool.kind };
  return undefined;
}

/** Whether the organisation approved this tool (policy.network.approvedRemoteTools, matched inside the name). */
export function isApproved(entry: string, match: ToolMatch, approved: readonly string[]): boolean {
  const folded = foldToolName(entry);
  const name = foldToolName(match.name);
  return approved.some((a) => {
    const f = foldToolName(a);
    return f !== '' && (folded.includes(f) || name.includes(f));
  });
}

export type DeviceTool = ToolMatch & {
  /** The inventory entry as written. */
  item: string;
  list: 'software' | 'peripherals';
  device?: string;
  /** Evidence path, e.g. `devices[0].software[1]`. */
  path: string;
};

type Device = { hostname?: string; software?: string[]; peripherals?: string[] };

/** Every tool of the given kinds in a device inventory, with its evidence path. */
export function findDeviceTools(
  devices: readonly Device[],
  kinds: ReadonlySet<ToolKind>,
  approved: readonly string[] = [],
): DeviceTool[] {
  const found: DeviceTool[] = [];
  devices.forEach((device, d) => {
    for (const list of ['software', 'peripherals'] as const) {
      (device[list] ?? []).forEach((item, i) => {
        const match = matchTool(item);
        if (!match || !kinds.has(match.kind) || isApproved(item, match, approved)) return;
        const tool: DeviceTool = { ...match, item, list, path: `devices[${d}].${list}[${i}]` };
        if (device.hostname) tool.device = device.hostname;
        found.push(tool);
      });
    }
  });
  return found;
}
