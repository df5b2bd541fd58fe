// Virtual cameras and capture software, recognised by the camera label the browser reports. A label
// is easy to rename, so a clean label proves nothing; a matching one is strong evidence that the
// video did not come from a physical camera (or was routed through software that can alter it).
import type { VirtualCameraVerdict } from './types.ts';

/** Names as products label their cameras; matched case-insensitively as words in the label. */
export const VIRTUAL_CAMERA_NAMES: readonly { name: string; pattern: RegExp }[] = [
  { name: 'OBS Virtual Camera', pattern: /\bobs\b.*\b(virtual|cam(era)?)\b|\bobs-camera\b/i },
  { name: 'ManyCam', pattern: /\bmanycam\b/i },
  { name: 'XSplit VCam', pattern: /\bxsplit\b/i },
  { name: 'Snap Camera', pattern: /\bsnap\s*camera\b/i },
  { name: 'DroidCam', pattern: /\bdroidcam\b/i },
  { name: 'e2eSoft VCam', pattern: /\be2esoft\b|\bvcam\b/i },
  { name: 'CamTwist', pattern: /\bcamtwist\b/i },
  { name: 'Logi Capture', pattern: /\blogi(tech)?\s*capture\b/i },
  { name: 'NVIDIA Broadcast', pattern: /\bnvidia\s*broadcast\b/i },
  { name: 'mmhmm', pattern: /\bmmhmm\b/i },
  { name: 'Camo', pattern: /\bcamo\b|\breincubate\b/i },
  { name: 'iVCam', pattern: /\bivcam\b/i },
  { name: 'EpocCam', pattern: /\bepoccam\b/i },
  { name: 'Iriun Webcam', pattern: /\biriun\b/i },
  { name: 'SplitCam', pattern: /\bsplitcam\b/i },
  { name: 'YouCam', pattern: /\byoucam\b/i },
  { name: 'Webcamoid', pattern: /\bwebcamoid\b/i },
  { name: 'AlterCam', pattern: /\baltercam\b/i },
  { name: 'ChromaCam', pattern: /\bchromacam\b/i },
  { name: 'FaceRig', pattern: /\bfacerig\b/i },
  { name: 'Avatarify', pattern: /\bavatarify\b/i },
  { name: 'NDI Webcam', pattern: /\bndi\b/i },
  { name: 'vMix', pattern: /\bvmix\b/i },
  { name: 'Streamlabs', pattern: /\bstreamlabs\b/i },
  { name: 'Wirecast', pattern: /\bwirecast\b/i },
  { name: 'v4l2loopback', pattern: /\bv4l2\s*loopback\b|\bdummy video device\b/i },
  { name: 'a virtual camera', pattern: /\bvirtual\b/i },
];

/** The verdict for a camera label: the first known name it matches, if any. */
export function classifyCameraLabel(label: string): VirtualCameraVerdict {
  const clean = label.slice(0, 500);
  for (const v of VIRTUAL_CAMERA_NAMES) {
    if (v.pattern.test(clean)) return { label: clean, flagged: true, match: v.name };
  }
  return { label: clean, flagged: false, match: null };
}
