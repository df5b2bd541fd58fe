// network.remote-access — remote-control software (AnyDesk, TeamViewer, Chrome Remote Desktop, RustDesk,
// ScreenConnect, VNC, …: medium) or IP-KVM hardware (PiKVM, TinyPilot, JetKVM, GL.iNet Comet, Lantronix
// Spider, Raritan, ATEN KVM over IP, …: high) in the device inventory, software or peripheral lists.
// Tools the organisation deploys itself are listed in policy.network.approvedRemoteTools and skipped.
// Mouse jigglers belong to network.always-on.
import type { Detector, DetectorOutcome } from '../../types.ts';
import { found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { quote } from '../util.ts';
import { fireDetailed } from './explain.ts';
import { type DeviceTool, findDeviceTools, type ToolKind } from './tools.ts';

const def = requireSignal('network.remote-access');
const KINDS: ReadonlySet<ToolKind> = new Set(['remote-software', 'ip-kvm']);

function toolText(t: DeviceTool): string {
  const what = t.kind === 'ip-kvm' ? 'IP-KVM hardware' : 'remote-control software';
  const on = t.device ? ` on ${t.device}` : '';
  return `${t.name} (${what}: ${quote(t.item, 60)}${on})`;
}

export function remoteAccessOutcome(tools: readonly DeviceTool[]): DetectorOutcome {
  if (tools.length === 0) return nothing();
  const kvm = tools.some((t) => t.kind === 'ip-kvm');
  return found(
    fireDetailed(
      def,
      kvm ? 'high' : 'medium',
      tools.map((t) => t.path),
      {
        count: tools.length,
        software: tools.filter((t) => t.list === 'software').map((t) => t.item),
        peripherals: tools.filter((t) => t.list === 'peripherals').map((t) => t.item),
        tools: tools.map((t) => ({ name: t.name, kind: t.kind, item: t.item, device: t.device ?? null })),
      },
      { detail: tools.map(toolText).join('; ') },
      '',
    ),
  );
}

export const remoteAccess: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    if (!bundle.devices || bundle.devices.length === 0) return notEvaluated('no device inventory');
    return remoteAccessOutcome(
      findDeviceTools(bundle.devices, KINDS, ctx.policy.network.approvedRemoteTools),
    );
  },
};
