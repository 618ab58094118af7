import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allCategories,
  categoryById,
  expandCategory,
  matchCategoryQuery,
  parseCrimeCategories,
  tagCategories,
} from '../ingest/taxonomy/crime-categories.js';
import {
  allProvinces,
  findProvinceInText,
  findProvinceMentions,
  findProvincesInQuery,
  parseProvinces,
  predecessorsOf,
  provinceBySlug,
  successorOf,
} from '../ingest/taxonomy/provinces.js';
import { fold } from '../ingest/text/normalize.js';

const queryIds = (query: string) => [...new Set(matchCategoryQuery(query).map((m) => m.id))];

describe('crime categories: data file', () => {
  it('loads a broad, consistent taxonomy', () => {
    const categories = allCategories();
    expect(categories.length).toBeGreaterThanOrEqual(40);
    expect(new Set(categories.map((c) => c.id)).size).toBe(categories.length);
    for (const category of categories) {
      if (category.parent !== null) expect(categoryById(category.parent), category.id).toBeDefined();
    }
    expect(categoryById('money-laundering')).toMatchObject({
      label: { vi: 'Rửa tiền', en: 'Money laundering' },
      parent: 'economic-crime',
      abbreviations: ['PCRT', 'AML'],
    });
    expect(categoryById('no-such-category')).toBeUndefined();
  });

  it('finds every category by its own Vietnamese and English label', () => {
    for (const category of allCategories()) {
      expect(tagCategories(category.label.vi), category.label.vi).toContain(category.id);
      expect(queryIds(category.label.en), category.label.en).toContain(category.id);
    }
  });

  it('has no term so generic that it would tag unrelated text', () => {
    const generic = new Set([
      'tien',
      'toi pham',
      'pham toi',
      'hang',
      'nguoi',
      'tai san',
      'vi pham',
      'crime',
      'money',
    ]);
    for (const category of allCategories()) {
      for (const term of [...category.terms.vi, ...category.terms.en]) {
        expect(
          generic.has(
            fold(term)
              .replace(/[^a-z0-9]+/g, ' ')
              .trim(),
          ),
          `${category.id}: ${term}`,
        ).toBe(false);
      }
    }
  });

  it('expands a category to everything below it', () => {
    const economic = expandCategory('economic-crime');
    expect(economic[0]).toBe('economic-crime');
    expect(economic).toEqual(
      expect.arrayContaining(['smuggling', 'currency-smuggling', 'money-laundering', 'tax-evasion']),
    );
    expect(economic).not.toContain('drugs');
    expect(expandCategory('drugs')).toEqual(['drugs', 'controlled-substances']);
    expect(expandCategory('nope')).toEqual([]);
  });
});

describe('crime categories: validation names the input and the reason', () => {
  const base = () => ({
    version: 1,
    categories: [
      {
        id: 'economic-crime',
        label: { vi: 'Tội phạm kinh tế', en: 'Economic crime' },
        parent: null,
        terms: { vi: ['tội phạm kinh tế'], en: ['economic crime'] },
        abbreviations: [],
      },
      {
        id: 'money-laundering',
        label: { vi: 'Rửa tiền', en: 'Money laundering' },
        parent: 'economic-crime',
        terms: { vi: ['rửa tiền'], en: ['money laundering'] },
        abbreviations: ['PCRT'],
      },
    ],
  });

  it('accepts a valid file', () => {
    expect(parseCrimeCategories(base(), 'x.json').map((c) => c.id)).toEqual([
      'economic-crime',
      'money-laundering',
    ]);
  });

  it.each([
    [
      'duplicate id',
      (d: ReturnType<typeof base>) => (d.categories[1]!.id = 'economic-crime'),
      /duplicate id "economic-crime"/,
    ],
    [
      'unknown parent',
      (d: ReturnType<typeof base>) => (d.categories[1]!.parent = 'finance'),
      /unknown parent "finance"/,
    ],
    [
      'parent loop',
      (d: ReturnType<typeof base>) => (d.categories[0]!.parent = 'money-laundering'),
      /parent chain of "economic-crime" loops/,
    ],
    [
      'term listed twice (diacritics and punctuation aside)',
      (d: ReturnType<typeof base>) => d.categories[1]!.terms.vi.push('Rửa  tiền'),
      /"Rửa {2}tiền" is listed twice in "money-laundering"/,
    ],
    [
      'lowercase abbreviation',
      (d: ReturnType<typeof base>) => (d.categories[1]!.abbreviations = ['pcrt']),
      /capitals/,
    ],
    ['empty term list', (d: ReturnType<typeof base>) => (d.categories[1]!.terms.en = []), /terms\.en/],
    [
      'bad id',
      (d: ReturnType<typeof base>) => (d.categories[1]!.id = 'Money Laundering'),
      /lowercase-hyphenated/,
    ],
  ])('rejects %s', (_name, mutate, reason) => {
    const data = base();
    mutate(data);
    expect(() => parseCrimeCategories(data, 'custom-taxonomy.json')).toThrow(
      /^custom-taxonomy\.json is not a valid/,
    );
    expect(() => parseCrimeCategories(data, 'custom-taxonomy.json')).toThrow(reason);
  });

  it('rejects a file that is not a taxonomy at all', () => {
    expect(() => parseCrimeCategories([1, 2], 'list.json')).toThrow(
      /list\.json is not a valid crime-category taxonomy/,
    );
    expect(() => parseCrimeCategories({ ...base(), version: 2 }, 'v2.json')).toThrow(/version/);
  });
});

describe('tagCategories', () => {
  it.each([
    ['Phòng, chống rửa tiền', ['money-laundering']],
    ['phong chong rua tien', ['money-laundering']],
    ['PHÒNG, CHỐNG RỬA TIỀN', ['money-laundering']],
    ['hợp pháp hóa tiền, tài sản do phạm tội mà có', ['money-laundering']],
    ['hợp pháp hoá tiền, tài sản do phạm tội mà có', ['money-laundering']],
    ['phòng, chống tội phạm', ['crime-prevention']],
    ['phong chong toi pham', ['crime-prevention']],
    [
      'tăng cường phòng, chống tội phạm có tổ chức, tội phạm xuyên quốc gia',
      ['organized-crime', 'transnational-crime'],
    ],
    ['đấu tranh với TPCTC, TPXQG', ['organized-crime', 'transnational-crime']],
    ['mua bán, vận chuyển trái phép chất ma túy', ['drugs']],
    ['ma tuy', ['drugs']],
    ['ma tuý tổng hợp', ['drugs']],
    ['tiền chất ma túy', ['controlled-substances']],
    ['quản lý thuốc gây nghiện, thuốc hướng thần', ['controlled-substances']],
    ['tiền chất thuốc nổ', ['weapons-explosives']],
    ['vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo', ['weapons-explosives', 'firecrackers']],
    ['phòng, chống mua bán người', ['human-trafficking']],
    ['mua ban nguoi', ['human-trafficking']],
    ['chống buôn lậu, gian lận thương mại và hàng giả', ['smuggling', 'trade-fraud', 'counterfeit-goods']],
    ['vận chuyển trái phép hàng hóa, tiền tệ qua biên giới', ['smuggling', 'currency-smuggling']],
    ['xâm phạm quyền sở hữu trí tuệ', ['ip-infringement']],
    ['tín dụng đen, cho vay nặng lãi', ['loan-sharking']],
    ['tin dung den', ['loan-sharking']],
    ['đòi nợ thuê, xiết nợ, cưỡng đoạt tài sản', ['debt-collection-extortion']],
    ['đánh bạc, tổ chức đánh bạc', ['gambling']],
    ['lừa đảo chiếm đoạt tài sản', ['fraud']],
    ['lừa đảo qua mạng', ['cybercrime', 'fraud']],
    ['tội phạm sử dụng công nghệ cao', ['cybercrime']],
    ['tài trợ khủng bố', ['terrorist-financing']],
    ['tham nhũng, tiêu cực', ['corruption']],
    ['trốn thuế', ['tax-evasion']],
    ['xuất cảnh, nhập cảnh trái phép', ['illegal-migration']],
    ['xuất nhập cảnh trái phép', ['illegal-migration']],
    ['gây rối trật tự công cộng', ['public-disorder']],
    ['tội phạm do người chưa thành niên thực hiện', ['juvenile-crime']],
    ['tệ nạn xã hội, mại dâm', ['social-evils', 'prostitution']],
    ['các băng nhóm hoạt động theo kiểu "xã hội đen"', ['gangs']],
    ['xâm hại trẻ em', ['crimes-against-children']],
    ['bạo lực gia đình', ['domestic-violence']],
    ['vệ sinh an toàn thực phẩm', ['food-safety']],
    ['buôn bán động vật hoang dã', ['wildlife-crime']],
    ['chống khai thác IUU', ['iuu-fishing']],
  ])('%s', (text, ids) => {
    expect(tagCategories(text)).toEqual(ids);
  });

  it.each([
    'Bổ sung kinh phí mua sắm các mặt hàng giá rẻ',
    'Công ty xuyên quốc gia đầu tư vào khu công nghệ cao',
    'giảm tác động tiêu cực của thiên tai',
    'trang bị phao cứu sinh cho tàu cá',
    'Sở Tư pháp; Sở Tài chính; Kho bạc Nhà nước',
    'tiền lương, tài sản công và ngân sách nhà nước',
    'giữ gìn hòa bình, hợp tác và phát triển',
    'Ủy ban nhân dân tỉnh tổ chức hội nghị sơ kết',
    'các tổ chức, tội phạm', // a list, not the term "tổ chức tội phạm"
  ])('does not tag unrelated text: %s', (text) => {
    expect(tagCategories(text)).toEqual([]);
  });

  it('needs abbreviations in capitals inside documents', () => {
    expect(tagCategories('công tác PCRT')).toEqual(['money-laundering']);
    expect(tagCategories('pcrt')).toEqual([]);
  });

  it('does not join words across sentences or table cells', () => {
    expect(tagCategories('Sơ kết công tác mua bán. Người dân đồng tình')).toEqual([]);
    expect(tagCategories('rửa | tiền')).toEqual([]);
  });
});

describe('matchCategoryQuery', () => {
  it.each([
    ['money laundering', ['money-laundering']],
    ['anti-money-laundering duties of the State Bank', ['money-laundering']],
    ['aml', ['money-laundering']],
    ['rua tien', ['money-laundering']],
    ['drug trafficking along the border', ['drugs']],
    ['human trafficking victims', ['human-trafficking']],
    ['loan sharks and black credit', ['loan-sharking']],
    ['cross-border smuggling of goods', ['smuggling']],
    ['online scams', ['cybercrime', 'fraud']],
    ['cyber crime', ['cybercrime']],
    ['tpctc', ['organized-crime']],
    ['organised crime and gangs', ['organized-crime', 'gangs']],
    ['counterfeit goods and trade fraud', ['counterfeit-goods', 'trade-fraud']],
    ['economic crime', ['economic-crime']],
    ['illegal border crossing', ['illegal-migration']],
    ['firecrackers', ['firecrackers']],
  ])('%s', (query, ids) => {
    expect(queryIds(query).sort()).toEqual([...ids].sort());
  });

  it('reports where each category was named', () => {
    const query = 'trách nhiệm phòng, chống rửa tiền và ma túy';
    const matches = matchCategoryQuery(query);
    expect(matches.map((m) => [m.id, m.matched])).toEqual([
      ['money-laundering', 'phòng, chống rửa tiền'],
      ['drugs', 'ma túy'],
    ]);
    for (const match of matches) expect(query.slice(match.start, match.end)).toBe(match.matched);
  });

  it('finds nothing in a query about something else', () => {
    expect(matchCategoryQuery('weather forecast for Hanoi')).toEqual([]);
    expect(matchCategoryQuery('')).toEqual([]);
  });
});

describe('provinces: the 2025 reform', () => {
  it('lists 63 units before the reform and 34 after', () => {
    const provinces = allProvinces();
    expect(provinces).toHaveLength(63);
    const current = provinces.filter((p) => p.current);
    expect(current).toHaveLength(34);
    expect(
      current
        .filter((p) => p.kind === 'thành phố')
        .map((p) => p.slug)
        .sort(),
    ).toEqual(['can-tho', 'da-nang', 'ha-noi', 'hai-phong', 'ho-chi-minh', 'hue']);
    for (const merged of provinces.filter((p) => !p.current)) expect(merged.mergedAt).toBe('2025-07-01');
  });

  // Nghị quyết 202/2025/QH15 (12/6/2025), Điều 1: the 11 units not arranged and the 23 new units with the
  // units each was formed from (as published by sotuphap.kontum.gov.vn and laodong.vn; names as in
  // Nghị quyết 60-NQ/TW). Governments of the new units operate from 01/7/2025.
  const unchanged = [
    'ha-noi',
    'hue',
    'lai-chau',
    'dien-bien',
    'son-la',
    'lang-son',
    'quang-ninh',
    'thanh-hoa',
    'nghe-an',
    'ha-tinh',
    'cao-bang',
  ];
  const formedFrom: Record<string, string[]> = {
    'tuyen-quang': ['ha-giang'],
    'lao-cai': ['yen-bai'],
    'thai-nguyen': ['bac-kan'],
    'phu-tho': ['vinh-phuc', 'hoa-binh'],
    'bac-ninh': ['bac-giang'],
    'hung-yen': ['thai-binh'],
    'hai-phong': ['hai-duong'],
    'ninh-binh': ['ha-nam', 'nam-dinh'],
    'quang-tri': ['quang-binh'],
    'da-nang': ['quang-nam'],
    'quang-ngai': ['kon-tum'],
    'gia-lai': ['binh-dinh'],
    'khanh-hoa': ['ninh-thuan'],
    'lam-dong': ['dak-nong', 'binh-thuan'],
    'dak-lak': ['phu-yen'],
    'ho-chi-minh': ['binh-duong', 'ba-ria-vung-tau'],
    'dong-nai': ['binh-phuoc'],
    'tay-ninh': ['long-an'],
    'can-tho': ['soc-trang', 'hau-giang'],
    'vinh-long': ['ben-tre', 'tra-vinh'],
    'dong-thap': ['tien-giang'],
    'ca-mau': ['bac-lieu'],
    'an-giang': ['kien-giang'],
  };

  it('follows Nghị quyết 202/2025/QH15', () => {
    expect(unchanged.length + Object.keys(formedFrom).length).toBe(34);
    for (const slug of unchanged) {
      expect(provinceBySlug(slug)?.current, slug).toBe(true);
      expect(predecessorsOf(slug), slug).toEqual([]);
    }
    for (const [successor, parts] of Object.entries(formedFrom)) {
      expect(provinceBySlug(successor)?.current, successor).toBe(true);
      expect(predecessorsOf(successor).sort(), successor).toEqual([...parts].sort());
    }
    expect(Object.values(formedFrom).flat()).toHaveLength(29);
  });

  it('maps a merged province to its successor', () => {
    expect(successorOf('binh-thuan')).toBe('lam-dong');
    expect(successorOf('bac-kan')).toBe('thai-nguyen');
    expect(successorOf('lang-son')).toBe('lang-son');
    expect(successorOf('lai-chau')).toBe('lai-chau');
    expect(successorOf('atlantis')).toBeNull();
    expect(provinceBySlug('lang-son')).toMatchObject({
      name: 'Lạng Sơn',
      kind: 'tỉnh',
      nameEn: 'Lang Son',
      current: true,
    });
    expect(provinceBySlug('atlantis')).toBeUndefined();
  });
});

describe('provinces: validation names the input and the reason', () => {
  const unit = (slug: string, name: string, mergedInto: string | null = null) => ({
    slug,
    name,
    kind: 'tỉnh',
    nameEn: fold(name).replace(/\b\w/g, (c) => c.toUpperCase()),
    current: mergedInto === null,
    mergedInto,
    mergedAt: mergedInto === null ? null : '2025-07-01',
    aliases: [] as string[],
  });

  it('accepts a valid list', () => {
    expect(
      parseProvinces([unit('lam-dong', 'Lâm Đồng'), unit('binh-thuan', 'Bình Thuận', 'lam-dong')], 'p.json'),
    ).toHaveLength(2);
  });

  it.each([
    [
      'a slug that does not match the name',
      [unit('lamdong', 'Lâm Đồng')],
      /slug "lamdong" does not match name "Lâm Đồng"/,
    ],
    [
      'a merger into an unknown unit',
      [unit('binh-thuan', 'Bình Thuận', 'lam-dong')],
      /merged into "lam-dong", which is not a current unit/,
    ],
    [
      'a merger into a merged unit',
      [unit('lam-dong', 'Lâm Đồng', 'binh-thuan'), unit('binh-thuan', 'Bình Thuận', 'lam-dong')],
      /not a current unit/,
    ],
    [
      'a name shared by two units',
      [unit('lam-dong', 'Lâm Đồng'), { ...unit('binh-thuan', 'Bình Thuận'), aliases: ['Lam Dong'] }],
      /belongs to both/,
    ],
    [
      'an ambiguous name that is not a name',
      [{ ...unit('lam-dong', 'Lâm Đồng'), ambiguous: ['Đà Lạt'] }],
      /"Đà Lạt" is not a name or alias/,
    ],
    [
      'a current unit with mergedAt',
      [{ ...unit('lam-dong', 'Lâm Đồng'), mergedAt: '2025-07-01' }],
      /mergedAt goes with mergedInto/,
    ],
    ['an unknown kind', [{ ...unit('lam-dong', 'Lâm Đồng'), kind: 'huyện' }], /kind/],
  ])('rejects %s', (_name, list, reason) => {
    expect(() => parseProvinces(list, 'my-provinces.json')).toThrow(
      /^my-provinces\.json is not a valid province list/,
    );
    expect(() => parseProvinces(list, 'my-provinces.json')).toThrow(reason);
  });
});

describe('findProvinceInText', () => {
  it.each([
    ['ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN', 'lang-son', 'Lạng Sơn'],
    ['Lạng Sơn, ngày 12 tháng 5 năm 2026', 'lang-son', 'Lạng Sơn'],
    ['Công an Bình Thuận', 'binh-thuan', 'Bình Thuận'],
    ['tỉnh Lai Châu', 'lai-chau', 'Lai Châu'],
    ['UBND TỈNH THÁI NGUYÊN', 'thai-nguyen', 'Thái Nguyên'],
    ['cong an tinh lang son', 'lang-son', 'Lạng Sơn'],
    ['drug cases in Lang Son', 'lang-son', 'Lạng Sơn'],
    ['tỉnh Hòa Bình', 'hoa-binh', 'Hòa Bình'],
    ['tỉnh Hoà Bình', 'hoa-binh', 'Hòa Bình'],
    ['TP.HCM', 'ho-chi-minh', 'Hồ Chí Minh'],
    ['TP. Hồ Chí Minh', 'ho-chi-minh', 'Hồ Chí Minh'],
    ['Thành phố Hồ Chí Minh', 'ho-chi-minh', 'Hồ Chí Minh'],
    ['tỉnh Thừa Thiên Huế', 'hue', 'Huế'],
    ['Sở Tư pháp tỉnh Đăk Lăk', 'dak-lak', 'Đắk Lắk'],
    ['UBND tỉnh Bắc Cạn', 'bac-kan', 'Bắc Kạn'],
    ['tỉnh Bà Rịa - Vũng Tàu', 'ba-ria-vung-tau', 'Bà Rịa - Vũng Tàu'],
    ['Hanoi police', 'ha-noi', 'Hà Nội'],
  ])('%s', (text, slug, name) => {
    expect(findProvinceInText(text)).toEqual({ slug, name });
  });

  it.each([
    'giữ gìn hòa bình, ổn định',
    'tinh thần hòa bình hữu nghị',
    'đồng chí Nguyễn Hòa Bình, Phó Thủ tướng Chính phủ',
    'vùng biển Thái Bình Dương',
    'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
    'xã Long An, huyện Long Thành',
    'phố Huế, quận Hai Bà Trưng',
    'Sở Tư pháp; Công an tỉnh',
    '',
  ])('finds no province in: %s', (text) => {
    expect(findProvinceInText(text)).toBeNull();
  });

  it('prefers the longest name and lists every mention in order', () => {
    const mentions = findProvinceMentions('Công an tỉnh Thừa Thiên Huế phối hợp với Công an tỉnh Quảng Trị');
    expect(mentions.map((m) => [m.slug, m.matched])).toEqual([
      ['hue', 'Thừa Thiên Huế'],
      ['quang-tri', 'Quảng Trị'],
    ]);
  });

  describe('in a question typed without capitals (findProvincesInQuery)', () => {
    const slugs = (q: string) => findProvincesInQuery(q).map((m) => m.slug);
    it.each([
      ['o tay ninh co quan nao theo doi don doc', ['tay-ninh']],
      ['ở đồng tháp đơn vị nào tiếp nhận tố giác', ['dong-thap']],
      ['o hoa binh co quan nao lam dau moi', ['hoa-binh']],
      ['tai thai binh ai kiem tra', ['thai-binh']],
      ['tuyen truyen khong dot phao trai phep trong nhan dan binh phuoc', ['binh-phuoc']],
      ['cong an lang son chu tri viec gi', ['lang-son']],
      ['who leads drug cases in quang tri province', ['quang-tri']],
      ['Which agency in Lang Son leads', ['lang-son']],
    ])('%s', (query, expected) => {
      expect(slugs(query)).toEqual(expected);
    });
    it.each([
      'ai giu gin hoa binh, on dinh o bien gioi',
      'bao ve nen thai binh cho nhan dan',
      'xa long an huyen long thanh',
      'ai phu trach phong chong rua tien',
    ])('finds no province in: %s', (query) => {
      expect(slugs(query)).toEqual([]);
    });
  });

  const corpus = path.resolve(import.meta.dirname, '..', '../shared/corpus');
  it.skipIf(!existsSync(corpus))('names the issuing province of the development corpus', () => {
    const firstProvince = (file: string) =>
      findProvinceInText(readFileSync(path.join(corpus, file), 'utf8'))?.slug;
    expect(firstProvince('000_82078753bb763210.txt')).toBe('lang-son');
    expect(firstProvince('001_22ce14a0b08347b1.txt')).toBe('binh-thuan');
    expect(firstProvince('002_b37f15c7e1a4fe51.txt')).toBe('thai-nguyen');
    expect(firstProvince('003_6b89e2d4aa5f4cd2.txt')).toBe('lai-chau');
    expect(firstProvince('004_8b77e4ef302dffc8.txt')).toBe('lang-son');
  });
});

describe("samples: the project's own illustrative documents", () => {
  const samples = path.resolve(import.meta.dirname, '..', 'samples');
  const MARK = 'MẪU / SAMPLE: văn bản minh họa do dutygraph soạn, không phải văn bản thật';
  const expected: [file: string, province: string, categories: string[]][] = [
    [
      '01-qd-ttg-9901-chuong-trinh-mau.md',
      'ha-noi',
      ['organized-crime', 'money-laundering', 'human-trafficking', 'smuggling'],
    ],
    [
      '02-kh-bca-9902-trien-khai.md',
      'ha-noi',
      ['gangs', 'loan-sharking', 'drugs', 'money-laundering', 'cybercrime'],
    ],
    [
      '03-lang-son-kh-9903-rua-tien.md',
      'lang-son',
      ['money-laundering', 'loan-sharking', 'fraud', 'tax-evasion'],
    ],
    [
      '04-quang-ninh-tb-9904-bcd389.html',
      'quang-ninh',
      ['smuggling', 'trade-fraud', 'counterfeit-goods', 'food-safety'],
    ],
    [
      '05-binh-thuan-cv-9905-mua-ban-nguoi.txt',
      'binh-thuan',
      ['human-trafficking', 'drugs', 'illegal-migration'],
    ],
    ['06-lang-son-cv-9906-don-doc.md', 'lang-son', ['money-laundering', 'loan-sharking']],
    ['11-qd-ttg-9911-chuong-trinh-ma-tuy.md', 'ha-noi', ['drugs']],
    ['12-cao-bang-kh-9912-ma-tuy.md', 'cao-bang', ['drugs']],
    ['13-nghe-an-kh-9913-ma-tuy.txt', 'nghe-an', ['drugs']],
    ['14-kon-tum-kh-9914-ma-tuy.html', 'kon-tum', ['drugs']],
    ['15-da-nang-cv-9915-ma-tuy.md', 'da-nang', ['drugs']],
  ];
  const read = (file: string) => readFileSync(path.join(samples, file), 'utf8');

  it('are all there, in md, html and txt, with a README', () => {
    for (const [file] of expected) expect(existsSync(path.join(samples, file)), file).toBe(true);
    expect(new Set(expected.map(([file]) => path.extname(file)))).toEqual(new Set(['.md', '.html', '.txt']));
    expect(read('README.md')).toContain('None of them is a real');
  });

  it.each([...expected.map(([file]) => file), 'README.md'])(
    '%s is marked as a sample on its first line',
    (file) => {
      const firstLine = read(file).split('\n')[0]!;
      expect(firstLine).toContain(MARK);
    },
  );

  it.each(expected)('%s names its province and crime categories', (file, province, categories) => {
    const text = read(file);
    expect(text).toMatch(/Số: 99\d\d\//);
    expect(tagCategories(text)).toEqual(expect.arrayContaining(categories));
    // National documents name no province in their header, only their place of issue, Hà Nội.
    const header = text.slice(0, text.search(/\n\s*\*{0,2}(?:KẾ HOẠCH|QUYẾT ĐỊNH|THÔNG BÁO)|V\/v/));
    expect(findProvinceInText(header)?.slug).toBe(province);
  });

  it('form citation chains from the national documents down to the provinces', () => {
    for (const [file] of expected.filter(([f]) => !/-qd-ttg-/.test(f)))
      expect(read(file), file).toMatch(/9901\/QĐ-TTg|9903\/KH-UBND|9911\/QĐ-TTg/);
    expect(read('12-cao-bang-kh-9912-ma-tuy.md')).toContain(
      'Thực hiện Quyết định số 9911/QĐ-TTg ngày 20/01/2025',
    );
    expect(read('06-lang-son-cv-9906-don-doc.md')).toContain('Kế hoạch số 9903/KH-UBND ngày 10/02/2026');
    expect(read('03-lang-son-kh-9903-rua-tien.md')).toContain('Kế hoạch số 9902/KH-BCA ngày 05/3/2024');
  });

  const corpus = path.resolve(import.meta.dirname, '..', '../shared/corpus');
  it.skipIf(!existsSync(corpus))('do not copy text from the development corpus', () => {
    const corpusText = [
      '000_82078753bb763210.txt',
      '001_22ce14a0b08347b1.txt',
      '002_b37f15c7e1a4fe51.txt',
      '003_6b89e2d4aa5f4cd2.txt',
      '004_8b77e4ef302dffc8.txt',
    ]
      .map((f) => fold(readFileSync(path.join(corpus, f), 'utf8')).replace(/\s+/g, ' '))
      .join('\n');
    for (const [file] of expected) {
      // Citations of the real national strategy (623/QĐ-TTg) repeat its official title: facts, not copied prose.
      const prose = read(file)
        .split('\n')
        .filter((line) => !line.includes('623/QĐ-TTg'))
        .join('\n');
      const words = fold(prose)
        .replace(/<[^>]+>/g, ' ')
        .split(/\s+/);
      // No run of 20 words (longer than the fixed formulas: motto, legal terms, agency lists) is in the corpus.
      for (let i = 0; i + 20 <= words.length; i += 1) {
        const run = words.slice(i, i + 20).join(' ');
        expect(corpusText.includes(run), `${file}: "${run}"`).toBe(false);
      }
    }
  });
});
