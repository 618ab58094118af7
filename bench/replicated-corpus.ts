/**
 * The development corpus (../shared/corpus) as benchmark input: its documents, and copies of them whose
 * document numbers are shifted so that every copy has its own symbols and keys.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');

/** The corpus texts in file-name order; exits with a message when the corpus is absent. */
export function loadCorpus(script: string): string[] {
  const texts = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(path.join(corpusDir, f), 'utf8'));
  if (!texts.length) {
    console.error(`${script}: no corpus found at ${corpusDir}`);
    process.exit(1);
  }
  return texts;
}

/** Copy i of a document: every document number shifted, so copies do not collapse into one key. */
export function variant(text: string, i: number): string {
  return text.replace(
    /(số:?\s*)(\d{1,5})(\s*\/)/giu,
    (_, a: string, n: string, b: string) => `${a}${Number(n) + i}${b}`,
  );
}

/** Copy n of the corpus cycle: document n mod size, numbers shifted by the round. */
export function replicated(originals: string[], n: number): string {
  return variant(originals[n % originals.length]!, Math.floor(n / originals.length));
}
