/**
 * Answering (search/answer/): which agencies a set of ranked duties makes answers and which only related
 * mentions. Duty texts are written for these tests, in layouts the corpus does not use.
 */
import { describe, expect, it } from 'vitest';
import { VietnameseAnalyzer } from '../search/analyzer.js';
import { buildAnswer, type RankedPassage } from '../search/answer/index.js';
import { ConceptLexicon } from '../search/concepts.js';
import { DOCUMENT_CONCEPT, type PassageAgencyRef, type StoredPassage } from '../search/passage.js';
import { type AnswerRole, parseSearchRequest, type PassageKind } from '../search/schema.js';

const lexicon = ConceptLexicon.load();
const analyzer = new VietnameseAnalyzer(lexicon.analyzerLexicon);

function agency(typeId: string, mention: string, role: AnswerRole, action?: string): PassageAgencyRef {
  return {
    id: `ha-giang:${typeId}`,
    name: `${mention} Hà Giang`,
    mention,
    role,
    typeId,
    province: 'ha-giang',
    ...(action ? { action } : {}),
  };
}

let counter = 0;
function passage(
  text: string,
  agencies: PassageAgencyRef[],
  score: number,
  kind: PassageKind = 'duty',
): RankedPassage {
  counter += 1;
  const stored: StoredPassage = {
    id: `ha-giang:kh:test#${counter}`,
    kind,
    documentId: 'ha-giang:kh:test',
    path: String(counter),
    text,
    agencies,
    categories: [],
    // A document's own passage posts only its mark; its text's concepts decide its topic (search/passage.ts).
    ...(kind === 'document'
      ? { concepts: [DOCUMENT_CONCEPT], subjectConcepts: [...lexicon.tag(text)] }
      : { concepts: [...lexicon.tag(text)] }),
    deadline: null,
    document: {
      id: 'ha-giang:kh:test',
      source: 'test.txt',
      symbol: null,
      type: 'KH',
      issuedAt: null,
      province: 'ha-giang',
      provinceName: 'Hà Giang',
    },
  };
  return { passage: stored, score };
}

function answer(query: string, ranked: RankedPassage[]): { answers: string[]; related: string[] } {
  const { agencies } = buildAnswer(ranked, {
    request: parseSearchRequest({ query, k: 10 }),
    analysis: lexicon.analyzeQuery(query),
    analyzer,
    lexicon,
    relatedCut: 0.1,
    provinces: new Set(),
    conceptShare: () => 0,
  });
  return {
    answers: agencies.filter((a) => !a.related).map((a) => a.id),
    related: agencies.filter((a) => a.related).map((a) => a.id),
  };
}

describe('answers and related mentions', () => {
  it('lists bodies on the broader offence first among related mentions', () => {
    const ranked = [
      passage(
        'Sở Y tế kiểm soát chặt chẽ chất gây nghiện, chất hướng thần tại cơ sở kinh doanh dược.',
        [agency('so-y-te', 'Sở Y tế', 'assigned')],
        1,
      ),
      passage(
        'Bộ Chỉ huy Bộ đội Biên phòng tỉnh kiểm soát chặt chẽ pháo nổ qua đường mòn, lối mở.',
        [agency('bo-chi-huy-bo-doi-bien-phong-tinh', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'assigned')],
        0.9,
      ),
      passage(
        'Công an tỉnh đấu tranh với các đường dây mua bán trái phép chất ma túy.',
        [agency('cong-an-tinh', 'Công an tỉnh', 'assigned')],
        0.5,
      ),
    ];
    const result = answer('Ai kiểm soát chất hướng thần?', ranked);
    expect(result.answers).toEqual(['ha-giang:so-y-te']);
    // A drug duty is on the offence above controlled substances: the nearest related mention, before a closer
    // match on another offence.
    expect(result.related).toEqual(['ha-giang:cong-an-tinh', 'ha-giang:bo-chi-huy-bo-doi-bien-phong-tinh']);
  });

  it('credits each body of a shared sentence only with its own verb', () => {
    const text =
      'Viện kiểm sát nhân dân tỉnh và Tòa án nhân dân tỉnh khẩn trương truy tố, xét xử các vụ án buôn lậu qua biên giới.';
    const ranked = [
      passage(
        text,
        [
          agency('vien-kiem-sat-nhan-dan-tinh', 'Viện kiểm sát nhân dân tỉnh', 'assigned', 'truy tố'),
          agency('toa-an-nhan-dan-tinh', 'Tòa án nhân dân tỉnh', 'assigned', 'xét xử'),
        ],
        1,
      ),
    ];
    const result = answer('Cơ quan nào xét xử các vụ án buôn lậu?', ranked);
    expect(result.answers).toEqual(['ha-giang:toa-an-nhan-dan-tinh']);
    expect(result.related).toEqual(['ha-giang:vien-kiem-sat-nhan-dan-tinh']);
    // "kiểm sát" inside "Viện kiểm sát" is not the verb "truy tố" asked for (here without diacritics).
    const prosecutors = answer('ai truy to cac vu an buon lau', ranked);
    expect(prosecutors.answers).toEqual(['ha-giang:vien-kiem-sat-nhan-dan-tinh']);
    expect(prosecutors.related).toEqual(['ha-giang:toa-an-nhan-dan-tinh']);
    // Asked for both verbs, or about their common topic, both answer.
    expect(answer('ai truy to, xet xu cac vu an buon lau', ranked).answers).toHaveLength(2);
    expect(answer('Ai xử lý các vụ án buôn lậu?', ranked).answers).toHaveLength(2);
  });

  it('lists a body named only as the lead body’s partner as a related mention', () => {
    const ranked = [
      passage(
        'Giao Sở Tư pháp chủ trì, phối hợp với Công an tỉnh củng cố tổ hòa giải ở cơ sở.',
        [agency('so-tu-phap', 'Sở Tư pháp', 'lead'), agency('cong-an-tinh', 'Công an tỉnh', 'support')],
        1,
      ),
    ];
    const result = answer('Ai tổ chức hòa giải ở cơ sở?', ranked);
    expect(result.answers).toEqual(['ha-giang:so-tu-phap']);
    expect(result.related).toEqual(['ha-giang:cong-an-tinh']);
    // Two bodies addressed together: both carry the duty.
    const shared = [
      passage(
        'Sở Tài chính, Thuế tỉnh: Phối hợp rà soát doanh nghiệp mua bán hóa đơn trái phép theo đề nghị của cơ quan chủ trì.',
        [agency('so-tai-chinh', 'Sở Tài chính', 'support'), agency('thue-tinh', 'Thuế tỉnh', 'support')],
        1,
      ),
    ];
    expect(answer('Ai rà soát doanh nghiệp mua bán hóa đơn?', shared).answers).toEqual([
      'ha-giang:so-tai-chinh',
      'ha-giang:thue-tinh',
    ]);
  });

  it("where every body only takes part, the duty is the addressee's, not the partner its text names", () => {
    const ranked = [
      passage(
        'Sở Tư pháp: phối hợp với Công an tỉnh rà soát văn bản quy phạm pháp luật về phòng, chống mua bán người.',
        [agency('so-tu-phap', 'Sở Tư pháp', 'support'), agency('cong-an-tinh', 'Công an tỉnh', 'support')],
        1,
      ),
    ];
    const result = answer('Ai rà soát văn bản quy phạm pháp luật về mua bán người?', ranked);
    expect(result.answers).toEqual(['ha-giang:so-tu-phap']);
    expect(result.related).toEqual(['ha-giang:cong-an-tinh']);
  });

  it('a particular offence the question names decides the topic; a shared place or field does not', () => {
    const ranked = [
      passage(
        'Bộ Chỉ huy Bộ đội Biên phòng tỉnh chủ trì đấu tranh với tội phạm ma túy trên tuyến biên giới.',
        [agency('bo-chi-huy-bo-doi-bien-phong-tinh', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'lead')],
        1,
      ),
      passage(
        'Công an tỉnh kiểm soát chặt chẽ khu vực biên giới, ngăn chặn vận chuyển trái phép pháo nổ.',
        [agency('cong-an-tinh', 'Công an tỉnh', 'assigned')],
        0.98,
      ),
    ];
    const result = answer('Ai phòng chống ma túy ở khu vực biên giới?', ranked);
    expect(result.answers).toEqual(['ha-giang:bo-chi-huy-bo-doi-bien-phong-tinh']);
    expect(result.related).toEqual(['ha-giang:cong-an-tinh']);
  });

  it('keeps a catch-all group out of the answers when a named body answers', () => {
    const ranked = [
      passage(
        'Các sở, ban, ngành tỉnh tuyên truyền phòng, chống ma túy trong trường học.',
        [agency('cac-so-ban-nganh', 'Các sở, ban, ngành tỉnh', 'assigned')],
        1,
      ),
      passage(
        'Sở Giáo dục và Đào tạo đưa nội dung phòng, chống ma túy vào trường học.',
        [agency('so-giao-duc-va-dao-tao', 'Sở Giáo dục và Đào tạo', 'assigned')],
        0.95,
      ),
    ];
    const result = answer('Ai tuyên truyền phòng chống ma túy trong trường học?', ranked);
    expect(result.answers).toEqual(['ha-giang:so-giao-duc-va-dao-tao']);
    expect(result.related).toEqual(['ha-giang:cac-so-ban-nganh']);
  });

  it('"các cơ quan báo chí" names a kind of body and answers beside its co-subject; "các cơ quan chức năng" does not', () => {
    const shared = 'tăng cường tuyên truyền phòng, chống ma túy trên báo, đài.';
    const ranked = [
      passage(
        `Sở Văn hóa, Thể thao và Du lịch và các cơ quan báo chí của tỉnh ${shared}`,
        [
          agency('so-van-hoa-the-thao-va-du-lich', 'Sở Văn hóa, Thể thao và Du lịch', 'assigned'),
          agency('cac-co-quan-bao-chi', 'các cơ quan báo chí của tỉnh', 'assigned'),
        ],
        1,
      ),
      passage(
        `Các cơ quan chức năng ${shared}`,
        [{ ...agency('cac-co-quan-chuc-nang', 'Các cơ quan chức năng', 'assigned'), typeId: null }],
        1,
      ),
    ];
    const result = answer('Ai tuyên truyền phòng chống ma túy trên báo, đài?', ranked);
    expect(result.answers).toEqual([
      'ha-giang:so-van-hoa-the-thao-va-du-lich',
      'ha-giang:cac-co-quan-bao-chi',
    ]);
    expect(result.related).toEqual(['ha-giang:cac-co-quan-chuc-nang']);
  });

  it('does not take "chủ trì" alone, or words inside a unit’s name, as the topic', () => {
    const ranked = [
      passage(
        'Công an tỉnh chủ trì kiểm tra, xử lý vi phạm về vũ khí, vật liệu nổ.',
        [agency('cong-an-tinh', 'Công an tỉnh', 'lead')],
        1,
      ),
      passage(
        'Sở Công Thương phối hợp với lực lượng Quản lý thị trường kiểm tra hàng lậu.',
        [agency('so-cong-thuong', 'Sở Công Thương', 'assigned')],
        0.9,
      ),
    ];
    expect(answer('Ai chủ trì quy hoạch mạng lưới cửa hàng xăng dầu?', ranked).answers).toEqual([]);
    expect(answer('Ai quản lý thương nhân bán xăng dầu?', ranked).answers).toEqual([]);
  });

  it('asked who leads, lists the bodies that only take another part as related mentions', () => {
    const ranked = [
      passage(
        'Công an tỉnh chủ trì, phối hợp với Sở Công Thương kiểm tra, xử lý việc buôn bán pháo trái phép.',
        [
          agency('cong-an-tinh', 'Công an tỉnh', 'lead'),
          agency('so-cong-thuong', 'Sở Công Thương', 'support'),
        ],
        1,
      ),
      passage(
        'Sở Tư pháp, Sở Giáo dục và Đào tạo tuyên truyền quy định về pháo trái phép.',
        [
          agency('so-tu-phap', 'Sở Tư pháp', 'assigned'),
          agency('so-giao-duc-va-dao-tao', 'Sở Giáo dục và Đào tạo', 'assigned'),
        ],
        0.98,
      ),
      passage(
        'Báo tỉnh, Đài Phát thanh tỉnh mở chuyên mục về tác hại của pháo trái phép.',
        [
          agency('bao-tinh', 'Báo tỉnh', 'assigned'),
          agency('dai-phat-thanh-truyen-hinh-tinh', 'Đài Phát thanh tỉnh', 'assigned'),
        ],
        0.97,
      ),
    ];
    const leads = answer('Ai chủ trì xử lý buôn bán pháo trái phép?', ranked);
    expect(leads.answers).toEqual(['ha-giang:cong-an-tinh']);
    expect(leads.related).toContain('ha-giang:so-tu-phap');
    expect(leads.related).toContain('ha-giang:bao-tinh');
    // Not asked who leads: every body with an on-topic duty of its own answers.
    expect(answer('Ai xử lý buôn bán pháo trái phép?', ranked).answers).toHaveLength(5);
    // The sole body given a duty leads it; with no lead for the topic, the rule does not apply.
    const sole = passage(
      'Công an tỉnh kiểm tra, xử lý việc buôn bán pháo trái phép.',
      [agency('cong-an-tinh', 'Công an tỉnh', 'assigned')],
      1,
    );
    expect(answer('Ai chủ trì xử lý buôn bán pháo trái phép?', [sole, ...ranked.slice(1)]).answers).toEqual([
      'ha-giang:cong-an-tinh',
    ]);
    expect(answer('Ai chủ trì xử lý buôn bán pháo trái phép?', ranked.slice(1)).answers).toHaveLength(4);
  });

  it('gives a duty that points back at the content above the topic of its document', () => {
    const ranked = [
      passage(
        'Sở Tài chính, Thuế tỉnh tăng cường phòng, chống tín dụng đen trên địa bàn.',
        [agency('so-tai-chinh', 'Sở Tài chính', 'assigned'), agency('thue-tinh', 'Thuế tỉnh', 'assigned')],
        1,
      ),
      passage(
        'Công an tỉnh là cơ quan đầu mối, theo dõi, đôn đốc thực hiện các nội dung nêu trên.',
        [agency('cong-an-tinh', 'Công an tỉnh', 'lead')],
        0.9,
      ),
    ];
    expect(answer('Cơ quan nào là đầu mối phòng chống tín dụng đen?', ranked).answers).toEqual([
      'ha-giang:cong-an-tinh',
    ]);
    // Without the pointer the lead duty says nothing about the topic.
    const unrelated = [
      ranked[0]!,
      passage('Công an tỉnh là cơ quan đầu mối về phòng cháy.', ranked[1]!.passage.agencies, 0.9),
    ];
    expect(answer('Cơ quan nào là đầu mối phòng chống tín dụng đen?', unrelated).answers).not.toContain(
      'ha-giang:cong-an-tinh',
    );
  });

  it('orders related mentions by the plain hybrid score, and never lists a passage only it ranks', () => {
    const lead = passage(
      'Sở Lao động - Thương binh và Xã hội lập danh sách người nghiện, tổ chức cai nghiện tại cộng đồng.',
      [agency('so-lao-dong-thuong-binh-va-xa-hoi', 'Sở Lao động - Thương binh và Xã hội', 'assigned')],
      1,
    );
    // Lexically close (shared common words), semantically far: first by the fused score, last by the tail.
    const loose = {
      ...passage(
        'Sở Xây dựng tổ chức kiểm tra danh sách công trình tại cộng đồng dân cư.',
        [agency('so-xay-dung', 'Sở Xây dựng', 'assigned')],
        0.5,
      ),
      tail: 0.5,
    };
    const close = {
      ...passage(
        'Sở Y tế hướng dẫn điều trị nghiện ma túy bằng thuốc thay thế.',
        [agency('so-y-te', 'Sở Y tế', 'assigned')],
        0,
      ),
      tail: 0.9,
      tailOnly: true,
    };
    const ranked = [{ ...lead, tail: 1 }, loose, close];
    const { agencies, passages } = buildAnswer(ranked, {
      request: parseSearchRequest({ query: 'Ai lập danh sách người nghiện?', k: 10 }),
      analysis: lexicon.analyzeQuery('Ai lập danh sách người nghiện?'),
      analyzer,
      lexicon,
      relatedCut: 0.9,
      provinces: new Set(),
      conceptShare: () => 0,
    });
    expect(agencies.map((a) => [a.id, a.related])).toEqual([
      ['ha-giang:so-lao-dong-thuong-binh-va-xa-hoi', false],
      ['ha-giang:so-y-te', true],
      ['ha-giang:so-xay-dung', true],
    ]);
    expect(passages.map((p) => p.dutyId)).toEqual([lead.passage.id, loose.passage.id]);
  });

  it("lists related mentions on the question's topic before loose matches, the named province's first", () => {
    const lead = passage(
      'Công an tỉnh chủ trì đấu tranh phòng, chống tội phạm ma túy trên tuyến biên giới.',
      [agency('cong-an-tinh', 'Công an tỉnh', 'lead')],
      1,
    );
    // Close to the question's words, but about building works: a loose match.
    const loose = {
      ...passage(
        'Sở Xây dựng tăng cường kiểm tra các công trình trên tuyến biên giới.',
        [agency('so-xay-dung', 'Sở Xây dựng', 'assigned')],
        0.5,
      ),
      tail: 0.95,
    };
    const health = {
      ...passage(
        'Sở Y tế phối hợp điều trị cho người nghiện ma túy tại cộng đồng.',
        [agency('so-y-te', 'Sở Y tế', 'assigned')],
        0,
      ),
      tail: 0.8,
      tailOnly: true,
    };
    // The same topic in another province's document: closer than the named province's health department, still
    // after it.
    const inCaoBang = passage(
      'Công an tỉnh tuần tra, kiểm soát, ngăn chặn ma túy qua biên giới.',
      [
        {
          ...agency('cong-an-tinh', 'Công an tỉnh', 'assigned'),
          id: 'cao-bang:cong-an-tinh',
          province: 'cao-bang',
        },
      ],
      0,
    );
    const elsewhere = {
      ...inCaoBang,
      passage: {
        ...inCaoBang.passage,
        document: { ...inCaoBang.passage.document, province: 'cao-bang', provinceName: 'Cao Bằng' },
      },
    };
    const query = 'Ai chủ trì phòng, chống ma túy trên tuyến biên giới Hà Giang?';
    const { agencies } = buildAnswer(
      [{ ...lead, tail: 1 }, loose, health, { ...elsewhere, tail: 0.9, tailOnly: true }],
      {
        request: parseSearchRequest({ query, k: 10 }),
        analysis: lexicon.analyzeQuery(query),
        analyzer,
        lexicon,
        relatedCut: 0.5,
        provinces: new Set(['ha-giang']),
        conceptShare: () => 0,
      },
    );
    expect(agencies.map((a) => [a.id, a.related])).toEqual([
      ['ha-giang:cong-an-tinh', false],
      ['ha-giang:so-y-te', true],
      ['cao-bang:cong-an-tinh', true],
      ['ha-giang:so-xay-dung', true],
    ]);
  });

  it('asked who supports a body it names, answers with that body’s partners, not the body', () => {
    const ranked = [
      passage(
        'Sở Y tế chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, Tỉnh đoàn kiểm tra an toàn thực phẩm tại chợ.',
        [
          agency('so-y-te', 'Sở Y tế', 'lead'),
          agency('so-nong-nghiep-va-moi-truong', 'Sở Nông nghiệp và Môi trường', 'support'),
          agency('tinh-doan', 'Tỉnh đoàn', 'support'),
        ],
        1,
      ),
    ];
    expect(answer('Which bodies support the Department of Health in food safety checks?', ranked)).toEqual({
      answers: ['ha-giang:so-nong-nghiep-va-moi-truong', 'ha-giang:tinh-doan'],
      related: ['ha-giang:so-y-te'],
    });
    // Asked who leads, the department it names is the answer.
    expect(answer('Ai chủ trì kiểm tra an toàn thực phẩm tại chợ?', ranked).answers).toEqual([
      'ha-giang:so-y-te',
    ]);
  });
});

describe('a document’s own passage: who issued it, who proposed it', () => {
  const documentPassage = (score: number) =>
    passage(
      'Quyết định: Ban hành Quy chế quản lý vũ khí, vật liệu nổ và công cụ hỗ trợ trên địa bàn tỉnh. Theo đề nghị của Giám đốc Công an tỉnh.',
      [
        agency('ubnd-tinh', 'Ủy ban nhân dân tỉnh', 'issuer'),
        agency('cong-an-tinh', 'Công an tỉnh', 'proposer'),
      ],
      score,
      'document',
    );
  const duty = (score: number) =>
    passage(
      'Sở Công Thương chủ trì quản lý vật liệu nổ công nghiệp, tiền chất thuốc nổ.',
      [agency('so-cong-thuong', 'Sở Công Thương', 'lead')],
      score,
    );

  it('answers who proposed it with the proposer, the issuer and duty holders related', () => {
    const ranked = [documentPassage(1), duty(0.95)];
    for (const q of [
      'Cơ quan nào đề nghị ban hành quy chế quản lý vũ khí, vật liệu nổ?',
      'Which agency proposed the regulation on managing weapons and explosives?',
    ]) {
      const result = answer(q, ranked);
      expect(result.answers, q).toEqual(['ha-giang:cong-an-tinh']);
      expect(result.related, q).toContain('ha-giang:so-cong-thuong');
    }
  });

  it('answers who issued it with the issuer', () => {
    const ranked = [documentPassage(1), duty(0.95)];
    expect(answer('Who issued the rules on managing weapons and explosives?', ranked).answers).toEqual([
      'ha-giang:ubnd-tinh',
    ]);
    expect(answer('ai ban hanh quy che quan ly vu khi, vat lieu no', ranked).answers).toEqual([
      'ha-giang:ubnd-tinh',
    ]);
  });

  it('answers a question about duties with the duty holder alone, however well the document passage matches', () => {
    const result = answer('Ai quản lý vật liệu nổ?', [documentPassage(1), duty(0.95)]);
    expect(result.answers).toEqual(['ha-giang:so-cong-thuong']);
    // Issuing or proposing the document is not a mention of a duty: they are left out, not listed as related.
    expect([...result.answers, ...result.related]).not.toContain('ha-giang:ubnd-tinh');
    expect([...result.answers, ...result.related]).not.toContain('ha-giang:cong-an-tinh');
  });

  it('ranks a body that proposed the document and has duties by its duties alone', () => {
    const partner = passage(
      'Sở Công Thương chủ trì, phối hợp với Công an tỉnh kiểm tra việc sử dụng vật liệu nổ công nghiệp.',
      [agency('so-cong-thuong', 'Sở Công Thương', 'lead'), agency('cong-an-tinh', 'Công an tỉnh', 'support')],
      0.95,
    );
    const { agencies } = buildAnswer([documentPassage(1), partner], {
      request: parseSearchRequest({ query: 'Ai kiểm tra sử dụng vật liệu nổ công nghiệp?', k: 10 }),
      analysis: lexicon.analyzeQuery('Ai kiểm tra sử dụng vật liệu nổ công nghiệp?'),
      analyzer,
      lexicon,
      relatedCut: 0.1,
      provinces: new Set(),
      conceptShare: () => 0,
    });
    const police = agencies.find((a) => a.id === 'ha-giang:cong-an-tinh');
    expect(police).toMatchObject({ roles: ['support'], evidenceCount: 1 });
    expect(agencies[0]!.id).toBe('ha-giang:so-cong-thuong');
  });

  it('answers with the document’s bodies when no duty is on the topic', () => {
    const unrelated = passage(
      'Sở Y tế chủ trì kiểm tra an toàn thực phẩm.',
      [agency('so-y-te', 'Sở Y tế', 'lead')],
      0.2,
    );
    const result = answer('Quy chế quản lý vũ khí, vật liệu nổ và công cụ hỗ trợ', [
      documentPassage(1),
      unrelated,
    ]);
    expect(result.answers).toEqual(expect.arrayContaining(['ha-giang:ubnd-tinh', 'ha-giang:cong-an-tinh']));
    expect(result.answers).not.toContain('ha-giang:so-y-te');
  });

  it('"tham mưu ban hành" asks for the drafting body, not the issuer', () => {
    const drafting = passage(
      'Công an tỉnh tham mưu Ủy ban nhân dân tỉnh ban hành quy chế quản lý vũ khí, vật liệu nổ.',
      [agency('cong-an-tinh', 'Công an tỉnh', 'lead')],
      0.9,
    );
    const result = answer('Cơ quan nào tham mưu ban hành quy chế quản lý vũ khí?', [
      documentPassage(1),
      drafting,
    ]);
    expect(result.answers[0]).toBe('ha-giang:cong-an-tinh');
    expect(result.answers).not.toContain('ha-giang:ubnd-tinh');
  });
});
