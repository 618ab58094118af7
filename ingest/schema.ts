/**
 * The extraction output, defined once. Every later stage (graph, search, API) imports these
 * schemas and the types derived from them; nothing re-declares them.
 */
import { z } from 'zod';

/** ISO date, full ("2025-08-29") or partial ("2026-06", "2016") when the document leaves parts blank. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
export type PartialDate = z.infer<typeof PartialDate>;

/**
 * lead = chủ trì, support = phối hợp, requested = đề nghị (bodies the issuer cannot order),
 * assigned = a plain assignment.
 */
export const Role = z.enum(['lead', 'support', 'requested', 'assigned']);
export type Role = z.infer<typeof Role>;

/** How a document refers to another one. */
export const CitationRelation = z.enum([
  'basis', // Căn cứ …
  'implements', // Thực hiện / Triển khai …
  'according_to', // Theo …
  'amends', // sửa đổi, bổ sung …
  'replaces', // thay thế …
  'footnote', // listed in a footnote
  'mention', // any other reference in the body
]);
export type CitationRelation = z.infer<typeof CitationRelation>;

/** Character offsets [start, end) into the document's normalized text (ExtractedDocument.text). */
export const Span = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Span = z.infer<typeof Span>;

export const AgencyRef = z.object({
  /**
   * Canonical agency id, URL-safe: `<province-slug>:<type-id>` for provincial bodies ("lang-son:cong-an-tinh"),
   * `vn:<type-id>` for national ones ("vn:bo-cong-an").
   */
  id: z.string(),
  /** Canonical display name, e.g. "Công an tỉnh Lạng Sơn". */
  name: z.string(),
  /** The words as written in the document. */
  mention: z.string(),
  role: Role,
  /** Agency type shared across provinces (data/agency-types.json), null when unknown. */
  typeId: z.string().nullable(),
  /** Province slug, null for national bodies. */
  province: z.string().nullable(),
  /** Where the mention is written in the document's text (absent on data stored before spans existed). */
  span: Span.optional(),
  /** False when the mention resolves to no known agency type (kept as written rather than dropped). */
  resolved: z.boolean().optional(),
  /** The agency's own verb phrase where one sentence pairs agencies with verbs ("truy tố" for Viện kiểm sát). */
  action: z.string().optional(),
});
export type AgencyRef = z.infer<typeof AgencyRef>;

/** An agency a document names in its own capacity (its issuer, a body whose proposal it adopts), not a duty holder. */
export const DocumentAgency = AgencyRef.omit({ role: true, action: true });
export type DocumentAgency = z.infer<typeof DocumentAgency>;

export const Target = z.object({
  /** The phrase as written, e.g. "giảm 5% tỷ lệ phạm pháp hình sự". */
  text: z.string(),
  value: z.number(),
  /** Upper bound of a range ("từ 3-5%"), else null. */
  valueMax: z.number().nullable(),
  unit: z.string(),
  /** reduce = giảm, atLeast = đạt từ/trên/trở lên, exact = plain figure. */
  kind: z.enum(['reduce', 'increase', 'atLeast', 'exact']),
  path: z.string().nullable(),
});
export type Target = z.infer<typeof Target>;

export const Duty = z.object({
  /** `<documentId>#<path as dotted slug>` ("lang-son:tb-vp:2026-05:1a2b3c#II.2.2.3"); stable across re-ingests of the same text. */
  id: z.string(),
  /**
   * Section path: the printed labels of the enclosing numbered items, outermost first, joined by " > "
   * ("II > 2 > 2.3"); a bullet inside an item adds "#n" (1-based): "II > 2#3".
   */
  path: z.string(),
  /** The item's heading text if it has one (e.g. the agency list before ":"). */
  heading: z.string().nullable(),
  /**
   * The duty as written: the document's own characters at `span` (markup, footnote marks and line breaks
   * included), so `document.text.slice(...span) === text`. Readers see `display` when there is one.
   */
  text: z.string(),
  /** The duty as shown: markup and footnote marks stripped, lines joined. Absent when it reads as `text`. */
  display: z.string().optional(),
  /** ISO date of "chậm nhất ngày …", "trước …", "hoàn thành trước …", "Quý II/2026" (end of quarter), "tháng 6/2026". */
  deadline: PartialDate.nullable(),
  /** The deadline or recurrence as written ("trước ngày 30/6/2026", "Quý II/2026", "thường xuyên", "hằng năm"). */
  deadlineText: z.string().nullable().optional(),
  /** Where the duty is written in the document's text (absent when it could not be located, or on older data). */
  span: Span.optional(),
  agencies: z.array(AgencyRef),
  /** Crime-category ids from data/crime-categories.json. */
  categories: z.array(z.string()),
  targets: z.array(Target),
});
export type Duty = z.infer<typeof Duty>;

/** What a reader is shown of a duty: its display text, else the text as written. */
export function shownText(duty: Pick<Duty, 'text' | 'display'>): string {
  return duty.display ?? duty.text;
}

export const Citation = z.object({
  /**
   * Canonical key of the cited document (see ingest/extract/keys.ts); equal keys = same document. URL-safe,
   * `<scope>:<symbol-slug>:<year>`: "vn:623-qd-ttg:2016", "thai-nguyen:89-kh-ubnd:2016", "lang-son:13-ct-tu:2022",
   * laws by name: "vn:luat-phong-chong-mua-ban-nguoi:2024". Scope is "vn" for national issuers, else the province.
   */
  key: z.string(),
  /** Number/symbol as normalized, e.g. "623/QĐ-TTg"; null for documents cited by name only. */
  symbol: z.string().nullable(),
  /** Document type in words ("Quyết định", "Luật", "Chiến lược"). */
  type: z.string().nullable(),
  issuedAt: PartialDate.nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  relation: CitationRelation,
  /** Where it was cited: section path or "footnote n". */
  path: z.string().nullable(),
  /** Where the reference is written in the document's normalized text, [start, end) (absent on older data). */
  span: Span.optional(),
  /** False when a short reference could not be tied to a single known document. */
  resolved: z.boolean(),
  /** Keys of the known documents an unresolved reference may mean. */
  candidates: z.array(z.string()),
});
export type Citation = z.infer<typeof Citation>;

export const Signer = z.object({
  name: z.string(),
  /** Title as printed (e.g. "PHÓ CHỦ TỊCH"). */
  title: z.string().nullable(),
  /** The authority line(s): "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL.", "Q." … */
  authority: z.array(z.string()),
});
export type Signer = z.infer<typeof Signer>;

/**
 * Where a document's text came from: the signed text, a portal copy of it (columns flattened, rules as
 * "-------"), or a portal/press summary that names one document (its identity, assignments in prose). A later
 * ingest of the signed text has the same key and replaces the summary.
 */
export const Provenance = z.enum(['signed', 'portal', 'summary']);
export type Provenance = z.infer<typeof Provenance>;

/** How the text of a document was obtained, when not simply read: OCR of scanned pages, legacy encodings. */
export const Conversion = z.object({
  ocr: z
    .object({
      engine: z.string(),
      /** Only the pages that were OCR'd (a mixed PDF keeps its text layer elsewhere), 1-based. */
      pages: z.array(
        z.object({
          page: z.number().int(),
          /** Mean word confidence, 0–1; null when the page held no text. */
          confidence: z.number().nullable(),
          lowConfidence: z.boolean(),
        }),
      ),
      /** Mean over the OCR'd pages. */
      confidence: z.number().nullable(),
      /** True when any page is under the confidence threshold (DUTYGRAPH_OCR_MIN_CONFIDENCE). */
      lowConfidence: z.boolean(),
      /** Syllables corrected against the Vietnamese dictionary (đ/d, ư/u, ơ/o, tone marks). */
      corrections: z.number().int(),
      /** The engine's text before correction, when any correction was made. */
      rawText: z.string().nullable(),
    })
    .nullable(),
  /** A legacy Vietnamese encoding the text was converted from to Unicode NFC. */
  encoding: z
    .object({
      from: z.enum(['tcvn3', 'vni', 'windows-1258']),
      /** What gave it away: font names, byte patterns, a declared charset. */
      detectedBy: z.string(),
    })
    .nullable(),
});
export type Conversion = z.infer<typeof Conversion>;

/** The file a document was read from, kept in the data directory under its SHA-256 (served as-is). */
export const OriginalFile = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** IANA media type of the format the file was read as ("application/pdf", "image/png" …). */
  mediaType: z.string(),
  /** The file's base name as the user had it. */
  name: z.string(),
  size: z.number().int().nonnegative(),
});
export type OriginalFile = z.infer<typeof OriginalFile>;

export const DocumentSchema = z.object({
  /** Canonical key of this document (same scheme as Citation.key, so stubs merge with it). */
  id: z.string(),
  /** Path or name the text came from. */
  source: z.string(),
  format: z.enum(['txt', 'md', 'html', 'docx', 'odt', 'xlsx', 'pdf', 'doc', 'rtf', 'png', 'jpeg', 'tiff']),
  /** Absent on documents stored before it existed (read as "signed"). */
  provenance: Provenance.optional(),
  /** SHA-256 of the normalized text; re-ingesting an unchanged file is a no-op. */
  contentHash: z.string(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  /** "Công văn", "Kế hoạch", "Thông báo", "Quyết định" … */
  type: z.string().nullable(),
  /** Issuing body, lines joined with " / " as printed: "ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN". */
  issuer: z.string().nullable(),
  /** Canonical agency id of the issuer, if resolvable. */
  issuerId: z.string().nullable(),
  /** The issuer as an agency, its canonical name beside the words of the header (absent on older data). */
  issuerAgency: DocumentAgency.nullable().optional(),
  /**
   * The bodies whose proposal the document adopts, as its preamble names them ("Theo đề nghị của Giám đốc Công an
   * tỉnh", "Xét Tờ trình số … của Ủy ban nhân dân tỉnh"); absent on data stored before they were read.
   */
  proposers: z.array(DocumentAgency).optional(),
  /** Province slug (data/provinces.json), null for national documents. */
  province: z.string().nullable(),
  provinceName: z.string().nullable(),
  /** True when the header lacks the province and it was inferred from the body. */
  provinceInferred: z.boolean(),
  place: z.string().nullable(),
  issuedAt: PartialDate.nullable(),
  subject: z.string().nullable(),
  recipients: z.array(z.string()),
  signer: Signer.nullable(),
  /** The "Nơi nhận" list. */
  distribution: z.array(z.string()),
  citations: z.array(Citation),
  duties: z.array(Duty),
  /** Crime categories of the whole document (union of duties' plus the subject's). */
  categories: z.array(z.string()),
  targets: z.array(Target),
  /** The full normalized text (for the reader and for lexical search). */
  text: z.string(),
  /** How the text was obtained (OCR, a legacy encoding converted); absent for text read as it was written. */
  conversion: Conversion.optional(),
  /** The stored original file; absent for text ingested from a string or before originals were kept. */
  original: OriginalFile.optional(),
});
export type ExtractedDocument = z.infer<typeof DocumentSchema>;

/** A cited document known only through citations (a graph stub until it is ingested). */
export const CitedDocument = Citation.pick({
  key: true,
  symbol: true,
  type: true,
  issuedAt: true,
  issuer: true,
  title: true,
});
export type CitedDocument = z.infer<typeof CitedDocument>;

export const Agency = z.object({
  id: z.string(),
  name: z.string(),
  /** English name when the agency type has one. */
  nameEn: z.string().nullable(),
  typeId: z.string().nullable(),
  province: z.string().nullable(),
  aliases: z.array(z.string()),
});
export type Agency = z.infer<typeof Agency>;

export const FileError = z.object({
  source: z.string(),
  /** Short machine-readable reason: empty, binary, encoding, too-large, corrupt, unsupported, not-vietnamese, unreadable. */
  code: z.string(),
  message: z.string(),
});
export type FileError = z.infer<typeof FileError>;

export const Bundle = z.object({
  documents: z.array(DocumentSchema),
  agencies: z.array(Agency),
  citedDocuments: z.array(CitedDocument),
  errors: z.array(FileError),
});
export type Bundle = z.infer<typeof Bundle>;
