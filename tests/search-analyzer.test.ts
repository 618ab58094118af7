import { describe, expect, it } from 'vitest';
import { isVietnameseSyllable, syllables, VietnameseAnalyzer } from '../search/analyzer.js';
import { ConceptLexicon } from '../search/concepts.js';
import { findMatches, NameMatcher, nameRanges, queryPhrases } from '../search/answer/evidence.js';
import { fuseRankings } from '../search/hybrid.js';
import { LexicalIndex } from '../search/lexical.js';

const lexicon = ConceptLexicon.load();
const analyzer = new VietnameseAnalyzer(lexicon.analyzerLexicon);

describe('Vietnamese analyzer', () => {
  it('treats NFD input and old tone placement like NFC new-style spelling', () => {
    const nfd = analyzer.analyze('Quản lý hoá đơn'.normalize('NFD'));
    const nfc = analyzer.analyze('Quản lý hóa đơn');
    expect(nfd).toEqual(nfc);
    expect(nfc.exact).toContain('hóa');
    expect(nfc.folded).toContain('hoa_don');
  });

  it('indexes folded syllables and bigrams, and diacritic-bearing syllables exactly, without stopwords', () => {
    const { exact, folded } = analyzer.analyze('Phòng, chống mua bán người và rửa tiền');
    expect(folded).toEqual(expect.arrayContaining(['mua_ban', 'ban_nguoi', 'rua_tien', 'nguoi', 'mua']));
    expect(exact).toEqual(expect.arrayContaining(['rửa', 'tiền', 'người', 'bán']));
    // "mua" has no diacritics: its exact form adds nothing.
    expect(exact).not.toContain('mua');
    expect(exact).not.toContain('và');
    expect(folded).not.toContain('va');
    // Bigrams stop at punctuation.
    expect(folded).not.toContain('phong_chong');
  });

  it('expands abbreviations in place, in any case when they cannot be syllables', () => {
    const upper = analyzer.analyze('Đấu tranh TPCTC');
    expect(upper.folded).toEqual(
      expect.arrayContaining(['tpctc', 'toi_pham', 'co_to', 'to_chuc', 'tranh_toi']),
    );
    expect(analyzer.analyze('dau tranh tpctc').folded).toContain('to_chuc');
    // Two-letter abbreviations only in capitals: "ca" is also a plain syllable.
    expect(analyzer.analyze('CA xã').folded).toContain('cong_an');
    expect(analyzer.analyze('ca trực').folded).not.toContain('cong_an');
    // Longer ones that are also syllables ("CAT" Công an tỉnh, "cát" sand) only as written, in capitals.
    expect(analyzer.analyze('CAT Lạng Sơn').folded).toContain('cong_an');
    expect(analyzer.analyze('khai thác cát trái phép').folded).not.toContain('cong_an');
    expect(analyzer.analyze('THƯƠNG MẠI ĐIỆN TỬ').folded).not.toContain('tinh_uy');
  });

  it('reports offsets into the text for every syllable', () => {
    const text = 'Sở Tư pháp: trợ giúp pháp lý.';
    for (const s of syllables(text)) if (s) expect(text.slice(s.start, s.end)).toBe(s.surface);
  });

  it('tells Vietnamese syllables from English words', () => {
    for (const w of ['thuong', 'nghieng', 'quyen', 'nguoi', 'an', 'to'])
      expect(isVietnameseSyllable(w)).toBe(true);
    for (const w of ['money', 'border', 'who', 'customs', 'bank', 'is', 'for'])
      expect(isVietnameseSyllable(w)).toBe(false);
  });
});

describe('concept lexicon', () => {
  it('tells controlled medicines and precursors from drug crime, and social media from the press', () => {
    const concepts = (q: string) => lexicon.analyzeQuery(q).concepts.map((c) => c.concept.id);
    const precursors = concepts('Which department keeps psychotropic substances under tight control?');
    expect(precursors).toContain('category:controlled-substances');
    expect(precursors).not.toContain('category:drugs');
    // A duty on them is still on drugs: the category's parent.
    const tagged = [...lexicon.tag('quản lý chặt chẽ chất gây nghiện, chất hướng thần, tiền chất')];
    expect(tagged).toEqual(expect.arrayContaining(['category:controlled-substances', 'category:drugs']));
    const sold = concepts('Who targets counterfeit goods sold on social media?');
    expect(sold).toContain('domain:e-commerce');
    expect(sold.filter((id) => id.startsWith('agency-type:'))).toEqual([]);
    expect(concepts('Which media must run the campaign?')).toContain('domain:media');
  });

  it('reads an abbreviation that is also a syllable only as written, in capitals', () => {
    // "TU" (Tỉnh ủy) is "tử" in "điện tử": an e-commerce question names no party committee.
    expect(lexicon.tag('hàng hóa bán trên sàn thương mại điện tử')).not.toContain('agency-type:tinh-uy');
    expect(lexicon.tag('ban tren san thuong mai dien tu')).not.toContain('agency-type:tinh-uy');
    expect(lexicon.tag('THƯƠNG MẠI ĐIỆN TỬ')).not.toContain('agency-type:tinh-uy');
    expect(lexicon.tag('Chương trình hành động số 95-CTr/TU')).toContain('agency-type:tinh-uy');
    const concepts = (q: string) => lexicon.analyzeQuery(q).concepts.map((c) => c.concept.id);
    expect(concepts('co quan nao xu ly hang gia tren san thuong mai dien tu')).not.toContain(
      'agency-type:tinh-uy',
    );
    expect(concepts('CAT chủ trì những gì?')).toContain('agency-type:cong-an-tinh');
    expect(concepts('ai quản lý khai thác cát')).not.toContain('agency-type:cong-an-tinh');
  });

  it('links English phrases to crime categories, agency types and duty domains', () => {
    const ids = (q: string) => lexicon.analyzeQuery(q).concepts.map((c) => c.concept.id);
    expect(ids('who is responsible for anti-money-laundering')).toContain('category:money-laundering');
    expect(ids('which agency is the border guard')).toContain(
      'agency-type:bo-chi-huy-bo-doi-bien-phong-tinh',
    );
    expect(ids('market surveillance')).toContain('agency-type:quan-ly-thi-truong-tinh');
    expect(ids('smugglers at border gates')).toEqual(
      expect.arrayContaining(['category:smuggling', 'domain:border']),
    );
    expect(ids('Ai phụ trách e-commerce?')).toContain('domain:e-commerce');
    // Anti-money-laundering plans give real-estate business checks to a department; asked in English too.
    expect(ids('Who inspects real estate businesses?')).toContain('domain:real-estate');
    expect([...lexicon.tag('kiểm tra hoạt động kinh doanh bất động sản')]).toContain('domain:real-estate');
  });

  it('drops question words and keeps Vietnamese content words for lexical search', () => {
    const vi = lexicon.analyzeQuery('Cơ quan nào chịu trách nhiệm hòa giải ở cơ sở?');
    expect(vi.language).toBe('vi');
    expect(vi.text).toBe('hòa giải ở cơ sở');
    expect(vi.dropped).toEqual(['Cơ quan nào', 'chịu trách nhiệm']);
    const en = lexicon.analyzeQuery('Which agencies handle legal aid in Lang Son?');
    expect(en.language).toBe('en');
    expect(en.expansions[0]).toEqual({ text: 'trợ giúp pháp lý', weight: 1 });
    expect(en.text).toContain('Lang Son');
  });

  it('does not read Vietnamese words as English ones ("ai" is "who", not AI)', () => {
    const analysis = lexicon.analyzeQuery('ai quản lý thuế');
    expect(analysis.concepts.map((c) => c.concept.id)).not.toContain('domain:telecom-technology');
    expect(analysis.dropped).toContain('ai');
    expect(lexicon.analyzeQuery('AI tools for crime detection').concepts.map((c) => c.concept.id)).toContain(
      'domain:telecom-technology',
    );
  });

  it('reads "leads" in an English question as the role asked, not as a topic', () => {
    // "leaders" once stemmed like "leads" and made accountability of heads the question's topic.
    const ids = lexicon
      .analyzeQuery('Which agency leads the fight against transnational crime in Lai Chau?')
      .concepts.map((c) => c.concept.id);
    expect(ids).toContain('role:lead');
    expect(ids).toContain('category:transnational-crime');
    expect(ids.filter((id) => id.startsWith('domain:'))).toEqual([]);
    expect(
      lexicon.analyzeQuery('accountability of heads of agencies').concepts.map((c) => c.concept.id),
    ).toContain('domain:head-accountability');
  });

  it('tags duty text with concepts and crime-category ancestors', () => {
    const tags = lexicon.tag('Triệt phá đường dây buôn lậu qua biên giới');
    expect([...tags]).toEqual(
      expect.arrayContaining(['category:smuggling', 'category:economic-crime', 'domain:border']),
    );
  });
});

describe('rank fusion and highlights', () => {
  it('fuses lists by reciprocal rank, ties sharing a rank', () => {
    const fused = fuseRankings(
      [
        {
          name: 'a',
          weight: 1,
          hits: [
            { id: 'x', score: 3 },
            { id: 'y', score: 2 },
          ],
        },
        {
          name: 'b',
          weight: 1,
          hits: [
            { id: 'y', score: 1 },
            { id: 'z', score: 1 },
          ],
        },
      ],
      10,
    );
    expect(fused.map((h) => h.id)).toEqual(['y', 'x', 'z']);
    expect(fused.find((h) => h.id === 'z')?.ranks).toEqual({ b: 1 });
  });

  it('ranks hits set aside (documents) where they are, and the others as if those were not there', () => {
    const list = {
      name: 'lexical',
      weight: 1,
      hits: [
        { id: 'doc#document', score: 9 },
        { id: 'doc#1', score: 5 },
        { id: 'other#document', score: 4 },
        { id: 'doc#2', score: 3 },
      ],
    };
    const fused = fuseRankings([list], 1, (id) => id.endsWith('#document'));
    const rankOf = (id: string) => fused.find((h) => h.id === id)?.ranks.lexical;
    expect([rankOf('doc#document'), rankOf('doc#1'), rankOf('other#document'), rankOf('doc#2')]).toEqual([
      1, 1, 3, 2,
    ]);
    // Without it, every duty below a document loses a rank.
    expect(fuseRankings([list], 1).find((h) => h.id === 'doc#2')?.ranks.lexical).toBe(4);
  });

  const stop = (w: string): boolean => analyzer.isStopword(w);
  const marks = (text: string, query: string, names: string[] = []): string[] =>
    findMatches(text, queryPhrases(query, [], stop), nameRanges(text, names)).map((h) => h.text);

  it('highlights matched words and phrases as written', () => {
    const text = 'Chỉ đạo các tổ chức tín dụng phòng, chống rửa tiền.';
    expect(marks(text, 'to chuc tin dung rua tien')).toEqual(['tổ chức tín dụng', 'rửa tiền']);
  });

  it('matches exact forms when the question has diacritics, folded pairs when it has none', () => {
    const text = 'Đẩy nhanh tiến độ điều tra các vụ rửa tiền ở khu vực biển.';
    expect(marks(text, 'rửa tiền')).toEqual(['rửa tiền']);
    expect(marks(text, 'tiền')).toEqual(['tiền']);
    expect(marks(text, 'biên giới')).toEqual([]);
    // Folded, a single syllable of a phrase is not enough: "tien" alone would light up "tiến độ".
    expect(marks(text, 'rua tien')).toEqual(['rửa tiền']);
  });

  it('never highlights inside an agency name the question does not name', () => {
    const text = 'Bộ đội Biên phòng tỉnh: phòng ngừa buôn lậu qua biên giới.';
    expect(marks(text, 'phòng ngừa', ['Bộ đội Biên phòng tỉnh'])).toEqual(['phòng ngừa']);
    expect(marks(text, 'phòng', ['Bộ đội Biên phòng tỉnh'])).toEqual(['phòng']);
  });

  it('finds many names in one pass exactly where a scan per name finds them', () => {
    // Every agency type's forms (a few hundred), plus names that overlap themselves and each other.
    const names = [
      ...[...lexicon.concepts()].filter((c) => c.kind === 'agency-type').flatMap((c) => c.vi),
      'ana ana',
      'Công an',
      '  công an tỉnh ',
    ];
    const scan = (text: string): Array<[number, number]> => {
      const lowered = text.toLowerCase();
      const out: Array<[number, number]> = [];
      for (const name of new Set(names.map((n) => n.toLowerCase().trim()))) {
        for (let at = lowered.indexOf(name); at >= 0; at = lowered.indexOf(name, at + name.length))
          out.push([at, at + name.length]);
      }
      return out;
    };
    const byStart = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
    const matcher = new NameMatcher(names);
    for (const text of [
      'Giao Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Sở Tư pháp và UBND các huyện.',
      'CÔNG AN TỈNH, công an tỉnh; côNg an tỉnhana ana ana ana.',
      'Ngân hàng Nhà nước chi nhánh tỉnh; Cục Hải quan; Ban Chỉ đạo 389 tỉnh',
      '',
    ]) {
      const found = matcher.ranges(text).sort(byStart);
      expect(found).toEqual(scan(text).sort(byStart));
      if (text.startsWith('Giao')) expect(found.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('lexical index', () => {
  const passages = Array.from({ length: 1200 }, (_, i) => ({
    id: `p${i}`,
    body: i % 100 === 0 ? `Đấu tranh tội phạm ma túy số ${i}` : `Phòng ngừa tội phạm số ${i}`,
    context: 'Công an tỉnh',
  }));
  const index = LexicalIndex.create(analyzer);
  index.add(passages);
  const search = (text: string) => index.search({ text, expansions: [], expansionWeight: 0 }, 2000);

  it('skips terms nearly every passage has when the query has better ones', () => {
    expect(
      search('tội phạm ma túy')
        .map((h) => h.id)
        .sort(),
    ).toEqual(
      passages
        .filter((_, i) => i % 100 === 0)
        .map((p) => p.id)
        .sort(),
    );
    // Alone, a common term is still searched.
    expect(search('tội phạm')).toHaveLength(1200);
  });

  it('ranks exact diacritics above a folded match and survives a save and reload', () => {
    const small = LexicalIndex.create(analyzer);
    small.add([
      { id: 'turtle', body: 'bảo vệ rùa biển', context: '' },
      { id: 'wash', body: 'phát hiện rửa tiền', context: '' },
    ]);
    const restored = LexicalIndex.fromJSON(analyzer, small.toJSON());
    for (const index of [small, restored]) {
      expect(index.search({ text: 'rửa', expansions: [], expansionWeight: 0 }, 5).map((h) => h.id)).toEqual([
        'wash',
        'turtle',
      ]);
      expect(index.search({ text: 'rùa', expansions: [], expansionWeight: 0 }, 5).map((h) => h.id)).toEqual([
        'turtle',
        'wash',
      ]);
    }
    expect(() => LexicalIndex.fromJSON(analyzer, '{"index": 1}')).toThrow();
  });
});
