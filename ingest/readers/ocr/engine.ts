/**
 * The OCR engine port: one page image in, positioned words with confidences out. The Tesseract CLI
 * adapter (tesseract.ts) is the production engine; tests can put another engine behind the same port.
 */

/** One recognized word; the box is in pixels of the image the engine was given. */
export interface OcrWord {
  text: string;
  /** 0–1. */
  confidence: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** The engine's layout: block (a column or region), paragraph and line numbers within the page. */
  block: number;
  paragraph: number;
  line: number;
}

export interface OcrLimits {
  /** Wall-clock limit for one call. */
  timeoutMs: number;
  /** Address-space cap of the engine process, in MB. */
  memoryMb: number;
}

export interface OcrEngine {
  readonly name: string;
  /** Clockwise rotation (0, 90, 180, 270) that puts the page upright. */
  orientation(imagePath: string, dpi: number, limits: OcrLimits): Promise<number>;
  recognize(imagePath: string, dpi: number, limits: OcrLimits): Promise<OcrWord[]>;
}

/** The engine or its language model is not installed: names the Debian package to install. */
export class OcrUnavailableError extends Error {
  constructor(
    readonly packageName: string,
    message: string,
  ) {
    super(message);
    this.name = 'OcrUnavailableError';
  }
}

/** The engine gave up on one page (time or memory limit, or a crash). */
export class OcrPageError extends Error {
  constructor(
    readonly kind: 'timeout' | 'memory' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'OcrPageError';
  }
}
