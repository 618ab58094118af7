/**
 * Literal extracted documents for the graph tests, modelled on the development corpus (real symbols,
 * provinces and agencies; short made-up sentences, never the corpus text). Every builder output passes
 * DocumentSchema.parse.
 */
import { createHash } from 'node:crypto';
import {
  type Agency,
  type AgencyRef,
  type Citation,
  DocumentSchema,
  type Duty,
  type ExtractedDocument,
} from '../../ingest/schema.js';

export function citation(key: string, overrides: Partial<Citation> = {}): Citation {
  return {
    key,
    symbol: null,
    type: null,
    issuedAt: null,
    issuer: null,
    title: null,
    relation: 'basis',
    path: null,
    resolved: true,
    candidates: [],
    ...overrides,
  };
}

export function agencyRef(
  id: string,
  name: string,
  role: AgencyRef['role'] = 'lead',
  mention = name,
): AgencyRef {
  const [scope, typeId] = id.split(':') as [string, string];
  return { id, name, mention, role, typeId, province: scope === 'vn' ? null : scope };
}

export function duty(
  documentId: string,
  path: string,
  text: string,
  agencies: AgencyRef[],
  categories: string[] = [],
): Duty {
  return {
    id: `${documentId}#${path.replace(/ > /g, '.').replace(/#/g, '-')}`,
    path,
    heading: null,
    text,
    deadline: null,
    agencies,
    categories,
    targets: [],
  };
}

type DocumentInput = Partial<ExtractedDocument> & Pick<ExtractedDocument, 'id'>;

/** A valid document; `text` drives the content hash, so changing it makes a "changed file". */
export function document(input: DocumentInput): ExtractedDocument {
  const text = input.text ?? `Nội dung văn bản ${input.id}.`;
  return DocumentSchema.parse({
    source: `fixtures/${input.id.replace(/:/g, '_')}.txt`,
    format: 'txt',
    number: null,
    symbol: null,
    type: 'Công văn',
    issuer: null,
    issuerId: null,
    province: null,
    provinceName: null,
    provinceInferred: false,
    place: null,
    issuedAt: null,
    subject: null,
    recipients: [],
    signer: null,
    distribution: [],
    citations: [],
    duties: [],
    categories: [...new Set((input.duties ?? []).flatMap((d) => d.categories))],
    targets: [],
    ...input,
    text,
    contentHash: input.contentHash ?? createHash('sha256').update(text).digest('hex'),
  });
}

const CA_LS = agencyRef('lang-son:cong-an-tinh', 'Công an tỉnh Lạng Sơn');
const BP_LS = agencyRef(
  'lang-son:bo-chi-huy-bien-phong',
  'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn',
  'support',
);
const CA_TN = agencyRef('thai-nguyen:cong-an-tinh', 'Công an tỉnh Thái Nguyên');
const LD_TN = agencyRef(
  'thai-nguyen:so-lao-dong',
  'Sở Lao động - Thương binh và Xã hội tỉnh Thái Nguyên',
  'support',
);
const VKS_TN = agencyRef('thai-nguyen:vien-kiem-sat', 'Viện kiểm sát nhân dân tỉnh Thái Nguyên', 'requested');

export const KEYS = {
  strategy: 'vn:623-qd-ttg:2016',
  traffickingLaw: 'vn:luat-phong-chong-mua-ban-nguoi:2024',
  directive13ttg: 'vn:13-ct-ttg:2025',
  directive13tu: 'lang-son:13-ct-tu:2022',
  plan89tn: 'thai-nguyen:89-kh-ubnd:2016',
  plan89ls: 'lang-son:89-kh-ubnd:2022',
  letter1482: 'thai-nguyen:1482-ubnd-nc:2025',
  notice: 'lang-son:tb-vp:2026-05:1a2b3c',
  letterLs: 'lang-son:ubnd-nc:2026-06:9f8e7d',
  amendment: 'lang-son:120-kh-ubnd:2023',
} as const;

/** The registry the extractor would hand over: names, English names, aliases. */
export const AGENCIES: Agency[] = [
  {
    id: 'lang-son:bo-chi-huy-bien-phong',
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn',
    nameEn: 'Provincial Border Guard Command',
    typeId: 'bo-chi-huy-bien-phong',
    province: 'lang-son',
    aliases: ['Ban Chỉ huy Bộ đội Biên phòng tỉnh'],
  },
  {
    id: 'lang-son:cong-an-tinh',
    name: 'Công an tỉnh Lạng Sơn',
    nameEn: 'Provincial Police',
    typeId: 'cong-an-tinh',
    province: 'lang-son',
    aliases: ['Công an tỉnh'],
  },
];

const strategy = citation(KEYS.strategy, {
  symbol: '623/QĐ-TTg',
  type: 'Quyết định',
  issuedAt: '2016-04-14',
  issuer: 'Thủ tướng Chính phủ',
  title: 'Chiến lược quốc gia phòng, chống tội phạm giai đoạn 2016 - 2025, định hướng đến năm 2030',
});

/** Thái Nguyên letter 1482/UBND-NC (2025): trafficking, three agencies in one item. */
export const letter1482 = (text?: string): ExtractedDocument =>
  document({
    id: KEYS.letter1482,
    source: 'corpus/002.txt',
    number: '1482',
    symbol: '1482/UBND-NC',
    issuer: 'ỦY BAN NHÂN DÂN / TỈNH THÁI NGUYÊN',
    issuerId: 'thai-nguyen:ubnd-tinh',
    province: 'thai-nguyen',
    provinceName: 'Thái Nguyên',
    issuedAt: '2025-08-29',
    subject: 'Tăng cường phòng, chống tội phạm; phòng, chống mua bán người năm 2025',
    recipients: ['- Công an tỉnh Thái Nguyên;', '- Các sở, ban, ngành tỉnh;'],
    signer: {
      name: 'Nông Quang Nhất',
      title: 'PHÓ CHỦ TỊCH',
      authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
    },
    citations: [
      { ...strategy, relation: 'implements', path: 'footnote 1' },
      citation(KEYS.plan89tn, {
        symbol: '89/KH-UBND',
        type: 'Kế hoạch',
        issuedAt: '2016-10-21',
        issuer: 'UBND tỉnh Thái Nguyên',
        relation: 'implements',
        path: 'footnote 2',
      }),
      citation(KEYS.traffickingLaw, { type: 'Luật', issuedAt: '2024-06-28', relation: 'basis', path: '1' }),
    ],
    duties: [
      duty(KEYS.letter1482, '1', 'Chủ trì đấu tranh với tội phạm mua bán người.', [CA_TN], ['mua-ban-nguoi']),
      duty(
        KEYS.letter1482,
        '8',
        'Phối hợp hỗ trợ nạn nhân; đề nghị kiểm sát việc xử lý.',
        [CA_TN, LD_TN, VKS_TN],
        ['mua-ban-nguoi'],
      ),
    ],
    text: text ?? 'Công văn 1482 về phòng, chống mua bán người (bản thử nghiệm).',
  });

/** Lạng Sơn plan 89/KH-UBND (2022): cites the national strategy. */
export const plan89ls = (): ExtractedDocument =>
  document({
    id: KEYS.plan89ls,
    source: 'fixtures/plan89ls.txt',
    number: '89',
    symbol: '89/KH-UBND',
    type: 'Kế hoạch',
    issuer: 'ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN',
    issuerId: 'lang-son:ubnd-tinh',
    province: 'lang-son',
    provinceName: 'Lạng Sơn',
    issuedAt: '2022-04-22',
    subject: 'Thực hiện Chỉ thị số 13-CT/TU',
    citations: [
      { ...strategy, relation: 'basis', path: null },
      citation(KEYS.directive13tu, {
        symbol: '13-CT/TU',
        type: 'Chỉ thị',
        issuedAt: '2022-04-05',
        relation: 'implements',
      }),
    ],
    duties: [
      duty(KEYS.plan89ls, 'III > 1', 'Chủ trì chống buôn lậu qua biên giới.', [CA_LS, BP_LS], ['buon-lau']),
    ],
  });

/** Lạng Sơn notice (2026): cites the 89 plan of Lạng Sơn and two "13" directives; has a deadline. */
export const notice = (): ExtractedDocument =>
  document({
    id: KEYS.notice,
    source: 'corpus/004.txt',
    symbol: '/TB-VP',
    type: 'Thông báo',
    issuer: 'UBND TỈNH LẠNG SƠN / VĂN PHÒNG',
    issuerId: 'lang-son:van-phong-ubnd',
    province: 'lang-son',
    provinceName: 'Lạng Sơn',
    issuedAt: '2026-05',
    subject: 'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp Ban Chỉ đạo 389 tỉnh',
    recipients: ['Ban Chỉ huy Bộ đội Biên phòng tỉnh;'],
    signer: { name: 'Nguyễn Văn Hà', title: 'CHÁNH VĂN PHÒNG', authority: [] },
    citations: [
      citation(KEYS.plan89ls, {
        symbol: '89/KH-UBND',
        type: 'Kế hoạch',
        issuedAt: '2022-04-22',
        relation: 'implements',
        path: 'footnote 1',
      }),
      citation(KEYS.directive13ttg, {
        symbol: '13/CT-TTg',
        type: 'Chỉ thị',
        issuedAt: '2025-05-17',
        relation: 'mention',
        path: '2',
      }),
      citation(KEYS.directive13tu, { symbol: '13-CT/TU', type: 'Chỉ thị', relation: 'mention', path: '2' }),
      citation(KEYS.directive13tu, { symbol: '13-CT/TU', type: 'Chỉ thị', relation: 'mention', path: '3' }),
    ],
    duties: [
      {
        ...duty(
          KEYS.notice,
          '2',
          'Báo cáo kết quả chậm nhất ngày 22/5/2026.',
          [CA_LS],
          ['buon-lau', 'hang-gia'],
        ),
        deadline: '2026-05-22',
      },
      duty(KEYS.notice, '3', 'Tuần tra khu vực biên giới.', [{ ...BP_LS, role: 'lead' }], ['buon-lau']),
    ],
  });

/** Lạng Sơn letter (2026): organised and transnational crime; cites the strategy. */
export const letterLs = (): ExtractedDocument =>
  document({
    id: KEYS.letterLs,
    source: 'corpus/000.txt',
    symbol: '/UBND-NC',
    issuer: 'ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN',
    issuerId: 'lang-son:ubnd-tinh',
    province: 'lang-son',
    provinceName: 'Lạng Sơn',
    issuedAt: '2026-06',
    subject: 'Tăng cường phòng, chống tội phạm có tổ chức, tội phạm xuyên quốc gia giai đoạn 2026 - 2030',
    signer: { name: 'Đinh Hữu Học', title: 'PHÓ CHỦ TỊCH', authority: ['KT. CHỦ TỊCH'] },
    citations: [{ ...strategy, relation: 'basis', path: 'footnote 1' }],
    duties: [
      duty(
        KEYS.letterLs,
        '5',
        'Chủ trì phòng, chống tội phạm xuyên quốc gia.',
        [CA_LS, BP_LS],
        ['xuyen-quoc-gia'],
      ),
    ],
  });

/** A plan that amends the Lạng Sơn 89 plan. */
export const amendment = (): ExtractedDocument =>
  document({
    id: KEYS.amendment,
    source: 'fixtures/amendment.txt',
    number: '120',
    symbol: '120/KH-UBND',
    type: 'Kế hoạch',
    issuerId: 'lang-son:ubnd-tinh',
    issuer: 'ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN',
    province: 'lang-son',
    provinceName: 'Lạng Sơn',
    issuedAt: '2023-03-01',
    subject: 'Sửa đổi Kế hoạch số 89/KH-UBND',
    citations: [citation(KEYS.plan89ls, { symbol: '89/KH-UBND', relation: 'amends', path: 'I' })],
  });

/** Ingest order used by the contract suite. */
export const corpus = (): ExtractedDocument[] => [
  letter1482(),
  plan89ls(),
  notice(),
  letterLs(),
  amendment(),
];
