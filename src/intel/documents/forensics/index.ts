// Document forensics (see docs/document-forensics.md): metadata, findings, perceptual hash, error-level image.

export {
  DETAIL_REUSE_MAX_DISTANCE,
  PHASH_ONLY_MAX_DISTANCE,
  PHASH_REUSE_MAX_DISTANCE,
  /** The same threshold under the name the upload service uses. */
  PHASH_REUSE_MAX_DISTANCE as REUSE_MAX_DISTANCE,
} from '../../../core/detectors/documents/edited.ts';
export {
  analyzeForensics,
  type DocumentForensics,
  type ElaSummary,
  FORENSICS_LIMITS,
  type ForensicFinding,
  type ForensicsOptions,
} from './analyze.ts';
export { ELA_QUALITY, ELA_THRESHOLDS, errorLevelAnalysis } from './ela.ts';
export { type ForensicFormat, sniffForensicFormat } from './format.ts';
export { type FlatMetadata, readImageMetadata } from './image-metadata.ts';
export { estimateJpegQuality, findJpegGhost, readQuantTables } from './jpeg.ts';
export { countRevisions, readPdf } from './pdf.ts';
export {
  hammingDistance,
  hashGrey,
  type PerceptualHashes,
  perceptualHash,
  perceptualHashes,
  sameImage,
} from './phash.ts';
