/** `--ocr auto|always|never` for extract and ingest, and a progress bar per OCR'd file on a terminal. */
import { type Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { OCR_MODES, type OcrMode } from '../ingest/readers/index.js';

export function addOcrOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--ocr <mode>',
      'OCR scans: auto = PDF pages without a text layer and images, always = every PDF page too, never = refuse scans',
    )
      .choices(OCR_MODES)
      .default('auto'),
  );
}

/** Page progress of the file being OCR'd (stderr, interactive terminals only). */
export function ocrProgress(): (source: string, done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => undefined;
  const bars = new Map<string, cliProgress.SingleBar>();
  return (source, done, total) => {
    let bar = bars.get(source);
    if (!bar) {
      bar = new cliProgress.SingleBar(
        {
          format: `OCR [{bar}] {value}/{total} pages {item}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { item: source.length > 50 ? `…${source.slice(-49)}` : source });
      bars.set(source, bar);
    }
    bar.update(done);
    if (done >= total) {
      bar.stop();
      bars.delete(source);
    }
  };
}

export type OcrFlags = { ocr?: OcrMode };
