/** What a file's first bytes say it is: zip packages (.docx, .xlsx, .odt) and old binary Office files (OLE2). */
import { readFailure } from './errors.js';
import { checkZipLimits } from './limits.js';

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
// Old binary Word and Excel files (.doc, .xls) are OLE2 compound documents; people often rename them.
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, signature: number[]): boolean =>
  signature.every((b, i) => bytes[i] === b);

export const isZip = (bytes: Uint8Array): boolean => startsWith(bytes, ZIP_SIGNATURE);
export const isOle2 = (bytes: Uint8Array): boolean => startsWith(bytes, OLE2_SIGNATURE);

/**
 * An Office Open XML package before anything unpacks it: an old binary file under the new name is told so, a file
 * that is no zip is refused, and the archive's sizes are checked (a small file can expand to gigabytes).
 */
export function checkOfficePackage(
  source: string,
  bytes: Uint8Array,
  kind: { extension: '.docx' | '.xlsx'; old: string; application: string },
): void {
  if (isOle2(bytes))
    throw readFailure(
      source,
      'corrupt',
      `this is an old binary ${kind.application} ${kind.old} file, not ${kind.extension}; open it in ${kind.application} and save it as ${kind.extension}`,
    );
  if (!isZip(bytes))
    throw readFailure(
      source,
      'corrupt',
      `not ${kind.extension === '.xlsx' ? 'an' : 'a'} ${kind.extension} file (not a zip archive)`,
    );
  checkZipLimits(bytes);
}
