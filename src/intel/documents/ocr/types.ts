// The OCR module's contract (docs: /tmp/prompts/contracts.md §1; docs/ocr.md).

/** Pixels of the upright image: after `rotation`, before the small deskew, at the original resolution. */
export type MrzBox = { left: number; top: number; width: number; height: number };

export type MrzOcrResult = {
  found: boolean;
  /** Corrected MRZ lines ([] when not found). */
  lines: string[];
  /** As the OCR engine returned them (the lines of the reading that was kept, trimmed). */
  rawLines: string[];
  /** 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB' | ... as parseMrz reports it; null when not found. */
  format: string | null;
  /** The OCR engine's mean word confidence for the reading kept, 0..100. */
  confidence: number;
  /** Quarter turns clockwise applied to make the image upright. */
  rotation: 0 | 90 | 180 | 270;
  /** Small deskew applied after the quarter turn, degrees clockwise. */
  skewDegrees: number;
  corrections: { line: number; column: number; from: string; to: string; why: string }[];
  /** Where the MRZ is, in the upright image (after `rotation`, before skew). */
  box: MrzBox | null;
  /** Size of the original image as viewers show it (EXIF orientation applied). */
  width: number;
  height: number;
  ms: number;
};

export interface MrzReader {
  read(image: Uint8Array): Promise<MrzOcrResult>;
  close(): Promise<void>;
}
