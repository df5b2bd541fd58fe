// MRZ OCR from identity-document images, offline (docs/ocr.md).
export type { MrzCorrection } from './correct.ts';
export { correctMrz } from './correct.ts';
export { DEFAULT_MAX_PIXELS } from './image.ts';
export { createMrzReader } from './reader.ts';
export type { MrzBox, MrzOcrResult, MrzReader } from './types.ts';
