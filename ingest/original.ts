/** What a document records about the file it was read from (the bytes are kept by graph/originals). */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { type Format, MEDIA_TYPES } from './readers/formats.js';
import type { OriginalFile } from './schema.js';

export function describeOriginal(name: string, format: Format, bytes: Uint8Array): OriginalFile {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mediaType: MEDIA_TYPES[format],
    // Uploads from Windows browsers may carry "C:\fakepath\…".
    name: path.basename(name.replaceAll('\\', '/')),
    size: bytes.byteLength,
  };
}
