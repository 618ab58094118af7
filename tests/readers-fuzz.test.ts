/**
 * Fuzzing the readers: valid files of every format, mutated (bytes flipped, cut, inserted, ranges
 * repeated), must each come back as text or as a ReadError naming the file — never another error,
 * never a hang past the read timeout, and memory stays bounded. DUTYGRAPH_FUZZ_RUNS sets the cases
 * per reader (CI: a few hundred; `npm run bench:fuzz`: thousands); DUTYGRAPH_FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Format, ReadError, readBuffer } from '../ingest/readers/index.js';
import { UPLOAD_TEXT } from './support/api-documents.js';
import { sampleDocx, sampleHtml, sampleMarkdown, samplePdf, sampleXlsx } from './support/fixtures.js';

const RUNS = Number(process.env.DUTYGRAPH_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.DUTYGRAPH_FUZZ_SEED ?? 20261201);
// PDF cases each start a worker thread: fewer of them by default.
const PDF_RUNS = Math.max(1, Math.round(RUNS / 4));
const READ_TIMEOUT_MS = 15_000;
const MAX_RSS_BYTES = 3 * 1024 * 1024 * 1024;

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'repeat'; at: number; length: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 512 }),
    times: fc.integer({ min: 1, max: 64 }),
  }),
);

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Buffer.from(seed);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'flip' && bytes.length > 0) bytes[at] = m.value;
    else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
    else if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    else if (m.kind === 'repeat') {
      const range = bytes.subarray(at, at + m.length);
      bytes = Buffer.concat([
        bytes.subarray(0, at),
        ...Array<Buffer>(m.times).fill(range),
        bytes.subarray(at),
      ]);
    }
  }
  return bytes;
}

const seeds: Array<[Format, number, () => Promise<Uint8Array>]> = [
  ['txt', RUNS, async () => Buffer.from(UPLOAD_TEXT)],
  ['md', RUNS, async () => Buffer.from(sampleMarkdown())],
  ['html', RUNS, async () => Buffer.from(sampleHtml())],
  ['docx', RUNS, sampleDocx],
  ['xlsx', RUNS, sampleXlsx],
  ['pdf', PDF_RUNS, samplePdf],
];

describe('reader fuzzing', () => {
  for (const [format, runs, seedFile] of seeds) {
    it(`${format}: ${runs} mutated files read or refused cleanly`, async () => {
      const seed = await seedFile();
      const outcomes = { text: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
          const bytes = mutate(seed, mutations);
          try {
            const loaded = await readBuffer(`fuzz.${format}`, bytes, { timeoutMs: READ_TIMEOUT_MS });
            expect(typeof loaded.text).toBe('string');
            outcomes.text++;
          } catch (error) {
            // Anything but a ReadError naming the file is a crash of the reader.
            if (!(error instanceof ReadError)) throw error;
            expect(error.message.startsWith(`fuzz.${format}: `)).toBe(true);
            outcomes.refused++;
          }
          expect(process.memoryUsage().rss).toBeLessThan(MAX_RSS_BYTES);
        }),
        { numRuns: runs, seed: SEED, endOnFailure: true },
      );
      console.log(
        `fuzz ${format}: ${runs} cases, ${outcomes.text} read, ${outcomes.refused} refused, 0 crashes`,
      );
    }, 600_000);
  }
});
