import { describe, expect, it } from 'vitest';
import { classifyCameraLabel } from './virtual-cameras.ts';

describe('classifyCameraLabel', () => {
  it.each([
    ['OBS Virtual Camera', 'OBS Virtual Camera'],
    ['ManyCam Virtual Webcam', 'ManyCam'],
    ['XSplit VCam', 'XSplit VCam'],
    ['Snap Camera', 'Snap Camera'],
    ['DroidCam Source 3', 'DroidCam'],
    ['e2eSoft VCam', 'e2eSoft VCam'],
    ['CamTwist', 'CamTwist'],
    ['NVIDIA Broadcast', 'NVIDIA Broadcast'],
    ['mmhmm Camera', 'mmhmm'],
    ['Camo', 'Camo'],
    ['iVCam', 'iVCam'],
    ['EpocCam', 'EpocCam'],
    ['Logi Capture', 'Logi Capture'],
    ['Dummy video device (0x0000)', 'v4l2loopback'],
    ['Some Virtual Cam', 'a virtual camera'],
  ])('flags %s as %s', (label, match) => {
    expect(classifyCameraLabel(label)).toEqual({ label, flagged: true, match });
  });

  it.each([
    'FaceTime HD Camera (Built-in)',
    'Integrated Camera (04f2:b6d9)',
    'Logitech BRIO (046d:085e)',
    'HD Pro Webcam C920',
    'Front Camera',
    'camera2 1, facing front',
    '',
  ])('does not flag the physical camera %s', (label) => {
    expect(classifyCameraLabel(label)).toEqual({ label, flagged: false, match: null });
  });
});
