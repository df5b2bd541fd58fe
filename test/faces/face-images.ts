// Real face photos available offline: scikit-image's sample data from Debian's python3-skimage
// (scripts/test.sh installs it when missing). `astronaut.png` (Eileen Collins, NASA, public domain) is a
// frontal portrait; `camera.png` (the cameraman) is a different person; `coffee.png` has no face.
import { existsSync, readFileSync } from 'node:fs';

export const SKIMAGE_DATA = '/usr/lib/python3/dist-packages/skimage/data';

export function skimageImage(name: 'astronaut.png' | 'camera.png' | 'coffee.png'): Buffer {
  const file = `${SKIMAGE_DATA}/${name}`;
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: install python3-skimage (Debian) for the face test images`);
  }
  return readFileSync(file);
}
