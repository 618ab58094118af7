/**
 * Pieces of the Neo4j adapter's lexical ranking that need no server: the field weights of a query's
 * terms in a passage, which must equal a per-term, per-field search of the padded fields (what the
 * ranking was computed with before) to the last bit.
 */
import { describe, expect, it } from 'vitest';
import { fieldWeights } from '../search/index/neo4j-query.js';
import { FIELD_WEIGHTS } from '../search/index/terms.js';
import { seededRandom } from '../search/vector/synthetic.js';

const FIELDS = ['exact', 'folded', 'context'] as const;

/** The definition: a term's weight sums the weights of the fields holding it as a whole token. */
function byIncludes(terms: readonly string[], fields: Record<(typeof FIELDS)[number], string>): number[] {
  return terms.map((term) => {
    let f = 0;
    for (const field of FIELDS) if (` ${fields[field]} `.includes(` ${term} `)) f += FIELD_WEIGHTS[field];
    return f;
  });
}

describe('Neo4j lexical field weights', () => {
  it('matches whole terms only, in every field, each field once', () => {
    const weights = fieldWeights(['phòng', 'phong', 'phong_chong', 'ma', 'c++', 'absent']);
    const fields = {
      exact: 'phòng chống phòng',
      folded: 'phong chong phong_chong ma_tuy',
      context: 'phong c++ mat',
    };
    expect(Array.from(weights(fields))).toEqual([2, 1 + 0.3, 1, 0, 0.3, 0]);
    expect(Array.from(weights(fields))).toEqual(
      byIncludes(['phòng', 'phong', 'phong_chong', 'ma', 'c++', 'absent'], fields),
    );
  });

  it('equals the per-term search on random fields, term prefixes and regex characters included', () => {
    const random = seededRandom(11);
    const vocabulary = ['a', 'ab', 'abc', 'b', 'a_b', 'ab_c', 'đ', 'đa', '.', 'a.b', '(x)', '[y]', 'z\\'];
    const pick = () => vocabulary[Math.floor(random() * vocabulary.length)]!;
    const words = (n: number) => Array.from({ length: n }, pick).join(' ');
    for (let round = 0; round < 200; round++) {
      const terms = [...new Set(Array.from({ length: 1 + Math.floor(random() * 6) }, pick))];
      const weights = fieldWeights(terms);
      for (let passage = 0; passage < 5; passage++) {
        const fields = { exact: words(4), folded: words(8), context: words(3) };
        expect(Array.from(weights(fields))).toEqual(byIncludes(terms, fields));
      }
    }
  });

  it('weighs nothing for no terms', () => {
    expect(Array.from(fieldWeights([])({ exact: 'a', folded: 'a', context: 'a' }))).toEqual([]);
  });
});
