// network.always-on — sessions lasting policy.network.alwaysOnHours (24 h) or more, either as reported
// (`sessionMinutes`) or because the same `sessionId` is seen that far apart; or mouse jigglers and
// activity fakers in the device inventory (software or USB peripherals).
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector, DetectorOutcome, NetworkPolicy } from '../../types.ts';
import { found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { quote } from '../util.ts';
import type { LoginFindings, SessionSpan } from './analyzer.ts';
import { analyzeBundleLogins } from './bundle-analysis.ts';
import { fireDetailed, loginEvidence } from './explain.ts';
import { formatDuration, formatUtc, isoTime } from './geo.ts';
import { type DeviceTool, findDeviceTools, type ToolKind } from './tools.ts';

const def = requireSignal('network.always-on');
const JIGGLERS: ReadonlySet<ToolKind> = new Set(['jiggler']);

function sessionText(s: SessionSpan): string {
  const from = s.ip ? ` from ${s.ip}` : '';
  const length = formatDuration(s.end - s.start);
  if (s.basis === 'sessionId')
    return `session ${quote(s.sessionId ?? '', 40)}${from} seen from ${formatUtc(s.start)} to ${formatUtc(s.end)} (${length})`;
  const id = s.sessionId ? ` ${quote(s.sessionId, 40)}` : '';
  return `a session${id}${from} started ${formatUtc(s.start)} and lasted ${length}`;
}

function toolText(t: DeviceTool): string {
  const on = t.device ? ` on ${t.device}` : '';
  return `${t.name === 'mouse jiggler' ? 'a mouse jiggler' : t.name} (${quote(t.item, 60)} in the ${t.list === 'software' ? 'software' : 'peripheral'} list${on})`;
}

export function alwaysOnOutcome(
  findings: LoginFindings | undefined,
  tools: readonly DeviceTool[],
  policy: NetworkPolicy,
): DetectorOutcome {
  const sessions = findings?.longSessions ?? [];
  if (sessions.length === 0 && tools.length === 0) return nothing();
  const parts = [...sessions.map(sessionText), ...tools.map(toolText)];
  const minimum =
    sessions.length > 0
      ? ` Sessions of ${formatDuration(policy.alwaysOnHours * 3_600_000)} or more count.`
      : '';
  return found(
    fireDetailed(
      def,
      'medium',
      [...loginEvidence(sessions.flatMap((s) => s.indexes)), ...tools.map((t) => t.path)],
      {
        count: sessions.length + tools.length,
        sessions: sessions.map((s) => ({
          ...(s.sessionId ? { sessionId: s.sessionId } : {}),
          start: isoTime(s.start),
          end: isoTime(s.end),
          hours: Math.round(s.hours * 10) / 10,
          ip: s.ip ?? null,
          basis: s.basis,
        })),
        tools: tools.map((t) => t.item),
        minHours: policy.alwaysOnHours,
      },
      { detail: parts.join('; ') },
      minimum.trim(),
    ),
  );
}

export function jigglersOf(bundle: CaseBundle): DeviceTool[] {
  return findDeviceTools(bundle.devices ?? [], JIGGLERS);
}

export const alwaysOn: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const hasLogins = (bundle.logins?.length ?? 0) > 0;
    const hasDevices = (bundle.devices?.length ?? 0) > 0;
    const findings = hasLogins ? analyzeBundleLogins(bundle, ctx).findings : undefined;
    if (!hasDevices && (findings?.counts.sessionData ?? 0) === 0)
      return notEvaluated('no session lengths, session ids or device inventory');
    return alwaysOnOutcome(findings, jigglersOf(bundle), ctx.policy.network);
  },
};
