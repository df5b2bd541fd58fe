// Opening the camera and describing it (label, resolution, frame rate), and turning the browser's refusals
// into plain words with what to do in this browser.
import type { TraceDevice } from '../../../core/liveness/types.ts';

export type CameraProblem = 'blocked' | 'not_found' | 'in_use' | 'insecure' | 'unsupported' | 'other';

export class CameraError extends Error {
  readonly problem: CameraProblem;
  constructor(problem: CameraProblem, message: string) {
    super(message);
    this.name = 'CameraError';
    this.problem = problem;
  }
}

/** Maps a getUserMedia failure to what the candidate can do about it. */
export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'blocked';
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError')
    return 'not_found';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'in_use';
  return 'other';
}

export async function openCamera(): Promise<MediaStream> {
  if (!window.isSecureContext)
    throw new CameraError('insecure', 'This page is not on a secure (https) address.');
  if (!navigator.mediaDevices?.getUserMedia)
    throw new CameraError('unsupported', 'This browser cannot use a camera.');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 }, facingMode: 'user' },
    });
  } catch (error) {
    throw new CameraError(cameraProblemOf(error), error instanceof Error ? error.message : String(error));
  }
}

export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The camera as the trace records it: the label the browser gives the track (or the device list), the
 * resolution and frame rate the camera delivers, and the browser. */
export async function describeCamera(stream: MediaStream): Promise<TraceDevice> {
  const track = stream.getVideoTracks()[0];
  const settings = track?.getSettings() ?? {};
  let label = track?.label ?? '';
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const match = devices.find((d) => d.kind === 'videoinput' && d.deviceId === settings.deviceId);
    const listed = match?.label ?? devices.find((d) => d.kind === 'videoinput' && d.label)?.label ?? '';
    if (!label) label = listed;
    else if (listed && listed !== label) label = `${label} (${listed})`;
  } catch {
    // The device list is optional: the track's label is enough.
  }
  return {
    label: label.slice(0, 500),
    width: Math.max(0, Math.min(16_384, Math.round(settings.width ?? 0))),
    height: Math.max(0, Math.min(16_384, Math.round(settings.height ?? 0))),
    frameRate:
      typeof settings.frameRate === 'number' && Number.isFinite(settings.frameRate)
        ? Math.round(settings.frameRate * 10) / 10
        : null,
    userAgent: navigator.userAgent.slice(0, 1000),
  };
}

export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari' | 'other';

export function browserFamily(userAgent: string): BrowserFamily {
  if (/Edg\//.test(userAgent)) return 'edge';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrome\/|Chromium\/|CriOS\//.test(userAgent)) return 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

/** Plain steps to let this page use the camera again, per browser. */
export const UNBLOCK_STEPS: Readonly<Record<BrowserFamily, string[]>> = {
  chrome: [
    'Click the camera icon (or the lock) at the left of the address bar.',
    'Choose "Always allow" for the camera on this site, then click "Done".',
    'Press "Try again" below.',
  ],
  edge: [
    'Click the lock at the left of the address bar, then "Permissions for this site".',
    'Set Camera to "Allow".',
    'Come back to this tab and press "Try again" below.',
  ],
  firefox: [
    'Click the crossed-out camera icon at the left of the address bar.',
    'Remove the "Blocked" entry for the camera (the small ×).',
    'Press "Try again" below and choose "Allow" when Firefox asks.',
  ],
  safari: [
    'On a Mac: Safari menu → Settings for this website → Camera → "Allow". On an iPhone or iPad: tap "aA" in the address bar → Website Settings → Camera → "Allow".',
    'Press "Try again" below.',
  ],
  other: [
    "Open your browser's site settings for this page and allow the camera.",
    'Press "Try again" below.',
  ],
};
