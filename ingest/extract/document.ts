/**
 * One document's text → ExtractedDocument. Pure: everything it knows about the world comes in through
 * the context (agency types, provinces, crime taxonomy); cross-document resolution happens later
 * (ingest/resolve.ts).
 */
import { createHash } from 'node:crypto';
import type { Agency, DocumentAgency, ExtractedDocument, Target } from '../schema.js';
import { fold, normalizeText, squash } from '../text/normalize.js';
import type { AgencyMention, AgencyResolver, ProvinceName } from './agencies.js';
import { type Block, prepare } from './blocks.js';
import { extractCitations, type RawCitation, type TextUnit } from './citations.js';
import { buildDuties } from './assignments.js';
import { communeOf, districtOf } from './agency-canonical.js';
import { extractDuties } from './duties.js';
import { isAppendixHead, parseItems } from './items.js';
import { tableDuties } from './tables.js';
import { ATTACHMENT_HEAD, isSignatureBlock, parseClosing, parseHeader } from './header.js';
import { documentKey, symbolKey } from './keys.js';
import { findAttachedTo, findSummarized, subjectAfter, type Summarized } from './summary.js';
import { repairSubject } from './header-lines.js';
import { extractTargets } from './targets.js';
import { findProposers } from './proposals.js';
import { formedBody, shortFormOf, unitCodes } from './unit-codes.js';
import { normalCasing } from './casing.js';

export interface ExtractionContext {
  agencies: AgencyResolver;
  /** The province named in a phrase ("TỈNH LẠNG SƠN", "Công an Bình Thuận"), or null. */
  findProvince(text: string): ProvinceName | null;
  /** False only when findProvince() finds nothing in any part of `text` (a cheap check before its sentences). */
  mayNameProvince(text: string): boolean;
  /** The province a file's name or folder names ("lang-son-463-ubnd-nc.txt"), for texts that name none. */
  findProvinceInSource?(source: string): ProvinceName | null;
  tagCategories(text: string): string[];
}

export interface SourceText {
  source: string;
  format: ExtractedDocument['format'];
  text: string;
}

/** The document plus what resolution needs: citations keep their matching names until resolved. */
export interface ExtractionResult {
  document: ExtractedDocument;
  citations: RawCitation[];
  /** Agencies this document names (issuer and duty holders), with the forms it uses as aliases. */
  agencies: Agency[];
}

const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

function inferProvince(texts: string[], ctx: ExtractionContext): ProvinceName | null {
  const counts = new Map<string, { p: ProvinceName; n: number }>();
  for (const text of texts) {
    if (!ctx.mayNameProvince(text)) continue;
    for (const sentence of text.split(/[.;:]\s+/)) {
      const p = ctx.findProvince(sentence);
      if (p) counts.set(p.slug, { p, n: (counts.get(p.slug)?.n ?? 0) + 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.p ?? null;
}

/**
 * The body that issued a summarized document: the agency that opens the naming sentence, or else the one named
 * just before "vừa ban hành …" (the sentence may run on from a headline: "Tuyên Quang: … UBND tỉnh Tuyên Quang
 * vừa ban hành …").
 */
const HEAD_TITLE = /^(?:Phó\s+)?Chủ tịch\s/u;
/** What may stand between the issuer and "vừa ban hành": nothing, or its signer's name ("Trần Tuyết Minh"). */
const SIGNER_NAME = /^\s*(?:\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3}\s*)?$/u;

function summaryIssuer(summarized: Summarized, agencies: AgencyResolver): AgencyMention | null {
  const { sentence, namedAt, namedEnd } = summarized;
  // "… triển khai Kế hoạch số 245/KH-UBND ngày 5/8/2024 của UBND tỉnh": the document's own issuer, whoever holds the
  // meeting that reports it.
  const of = /^\s*của\s+/u.exec(sentence.slice(namedEnd));
  const issuer = of ? agencies.scanPrefix(sentence.slice(namedEnd + of[0].length))[0] : undefined;
  if (issuer?.start === 0) {
    const at = namedEnd + of![0].length;
    return { ...issuer, start: issuer.start + at, end: issuer.end + at };
  }
  const opening = agencies.scanPrefix(sentence)[0];
  if (opening) return opening;
  const before = sentence.slice(0, namedAt);
  for (const word of before.matchAll(/(?<![\p{L}\d])\p{Lu}/gu)) {
    // "Phó Chủ tịch UBND tỉnh Trần Văn A vừa ký …": the head signs for the committee, which is the issuer.
    if (HEAD_TITLE.test(before.slice(word.index))) continue;
    const found = agencies.scanPrefix(before.slice(word.index))[0];
    // The subject of the issuing verb ends where the verb (or "vừa/đã") begins, after the signer's name if any.
    if (found && SIGNER_NAME.test(before.slice(word.index + found.end)))
      return { ...found, start: found.start + word.index, end: found.end + word.index };
  }
  return null;
}

/**
 * "CÔNG AN TỈNH CÀ MAU ⎵⎵⎵ VIỆN KIỂM SÁT NHÂN DÂN TỈNH CÀ MAU": bodies side by side, each naming the province, issue
 * jointly; the first named signs first (the symbol's codes agree: "KHLN-CAT-VKS"). The body on the line above
 * `first` (read from line k) when the two issue so, else null.
 */
function sideBySide(
  lines: string[],
  k: number,
  first: AgencyMention,
  ctx: ExtractionContext,
): AgencyMention | null {
  const [beside] = k > 0 && first.province ? ctx.agencies.scanPrefix(lines[k - 1]!) : [];
  return beside?.start === 0 &&
    beside.end === lines[k - 1]!.length &&
    beside.province?.slug === first.province?.slug
    ? beside
    : null;
}

/** The lowest line k from which the header's lines read as a body, and that body. */
function lowestBodyAt(lines: string[], ctx: ExtractionContext): { k: number; first: AgencyMention } | null {
  for (let k = lines.length - 1; k >= 0; k--) {
    const [first] = ctx.agencies.scanPrefix(lines.slice(k).join(' '));
    if (first && first.start === 0) return { k, first };
  }
  return null;
}

/** The two bodies of a header that issue jointly, in signing order; empty otherwise. */
function jointIssuers(lines: string[], ctx: ExtractionContext): AgencyMention[] {
  const lowest = lowestBodyAt(lines, ctx);
  if (!lowest?.first.type) return [];
  const beside = sideBySide(lines, lowest.k, lowest.first, ctx);
  return beside?.type ? [beside, lowest.first] : [];
}

function lowestIssuer(lines: string[], ctx: ExtractionContext): AgencyMention | null {
  // "TỈNH BẮC NINH / UBND PHƯỜNG TỪ SƠN", "ỦY BAN NHÂN DÂN / HUYỆN XUYÊN MỘC": one commune's or district's committee
  // (resolved as that place's, agencies.ts), on the last line or the last two.
  const isCity = (place: string): boolean => ctx.findProvince(`thành phố ${place}`) !== null;
  for (const tail of [lines.slice(-1), lines.slice(-2)]) {
    const text = squash(tail.join(' '));
    if (tail.length === 0 || !text) continue;
    const commune = communeOf(text) ? ctx.agencies.typeById('ubnd-cap-xa') : undefined;
    if (commune || districtOf(text, isCity))
      return { text, type: commune ?? null, region: null, province: null, start: 0, end: text.length };
  }
  for (let k = lines.length - 1; k >= 0; k--) {
    const text = lines.slice(k).join(' ');
    const [first] = ctx.agencies.scanPrefix(text);
    if (!first || first.start !== 0) continue;
    const beside = sideBySide(lines, k, first, ctx);
    if (beside) return beside;
    // "CÔNG AN TỈNH X / PHÒNG CẢNH SÁT HÌNH SỰ": a police department signs in the name of the police above it (the
    // symbol says so too: "345/CAT-PC02", the department's code after its body's).
    if (k > 0 && first.type?.id.startsWith('phong-')) continue;
    // A body under a province's committee ("UBND TỈNH X / BAN CHỈ ĐẠO 138") is the province's own one.
    if (first.type?.scope === 'national' && k > 0 && ctx.findProvince(lines.slice(0, k).join(' '))) {
      const [own] = ctx.agencies.scanPrefix(`${text} tỉnh`);
      if (own?.start === 0 && own.type && own.type.scope !== 'national') return own;
    }
    return first;
  }
  return null;
}

/**
 * Texts issued with the document and printed after its signature ("QUY CHẾ" / "(Ban hành kèm theo Quyết định
 * số …)", "PHỤ LỤC"): their blocks, up to their own signature, are body too; their heading starts a part of its own.
 */
function attachedBlocks(blocks: readonly Block[], from: number): Block[] {
  const start = blocks.findIndex(
    (b, i) => i >= from && (ATTACHMENT_HEAD.test(b.lines[0]!) || isAppendixHead(b.lines[0]!)),
  );
  if (start < 0) return [];
  const end = blocks.findIndex((b, i) => i > start && isSignatureBlock(b.lines));
  return blocks.slice(start, end < 0 ? blocks.length : end);
}

// Portal copies print the short rules under the header cells as text ("-------"); readers of signed files do not.
const RULE_UNDER_HEADER = /^[ \t]*[-–_=]{3,}[ \t]*$/m;

/** A summary names its own document in passing, often without the date its header would give: not a citation. */
function citesItself(c: RawCitation, symbol: string | null, year: string | null): boolean {
  if (!symbol || c.symbol !== symbol) return false;
  return !c.issuedAt || !year || c.issuedAt.slice(0, 4) === year.slice(0, 4);
}

function documentAgency(agency: Agency, mention: string): DocumentAgency {
  return {
    id: agency.id,
    name: agency.name,
    mention,
    typeId: agency.typeId,
    province: agency.province,
    resolved: agency.typeId !== null,
  };
}

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** What an appendix published on its own adds to its document's key. */
const APPENDIX_KEY = '~phu-luc';

export function extractDocument(input: SourceText, ctx: ExtractionContext): ExtractionResult {
  const text = normalizeText(input.text);
  const prepared = prepare(text);
  const header = parseHeader(prepared.lines);
  const closing = parseClosing(prepared.lines);

  // Body: the blocks between the header and the closing part (header cells may be parts of a line).
  const holds = (b: { lines: string[] }, text: string | null) =>
    text !== null && b.lines.some((l) => l.includes(text));
  let first = header.bodyStartText ? prepared.blocks.findIndex((b) => holds(b, header.bodyStartText)) : 0;
  if (first < 0) first = 0;
  const closingLine = prepared.lines[closing.start] ?? null;
  // The closing is the last block holding its first line: a signature title ("CHỦ TỊCH") also opens the authority
  // line above the preamble ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") of a chairman's decision.
  let last = closingLine ? prepared.blocks.findLastIndex((b, i) => i >= first && holds(b, closingLine)) : -1;
  if (last < 0) last = prepared.blocks.length;
  const body = [...prepared.blocks.slice(first, last), ...attachedBlocks(prepared.blocks, last)];

  // A page with no header of its own reports on a document (portal or press summary); when it names one
  // document, it takes that document's identity.
  const headerless = !header.symbol && !header.type && !header.issuedAt;
  const summarized = headerless ? findSummarized(body.map((b) => b.text)) : null;
  // An appendix published on its own ("(Kèm theo Kế hoạch số … của …)" under its title) is part of that document:
  // it takes its identity, under a key of its own so that neither replaces the other.
  const attachedTo =
    headerless && !summarized
      ? findAttachedTo(prepared.blocks.slice(0, 4).map((b) => b.lines.join('\n')))
      : null;
  for (const named of [summarized, attachedTo]) {
    if (!named) continue;
    header.symbol = named.symbol;
    header.type = named.type;
    header.issuedAt = named.issuedAt;
  }
  if (attachedTo) {
    header.issuerLines = attachedTo.issuer ? [attachedTo.issuer] : [];
    header.subject ??= attachedTo.title;
  }
  const provenance = attachedTo
    ? 'portal'
    : headerless
      ? 'summary'
      : header.flattened || !header.symbol || RULE_UNDER_HEADER.test(text.slice(0, 2000))
        ? 'portal'
        : 'signed';

  // The issuer is the lowest body of the header ("UBND TỈNH QUẢNG NINH / SỞ TƯ PHÁP" → Sở Tư pháp).
  const issuerMention = summarized
    ? summaryIssuer(summarized, ctx.agencies)
    : lowestIssuer(header.issuerLines, ctx);
  if (summarized)
    header.subject ??= subjectAfter(
      summarized.sentence,
      Math.max(summarized.namedEnd, issuerMention?.end ?? 0),
    );
  const national =
    issuerMention?.type?.scope === 'national' ||
    (!!header.symbol?.nationalIssuer && !issuerMention?.province);
  const headerProvince = national
    ? null
    : (ctx.findProvince(summarized ? summarized.sentence : header.issuerLines.join(' ')) ??
      (header.place ? ctx.findProvince(`tỉnh ${header.place}`) : null));
  // A page that never names its province (a portal summary: "UBND tỉnh giao Công an tỉnh …") takes the one its
  // file or folder is named after, as the user who saved it knew it.
  const province = national
    ? null
    : (headerProvince ??
      inferProvince(
        body.map((b) => b.text),
        ctx,
      ) ??
      ctx.findProvinceInSource?.(input.source) ??
      null);
  const provinceInferred = !headerProvince && province !== null;
  const issuer = issuerMention ? ctx.agencies.resolve(issuerMention, province, national) : null;
  // A unit named by its code is the unit the document gave the code to.
  // A body written in capitals is resolved as the document writes it normally (casing.ts).
  const casing = normalCasing(text);
  const speaking = ctx.agencies.speaking(issuerMention?.type?.id ?? null);
  const formed = formedBody(header.subject ? squash(header.subject) : null, speaking);
  const resolveAgency = (m: AgencyMention) =>
    ctx.agencies.resolve(casing(m.means ?? shortFormOf(m, formed) ?? m), province, national, issuer);

  const tree = parseItems(body);
  const items = tree.items;
  const pathOf = new Map(
    items.flatMap((item) => [
      [item.block, item.path] as const,
      ...item.children.map((c) => [c, item.path] as const),
    ]),
  );
  const units: TextUnit[] = [
    ...body.map((b) => ({
      text: b.text.replace(/^[-–+•]\s+/, ''),
      path: pathOf.get(b) ?? null,
      footnote: false,
    })),
    ...prepared.footnotes.map((f) => ({ text: f.text, path: `footnote ${f.label}`, footnote: true })),
  ];

  const docType = header.type ? titleCase(header.type) : null;
  const subject = header.subject
    ? repairSubject(
        header.subject,
        body.map((b) => b.text),
      )
    : null;
  const year = header.issuedAt;
  const scope = national || header.symbol?.nationalIssuer ? 'vn' : (province?.slug ?? 'unscoped');
  // The id keeps the subject as printed, so a better reading of it does not move the document.
  const fingerprint = shortHash(fold(header.subject ?? text.slice(0, 4000)));
  const id = header.symbol?.number
    ? `${symbolKey(header.symbol, scope, year)}${attachedTo ? APPENDIX_KEY : ''}`
    : documentKey(
        scope,
        [header.symbol?.display ?? docType ?? 'van-ban', year, fingerprint].filter(Boolean).join(' '),
        null,
      );

  const citationContext = { source: text, province: national ? null : province, agencies: ctx.agencies };
  const cited = extractCitations(units, citationContext);
  // The subject may be the only place that says what the document implements ("Thực hiện Chỉ thị số
  // 21-CT/TW …", "V/v triển khai Nghị định số …"); the body's own mention of a document, when there is one, is the
  // one kept, with the subject's relation when the body only names it in passing ("Chính phủ ban hành Nghị định …").
  const inSubject = header.subject
    ? extractCitations([{ text: squash(header.subject), path: null, footnote: false }], citationContext)
    : [];
  const subjectRelation = new Map(inSubject.map((c) => [c.key, c.relation]));
  const citations = [
    ...cited.map((c) => {
      const relation = subjectRelation.get(c.key);
      return c.relation === 'mention' && c.path === null && relation && relation !== 'mention'
        ? { ...c, relation }
        : c;
    }),
    ...inSubject.filter((c) => !cited.some((b) => b.key === c.key)),
  ].filter((c) => c.key !== id && !citesItself(c, header.symbol?.display ?? null, year));

  const found = new Map<string, Agency>();
  const register = (agency: Agency, mention: string) => {
    const entry = found.get(agency.id) ?? { ...agency, aliases: [] };
    if (mention !== agency.name && !entry.aliases.includes(mention)) entry.aliases.push(mention);
    found.set(agency.id, entry);
  };

  // Units the document names by their codes ("Phối hợp với C02 …") are read as the units it gave the codes to.
  const reading = speaking
    .withUnitCodes(unitCodes(text, speaking))
    .withJointIssuers(summarized ? [] : jointIssuers(header.issuerLines, ctx))
    .withFormedBody(formed);
  const duties = buildDuties([...extractDuties(tree, reading), ...tableDuties(body, reading)], {
    text,
    documentId: id,
    issuedAt: header.issuedAt,
    resolve: resolveAgency,
    register,
    tagCategories: ctx.tagCategories,
  });

  const targets: Target[] = units.filter((u) => !u.footnote).flatMap((u) => extractTargets(u.text, u.path));
  if (issuer) register(issuer, issuerMention!.text);
  const issuerId = issuer?.id ?? null;
  const proposers: DocumentAgency[] = [];
  for (const { mention, span } of findProposers(
    body.filter((b) => !pathOf.has(b)),
    text,
    ctx.agencies,
  )) {
    const agency = resolveAgency(mention);
    register(agency, mention.text);
    if (agency.id === issuerId || proposers.some((p) => p.id === agency.id)) continue;
    proposers.push({ ...documentAgency(agency, mention.text), ...(span ? { span } : {}) });
  }
  const categories = [
    ...new Set([...ctx.tagCategories(subject ?? ''), ...duties.flatMap((d) => d.categories)]),
  ];

  const document: ExtractedDocument = {
    id,
    source: input.source,
    format: input.format,
    provenance,
    contentHash: createHash('sha256').update(text).digest('hex'),
    number: header.symbol?.number ?? null,
    symbol: header.symbol?.display ?? null,
    type: docType,
    issuer: header.issuerLines.length
      ? header.issuerLines.join(' / ')
      : summarized && issuerMention
        ? issuerMention.text
        : null,
    issuerId,
    issuerAgency: issuer ? documentAgency(issuer, issuerMention!.text) : null,
    proposers,
    province: province?.slug ?? null,
    provinceName: province?.name ?? null,
    provinceInferred,
    place: header.place,
    issuedAt: header.issuedAt,
    subject: subject ? squash(subject) : null,
    recipients: header.recipients,
    signer: closing.signer,
    distribution: closing.distribution,
    citations: citations.map(({ name: _name, ...c }) => c),
    duties,
    categories,
    targets,
    text,
  };
  return { document, citations, agencies: [...found.values()] };
}
