/**
 * Evidence shown with an answer: where the question's words occur in a duty (highlights) and the
 * sentence(s) of the duty that say so (snippets).
 */
import { BIGRAM_JOINER, type Syllable, syllables } from '../analyzer.js';
import type { Highlight } from '../schema.js';

/**
 * Where matched terms occur in a passage: runs of syllables whose exact or folded form (or the bigram
 * they form) is among `terms`, merged into spans of the passage text.
 */
export function highlight(
  text: string,
  terms: ReadonlySet<string>,
  isStopword: (exact: string) => boolean,
): Highlight[] {
  const tokens = syllables(text);
  const marked = new Array<boolean>(tokens.length).fill(false);
  tokens.forEach((token, i) => {
    if (!token) return;
    if (!isStopword(token.exact) && (terms.has(token.exact) || terms.has(token.folded))) marked[i] = true;
    const next = tokens[i + 1];
    if (
      next &&
      (terms.has(token.exact + BIGRAM_JOINER + next.exact) ||
        terms.has(token.folded + BIGRAM_JOINER + next.folded))
    ) {
      marked[i] = true;
      marked[i + 1] = true;
    }
  });
  const spans: Highlight[] = [];
  let current: { first: Syllable; last: Syllable } | null = null;
  const flush = (): void => {
    if (current)
      spans.push({
        text: text.slice(current.first.start, current.last.end),
        start: current.first.start,
        end: current.last.end,
      });
    current = null;
  };
  tokens.forEach((token, i) => {
    if (token && marked[i]) {
      if (current) current.last = token;
      else current = { first: token, last: token };
    } else flush();
  });
  flush();
  return spans;
}
