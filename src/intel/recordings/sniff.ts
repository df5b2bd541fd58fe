// What an uploaded recording really is, from its first bytes (file-type; the declared type and the name are
// ignored): MP4 (and M4V), WebM or QuickTime MOV. Anything else is refused naming what it is.
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../core/errors.ts';

export const ACCEPTED_RECORDING_TYPES = {
  'video/mp4': 'an MP4 video',
  'video/webm': 'a WebM video',
  'video/quicktime': 'a QuickTime (MOV) video',
} as const;

export type RecordingMediaType = keyof typeof ACCEPTED_RECORDING_TYPES;

const ALIASES: Readonly<Record<string, RecordingMediaType>> = {
  'video/mp4': 'video/mp4',
  'video/x-m4v': 'video/mp4',
  'video/webm': 'video/webm',
  'video/quicktime': 'video/quicktime',
};

export async function sniffRecording(bytes: Uint8Array): Promise<RecordingMediaType> {
  const type = await fileTypeFromBuffer(bytes.subarray(0, 64 * 1024));
  const accepted = type ? ALIASES[type.mime] : undefined;
  if (accepted !== undefined) return accepted;
  const what = type
    ? `a ${type.ext.toUpperCase()} file (${type.mime})`
    : 'not a file type Gatecheck recognises (text or unknown data)';
  const message = `The file is ${what}, not a video recording: upload an MP4, WebM or MOV file. Its name and declared type are not trusted, only its content.`;
  throw new DomainError('validation', message, [
    { path: 'recording', message: 'not an MP4, WebM or MOV video' },
  ]);
}
