/**
 * Synthetic corpus generator for benchmarks and load tests. Deterministic for a seed, lazy (100k
 * documents never sit in memory at once) and shaped like the real corpus: a few national documents
 * cited by a great many provincial ones (heavy fan-in), provincial documents citing earlier plans of
 * their own province (chains), duties assigned to a province's agencies by type, crime categories.
 *
 * The words are placeholders built from ids; only the graph shape is meant to be realistic.
 */
import { createHash } from 'node:crypto';
import type {
  Agency,
  AgencyRef,
  Citation,
  CitationRelation,
  Duty,
  ExtractedDocument,
} from '../ingest/schema.js';
import { seededRandom } from '../search/vector/synthetic.js';

export interface SyntheticOptions {
  documents: number;
  seed?: number;
  provinces?: number;
  /** Share of documents issued nationally (the rest are provincial). */
  nationalShare?: number;
}

const AGENCY_TYPES = [
  'cong-an-tinh',
  'bo-chi-huy-bien-phong',
  'bo-chi-huy-quan-su',
  'so-tu-phap',
  'so-y-te',
  'so-giao-duc',
  'so-cong-thuong',
  'so-tai-chinh',
  'so-noi-vu',
  'so-van-hoa',
  'so-nong-nghiep',
  'so-khoa-hoc',
  'cuc-hai-quan',
  'vien-kiem-sat',
  'toa-an',
  'mat-tran-to-quoc',
  'tinh-doan',
  'hoi-phu-nu',
  'ubnd-xa',
  'bao-hiem-xa-hoi',
];
const CATEGORIES = [
  'drugs',
  'trafficking',
  'smuggling',
  'counterfeit-goods',
  'cybercrime',
  'money-laundering',
  'organized-crime',
  'transnational-crime',
  'corruption',
  'gambling',
  'gangs',
  'illegal-migration',
  'environmental-crime',
  'trade-fraud',
  'food-safety',
  'weapons',
  'juvenile-crime',
  'domestic-violence',
];
const TYPES = [
  ['KH', 'Kế hoạch'],
  ['CV', 'Công văn'],
  ['TB', 'Thông báo'],
  ['QĐ', 'Quyết định'],
  ['CT', 'Chỉ thị'],
] as const;
const RELATIONS: CitationRelation[] = [
  'basis',
  'implements',
  'according_to',
  'footnote',
  'mention',
  'amends',
];
const ROLES = ['lead', 'support', 'support', 'assigned', 'requested'] as const;

export const syntheticProvince = (i: number) => `tinh-${String(i + 1).padStart(2, '0')}`;

/** The agency registry the generator's documents refer to. */
export function syntheticAgencies(provinces = 34): Agency[] {
  const agencies: Agency[] = [];
  for (let p = 0; p < provinces; p++) {
    for (const type of AGENCY_TYPES) {
      const province = syntheticProvince(p);
      agencies.push({
        id: `${province}:${type}`,
        name: `${type} ${province}`,
        nameEn: null,
        typeId: type,
        province,
        aliases: [`${type} (${province})`],
      });
    }
  }
  return agencies;
}

interface Issued {
  key: string;
  symbol: string | null;
  type: string;
  issuedAt: string;
}

export function* generateCorpus(options: SyntheticOptions): Generator<ExtractedDocument> {
  const rnd = seededRandom(options.seed ?? 42);
  const provinces = options.provinces ?? 34;
  const nationalShare = options.nationalShare ?? 0.03;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  /** Skewed towards the start of the list: the oldest national documents are cited the most. */
  const pickSkewed = <T>(items: readonly T[]): T => items[Math.floor(rnd() ** 3 * items.length)]!;

  const national: Issued[] = [];
  const byProvince: Issued[][] = Array.from({ length: provinces }, () => []);
  for (let i = 0; i < options.documents; i++) {
    const isNational = i < 5 || rnd() < nationalShare;
    const p = Math.floor(rnd() * provinces);
    const province = isNational ? null : syntheticProvince(p);
    const [abbr, type] = pick(TYPES);
    const year = 2010 + Math.floor((i / options.documents) * 16);
    const issuedAt = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const number = i + 1;
    const symbol = isNational ? `${number}/${abbr}-TTg` : `${number}/${abbr}-UBND`;
    const key = `${isNational ? 'vn' : province}:${number}-${abbr.toLowerCase().replace('đ', 'd')}-${isNational ? 'ttg' : 'ubnd'}:${year}`;

    const citations: Citation[] = [];
    const cite = (target: Issued, relation: CitationRelation, resolved = true) =>
      citations.push({
        key: target.key,
        symbol: target.symbol,
        type: target.type,
        issuedAt: target.issuedAt,
        issuer: null,
        title: null,
        relation,
        path: relation === 'footnote' ? `footnote ${citations.length + 1}` : `${citations.length + 1}`,
        resolved,
        candidates: [],
      });
    const nationalCites = national.length === 0 ? 0 : 1 + Math.floor(rnd() * 3);
    for (let c = 0; c < nationalCites; c++)
      cite(pickSkewed(national), pick(['basis', 'implements', 'footnote']));
    const own = province ? byProvince[p]! : national;
    const ownCites = own.length === 0 ? 0 : Math.floor(rnd() * 3);
    // Recent plans of the same issuer: these make the long citation chains.
    for (let c = 0; c < ownCites; c++)
      cite(own[own.length - 1 - Math.floor(rnd() * Math.min(own.length, 20))]!, pick(RELATIONS));
    if (rnd() < 0.2) {
      // A document never ingested: stays a stub.
      cite(
        {
          key: `vn:ext-${Math.floor(rnd() * 500)}-nd-cp:2015`,
          symbol: null,
          type: 'Nghị định',
          issuedAt: '2015',
        },
        'basis',
        rnd() > 0.3,
      );
    }

    const duties: Duty[] = [];
    const dutyCount = 2 + Math.floor(rnd() * 6);
    for (let d = 0; d < dutyCount; d++) {
      const agencyProvince = province ?? syntheticProvince(Math.floor(rnd() * provinces));
      const agencies: AgencyRef[] = [];
      const agencyCount = 1 + Math.floor(rnd() * 3);
      for (let a = 0; a < agencyCount; a++) {
        const typeId = d === 0 && a === 0 ? 'cong-an-tinh' : pickSkewed(AGENCY_TYPES);
        if (agencies.some((x) => x.typeId === typeId)) continue;
        const id = `${agencyProvince}:${typeId}`;
        agencies.push({
          id,
          name: `${typeId} ${agencyProvince}`,
          mention: typeId,
          role: pick(ROLES),
          typeId,
          province: agencyProvince,
        });
      }
      const categories = [...new Set([pickSkewed(CATEGORIES), ...(rnd() < 0.4 ? [pick(CATEGORIES)] : [])])];
      duties.push({
        id: `${key}#${d + 1}`,
        path: `${d + 1}`,
        heading: null,
        text: `Nhiệm vụ ${d + 1} của văn bản ${symbol}: phòng, chống ${categories.join(', ')}.`,
        deadline: rnd() < 0.2 ? `${year}-12-31` : null,
        agencies,
        categories,
        targets: [],
      });
    }
    const text = `${type} số ${symbol} ngày ${issuedAt}. ${duties.map((d) => d.text).join(' ')}`;
    yield {
      id: key,
      source: `synthetic/${String(i).padStart(6, '0')}.txt`,
      format: 'txt',
      contentHash: createHash('sha256').update(text).digest('hex'),
      number: String(number),
      symbol,
      type,
      issuer: province ? `ỦY BAN NHÂN DÂN / ${province}` : 'THỦ TƯỚNG CHÍNH PHỦ',
      issuerId: province ? `${province}:ubnd-tinh` : 'vn:thu-tuong',
      province,
      provinceName: province,
      provinceInferred: false,
      place: null,
      issuedAt,
      subject: `Phòng, chống tội phạm ${year} (${symbol})`,
      recipients: [],
      signer: { name: `Người ký ${p % 50}`, title: 'PHÓ CHỦ TỊCH', authority: ['KT. CHỦ TỊCH'] },
      distribution: [],
      citations: citations.filter(
        (c, j) => citations.findIndex((x) => x.key === c.key && x.relation === c.relation) === j,
      ),
      duties,
      categories: [...new Set(duties.flatMap((d) => d.categories))],
      targets: [],
      text,
    };
    (province ? byProvince[p]! : national).push({ key, symbol, type, issuedAt });
  }
}
