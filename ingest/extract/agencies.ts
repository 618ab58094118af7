/**
 * Agency recognition and resolution — our own code, because the domain needs it.
 *
 * A mention ("Ban Chỉ huy Bộ đội Biên phòng tỉnh", "Công an Bình Thuận", "Ngân hàng Nhà nước Khu vực 5")
 * resolves to an agency type shared across provinces (data/agency-types.json) and to a canonical agency
 * scoped by province; national bodies are unscoped and regional branches are keyed by their number.
 * Unknown bodies that still look like agencies ("Sở X", "Chi cục Y") are kept with a null type.
 */
import type { Agency } from '../schema.js';
import { fold, isSpaceCode, lower, squash } from '../text/normalize.js';
import { provinceBodyEnd, provinceBodyType } from './province-bodies.js';
import { UNIT_CODE } from './unit-codes.js';
import { titleLength } from './titles.js';
import {
  canonicalAgency,
  type Commune,
  communeBody,
  communeCommittee,
  communeOf,
  districtOf,
  unitOf,
} from './agency-canonical.js';
import {
  type AgencyType,
  type CompiledPattern,
  escapeRegex,
  isLetterOrDigit,
  type LeadNode,
  leadWords,
  patternToRegex,
} from './agency-types.js';

export { type AgencyType, loadAgencyTypes, writtenForms } from './agency-types.js';
import {
  communeKindEnd,
  districtKindEnd,
  extendName,
  genericNameEnd,
  HEAD_WORD,
  looksLikeName,
  properNameEnd,
  teamDescriptorEnd,
} from './agency-names.js';

export interface ProvinceName {
  slug: string;
  name: string;
  /** "tỉnh" or "thành phố" (a centrally-run city): agency names say "Công an thành phố Hà Nội". */
  kind?: string;
}

export interface AgencyMention {
  /** The words as written. */
  text: string;
  type: AgencyType | null;
  /** Region number for regional branches ("5", "VI"). */
  region: string | null;
  /** Province named inside the mention ("Công an tỉnh Lào Cai"), else null. */
  province: ProvinceName | null;
  /** Position in the scanned string (start, end). */
  start: number;
  end: number;
  /** A second type the same words name: the communes of "UBND các huyện, xã biên giới". */
  also?: AgencyType;
  /** The unit word an enumeration named this field under: "Đồn Biên phòng" for "Bình Đại" ("các Đồn Biên phòng: …"). */
  head?: string;
  /** The provinces' own bodies, named together by a national document ("Công an các tỉnh, thành phố …"). */
  provinces?: true;
  /** A unit named by its code ("C02"): the mention the document gave the code to ("Cục Cảnh sát hình sự (C02)"). */
  means?: AgencyMention;
}

type KnownMatch = { type: AgencyType; region: string | null; province: ProvinceName | null; end: number };

/** The type of district-level People's Committees (data/agency-types.json). */
const DISTRICT_COMMITTEE = 'ubnd-cap-huyen';

/** Size of AgencyResolver's table of first-word hashes. */
const LEAD_BITS = 1 << 14;

/** A small hash of f[start, end) (a word of folded text), computed in place. */
function wordHash(f: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (h * 31 + f.charCodeAt(i)) & 0x3fffffff;
  return h;
}

/** Text between agencies in a list: separators, "và", and prefixes like "Đề nghị". */
const CONNECTOR = /^(?:\s+|,|;|\bva\b|\bcung\b|\bde nghi\b|\byeu cau\b|\bdoi voi\b|\bgiao\b|\bnhat la\b)+/;
const PAREN = /^\s*\([^)]{0,160}\)/;
/** A bracket after a body's name; what it holds names bodies only when it reads as a list of them. */
const BRACKETED = /^\s*\(([^()]{4,160})\)/;
/** "là thành viên …," / "thuộc …," between the agencies of one list. */
const QUALIFIER = /^(?:la thanh vien|thuoc|truc thuoc)\b[^,;:.]{0,160},\s*/;
/** What a force named after "lực lượng" may leave unsaid before its field: nothing, "Cục", "Bộ đội" (folded). */
const FORCE_BODIES = ['', 'cuc ', 'bo doi '];
/** After a district-level unit, the communes named with it: ", xã", " và xã, phường", ", cấp xã" (lowercased). */
const LOWER_LEVEL =
  /^(?:\s*,\s*|\s+và\s+)(?:cấp\s+xã|(?:xã|phường|thị trấn|đặc khu)(?:\s*,\s*(?:xã|phường|thị trấn|đặc khu)){0,3})(?![\p{L}\d])/u;
/** A list of local units that ends with communes ("… huyện, xã"; lowercased). */
const COMMUNES_LAST =
  /(?:,|\svà)\s*(?:xã|phường|thị trấn|đặc khu)(?:\s*,\s*(?:xã|phường|thị trấn|đặc khu)){0,3}$/u;
/** Words that narrow local units to some of them: "các xã biên giới", "các huyện ven biển" (lowercased). */
const LOCAL_QUALIFIER = /^\s+(?:(?:khu vực|vùng)\s+)?(?:biên giới|ven biển|giáp biên)(?![\p{L}\d])/u;
/** The words that open a body's team or room. */
const UNIT_HEAD = /^(Đội|Phòng|Tổ|Trạm)\s/u;
/** The provinces' bodies written at `text[start, end)`. */
function provinceBodies(text: string, start: number, end: number): AgencyMention {
  return {
    text: squash(text.slice(start, end)),
    type: null,
    region: null,
    province: null,
    start,
    end,
    provinces: true,
  };
}
/**
 * The commune (or district) whose People's Committee `agency` is ("Ủy ban nhân dân phường Từ Sơn …", "Ủy ban nhân
 * dân huyện Xuyên Mộc …"), or null.
 */
function placeOfCommittee(agency: Agency): Commune | null {
  const kinds =
    agency.typeId === 'ubnd-cap-xa'
      ? 'xã|phường|thị trấn|đặc khu'
      : agency.typeId === DISTRICT_COMMITTEE
        ? 'huyện|quận|thị xã|thành phố'
        : null;
  if (!kinds) return null;
  const m = new RegExp(
    `^Ủy ban nhân dân (${kinds}) (\\p{Lu}[\\p{L}\\d]*(?:\\s+\\p{Lu}[\\p{L}\\d]*)*)`,
    'u',
  ).exec(agency.name);
  return m ? { kind: m[1]!, name: m[2]! } : null;
}

/**
 * A provincial body named at a lower level by the level's kind word after it (agency-names.ts): the commune's ("Hội
 * Liên hiệp Phụ nữ xã") keeps the type; the district's ("Viện kiểm sát nhân dân huyện", "Tòa án nhân dân huyện") is
 * no body of the province, and untyped it is read as written, as "Công an huyện" is.
 */
function atLevel(text: string, end: number, type: AgencyType): { end: number; type: AgencyType | null } {
  if (type.scope !== 'provincial') return { end, type };
  const district = districtKindEnd(text, end);
  return district > end ? { end: district, type: null } : { end: communeKindEnd(text, end), type };
}
/** A body of a commune (or district) named by its kind word alone: "Công an phường", "Tòa án nhân dân huyện". */
const BY_COMMUNE_KIND = /\s(?:xã|phường|thị trấn|đặc khu)$/u;
const BY_DISTRICT_KIND = /\s(?:huyện|quận|thị xã|thành phố)$/u;
const PLURAL_NAME = /^Các\s/u;
/** "(nay là <body>)" after a body's name: its name since a merger or renaming. */
const RENAMED = /^\s*\((?:nay là|nay đổi tên thành|nay sáp nhập vào)\s+([^()]+?)\s*\)/iu;
/** After a body's name: "cùng cấp" (at the same level), a peer of each unit, not one body. */
const SAME_LEVEL = /^\s+cùng cấp(?![\p{L}\d])/u;
/** A body's office or inspectorate named by its word alone, after its head's title ("Chánh Văn phòng"). */
export const OWN_OFFICE = /^(?:Văn phòng|Thanh tra)$/u;
/** Written as a team or room of a body whose type names the body itself ("Đội Quản lý thị trường" of the Chi cục). */
function isTeamOf(written: string, type: AgencyType): boolean {
  const unit = UNIT_HEAD.exec(written);
  return !!unit && !type.name.startsWith(unit[1]!);
}
/** Issuers whose documents task bodies other than their own units: governments, councils, party and steering bodies. */
const GOVERNING = /^(?:thu-tuong|chinh-phu|ban-chi-dao|ubnd|hdnd|tinh-uy|ban-can-su|dang-doan|uy-ban)/;
/** A unit's name that says whose it is: a level of government or a body's head word after its own (lowercased). */
const NAMES_PARENT =
  /(?:^|\s)(?:tỉnh|huyện|quận|xã(?!\s+hội)|phường|thị xã|thành phố|thị trấn|công an|sở|cục|chi cục|bộ|ủy ban|ubnd|ban|viện|tòa án)(?![\p{L}\d])/u;
/** "…; X, Y là cơ quan phối hợp": the partners listed before the words for their part (folded). */
const PARTNERS_NAMED = /\sla (?:cac )?(?:co quan|don vi) phoi hop\b/;
// After ";" or after the lead's "chủ trì," ("Sở Nội vụ chủ trì, Công an tỉnh là cơ quan phối hợp chính, …").
const PARTNERS_LISTED_BEFORE =
  /(?:;|\bchu tri\s*,)\s*([^;]{3,200}?)\s+la (?:cac )?(?:co quan|don vi) phoi hop\b/g;
/** How far past a garbled list member the next agency may start. */
const GARBLED_REACH = 64;

/**
 * "các Đồn Biên phòng: Bình Đại, Ba Tri, Thạnh Phú": units of one kind we have no type for, enumerated by their
 * proper names after a colon; each field is that unit ("Đồn Biên phòng Bình Đại"), kept as written ("Bình Đại").
 */
const UNITS_ENUMERATED = /^các\s+(\p{Lu}[\p{L}]*(?:\s+[\p{L}]+){0,4}?)\s*:\s*/u;
const PROPER_FIELD = /^\p{Lu}[\p{L}\d]*(?:\s+\p{Lu}[\p{L}\d]*){0,3}/u;

function namedUnitsAt(text: string): AgencyMention[] {
  const m = UNITS_ENUMERATED.exec(text);
  if (!m || genericNameEnd(m[1]!, 0) !== m[1]!.length) return [];
  const out: AgencyMention[] = [];
  let pos = m[0].length;
  for (;;) {
    const field = PROPER_FIELD.exec(text.slice(pos));
    if (!field) break;
    const end = pos + field[0].length;
    out.push({ text: field[0], type: null, region: null, province: null, start: pos, end, head: m[1]! });
    const next = /^\s*(?:,|\bvà\b)\s*(?=\p{Lu})/u.exec(text.slice(end));
    if (!next) break;
    pos = end + next[0].length;
  }
  return out.length > 1 ? out : [];
}

export class AgencyResolver {
  private readonly leads: LeadNode = { patterns: [], next: new Map() };
  /**
   * A bit per hash (wordHash(), modulo the table) of the words patterns open with: a position whose first word's bit
   * is clear starts no pattern, and its word is not sliced out and looked up (most positions asked about).
   */
  private readonly leadBits = new Uint32Array(LEAD_BITS / 32);
  private readonly provinceByFolded = new Map<string, ProvinceName>();
  /** " <folded name>" of each province, in provinceByFolded's order (longest names first). */
  private readonly provinceEndings: [string, ProvinceName][];
  private readonly provinceSuffix: RegExp;
  private readonly typesById: Map<string, AgencyType>;

  /**
   * The type of the body whose document is being read, in a view made by speaking(): it hands work out ("Sở Công
   * Thương giao Phòng Quản lý thương mại …") and takes none by those words.
   */
  readonly speakerTypeId: string | null = null;
  /** The unit codes the document being read defines (unit-codes.ts), in a view made by withUnitCodes(). */
  readonly unitCodes: ReadonlyMap<string, AgencyMention> | null = null;
  /** The committee the document forms ("thành lập Ban Chỉ đạo …"), which its head's title alone stands for. */
  readonly formedBody: AgencyMention | null = null;
  /** The two bodies that issue the document being read jointly, in a view made by withJointIssuers(). */
  readonly jointIssuers: readonly AgencyMention[] | null = null;

  constructor(
    readonly types: AgencyType[],
    provinces: ProvinceName[],
  ) {
    this.typesById = new Map(types.map((t) => [t.id, t]));
    const names = [...provinces].sort((a, b) => b.name.length - a.name.length);
    for (const p of names) this.provinceByFolded.set(fold(p.name), p);
    this.provinceEndings = [...this.provinceByFolded].map(([name, p]) => [` ${name}`, p]);
    const provinceAlt =
      names.map((p) => escapeRegex(fold(p.name)).replace(/ +/g, '\\s+')).join('|') || '(?!)';
    // After a provincial body: "tỉnh", "thành phố", "TP." and/or the province name.
    this.provinceSuffix = new RegExp(
      `^(?:\\s+(?:tinh|thanh pho|tp\\.?))?(?:\\s+(${provinceAlt}))?(?![a-z0-9])`,
    );
    const patterns = types
      .flatMap((type) =>
        type.patterns.map((p) => ({
          type,
          regex: new RegExp(`^${patternToRegex(p, provinceAlt)}(?![a-z0-9])`),
          length: p.length,
          lead: leadWords(fold(p)),
        })),
      )
      .sort((a, b) => b.length - a.length);
    patterns.forEach(({ lead, ...pattern }, rank) => {
      const first = lead[0];
      if (first !== undefined) {
        const bit = wordHash(first, 0, first.length) & (LEAD_BITS - 1);
        this.leadBits[bit >>> 5]! |= 1 << (bit & 31);
      }
      let node = this.leads;
      for (const word of lead) {
        let next = node.next.get(word);
        if (!next) node.next.set(word, (next = { patterns: [], next: new Map() }));
        node = next;
      }
      node.patterns.push({ ...pattern, rank });
    });
  }

  /** The patterns whose leading words `f` shows at `pos`, in rank order: the only ones whose regex can match. */
  private candidatesAt(f: string, pos: number): CompiledPattern[] {
    let end = pos;
    while (end < f.length && isLetterOrDigit(f.charCodeAt(end))) end++;
    const bit = wordHash(f, pos, end) & (LEAD_BITS - 1);
    if (end === pos || (this.leadBits[bit >>> 5]! & (1 << (bit & 31))) === 0) return [];
    const found: CompiledPattern[] = [];
    let node: LeadNode | undefined = this.leads;
    for (let i = pos; ;) {
      const start = i;
      while (i < f.length && isLetterOrDigit(f.charCodeAt(i))) i++;
      node = i > start ? node.next.get(f.slice(start, i)) : undefined;
      if (!node) break;
      found.push(...node.patterns);
      const space = i;
      while (i < f.length && isSpaceCode(f.charCodeAt(i))) i++;
      if (i === space) break;
    }
    return found.length > 1 ? found.sort((a, b) => a.rank - b.rank) : found;
  }

  typeById(id: string): AgencyType | undefined {
    return this.typesById.get(id);
  }

  /** A known agency starting exactly at `pos` of the folded string `f`, longest first. */
  private matchKnownAt(f: string, pos: number): KnownMatch | null {
    const candidates = this.candidatesAt(f, pos);
    if (!candidates.length) return null;
    const rest = f.slice(pos, pos + 200);
    let best: KnownMatch | null = null;
    for (const { type, regex } of candidates) {
      const m = regex.exec(rest);
      if (!m) continue;
      let end = pos + m[0].length;
      let region: string | null = null;
      let provinceText: string | undefined;
      for (let k = 1; k < m.length; k++) {
        const g = m[k];
        if (g === undefined) continue;
        if (/^(?:\d{1,2}|[ivxl]{1,5})$/.test(g)) region = g.toUpperCase();
        else provinceText = g;
      }
      if (type.scope !== 'national' && type.scope !== 'regional') {
        const suffix = this.provinceSuffix.exec(f.slice(end));
        if (suffix && suffix[0].length) {
          end += suffix[0].length;
          provinceText ??= suffix[1];
        }
      }
      if (!best || end > best.end) {
        best = {
          type,
          region,
          province: provinceText ? (this.provinceByFolded.get(squash(provinceText)) ?? null) : null,
          end,
        };
      }
    }
    return best;
  }

  /**
   * How far a known local unit's words reach past its pattern: a district-level list runs on to the communes named
   * with it ("UBND các huyện, xã", which also names `lowerLevel`), and a qualifier narrows the set ("… biên giới").
   */
  private localReach(text: string, at: number, known: KnownMatch): { end: number; also?: AgencyType } {
    if (known.type.scope !== 'commune') return { end: known.end };
    let end = known.end;
    let also: AgencyType | undefined;
    const level = known.type.lowerLevel ? LOWER_LEVEL.exec(lower(text.slice(end, end + 40))) : null;
    if (level) end += level[0].length;
    // The communes may be in the pattern itself ("các huyện, xã" bare, which names both levels).
    if (level || (known.type.lowerLevel && COMMUNES_LAST.test(lower(text.slice(at, end)))))
      also = this.typesById.get(known.type.lowerLevel!);
    const qualifier = LOCAL_QUALIFIER.exec(lower(text.slice(end, end + 30)));
    if (qualifier) end += qualifier[0].length;
    return also ? { end, also } : { end };
  }

  /**
   * A member of a list that names its level once, after its last member: "Thường trực Hội đồng nhân dân, các Ban của
   * Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh" — the member up to the next separator, read
   * with the level word, when the list goes on to the same last word followed by that level word.
   */
  private elidedLevelAt(f: string, at: number): KnownMatch | null {
    const rest = f.slice(at, at + 160);
    const separator = /\s*(?:,|\bva\b)\s*/.exec(rest);
    if (!separator || separator.index < 6) return null;
    const piece = rest.slice(0, separator.index);
    const last = /\S+$/.exec(piece)![0];
    const after = f.slice(at + separator.index, at + 400);
    const stop = after.search(/[;:.()]/);
    const list = stop < 0 ? after : after.slice(0, stop);
    for (const level of ['tinh', 'thanh pho']) {
      if (!list.includes(` ${last} ${level}`)) continue;
      const known = this.matchKnownAt(`${piece} ${level}`, 0);
      if (known && known.end >= piece.length + 1 + level.length && known.type.scope === 'provincial')
        return { ...known, end: at + piece.length };
    }
    return null;
  }

  /**
   * Parses a delimited agency list (an item heading before ":" or a heading line). Every part must be
   * an agency; otherwise null (the heading is a topic, not an addressee).
   */
  parseList(text: string): AgencyMention[] | null {
    const f = fold(text);
    if (f.length !== text.length) return null; // folding must keep offsets aligned to slice the original
    const mentions: AgencyMention[] = [];
    let pos = 0;
    while (pos < f.length) {
      const skip = CONNECTOR.exec(f.slice(pos)) ?? PAREN.exec(f.slice(pos));
      if (skip && skip[0].length) {
        pos += skip[0].length;
        continue;
      }
      // "Ban Chỉ đạo 389 các tỉnh, thành phố …": the provinces' bodies, not the one body its first words name.
      const bodies = provinceBodyEnd(f, pos);
      if (bodies > pos) {
        mentions.push(provinceBodies(text, pos, bodies));
        pos = bodies;
        continue;
      }
      const known = this.matchKnownAt(f, pos);
      if (known) {
        const reach = this.localReach(text, pos, known);
        const { end, type } = atLevel(text, properNameEnd(text, reach.end), known.type);
        mentions.push({
          text: squash(text.slice(pos, end)),
          type,
          region: known.region,
          province: known.province,
          start: pos,
          end,
          ...(reach.also ? { also: reach.also } : {}),
        });
        pos = end;
        continue;
      }
      if (!HEAD_WORD.test(lower(text.slice(pos)))) {
        const past = mentions.length ? this.pastGarbled(f, text, pos) : null;
        if (past === null) return null;
        pos = past;
        continue;
      }
      const end = this.genericEnd(f, text, pos);
      const raw = squash(text.slice(pos, end));
      if (!/^\p{Lu}/u.test(raw) || raw.split(' ').length > 14) return null;
      mentions.push({ text: raw, type: null, region: null, province: this.provinceIn(raw), start: pos, end });
      pos = end;
    }
    return mentions.length ? this.withBracketed(text, mentions) : null;
  }

  /**
   * "Bộ Quốc phòng (Bộ Tư lệnh Bộ đội Biên phòng, Bộ Tư lệnh Cảnh sát biển) chủ trì …", "Bộ Tài chính (Tổng cục Hải
   * quan)": the bodies in brackets are the named body's own units that carry the task, so each is a mention beside it
   * (and takes its role). A bracket that is no list of bodies ("(chủ trì)", "(Cơ quan thường trực)", "(b/c)") adds none.
   */
  private withBracketed(text: string, mentions: AgencyMention[]): AgencyMention[] {
    if (!text.includes('(')) return mentions;
    return mentions.flatMap((m) => {
      const bracket = BRACKETED.exec(text.slice(m.end));
      const inner = bracket ? this.parseList(bracket[1]!) : null;
      if (!inner || inner.some((x) => /^co quan\b/.test(fold(x.text)))) return [m];
      const at = m.end + bracket![0].indexOf('(') + 1;
      const units = inner.map((x) => ({ ...x, start: x.start + at, end: x.end + at }));
      // The words after the list ("… chủ trì") are read from its last end: past the closing bracket.
      units[units.length - 1]!.end = m.end + bracket![0].length;
      return [m, ...units];
    });
  }

  /**
   * Agencies at the very start of a sentence ("Các sở, ban, ngành, Mặt trận Tổ quốc … xây dựng …"). A
   * qualifying clause inside the list ("…, tổ chức chính trị - xã hội là thành viên Ban Chỉ đạo …, ủy ban
   * nhân dân các huyện …") is stepped over when another agency follows it. `folded`: fold(text), when the caller
   * has it already (a slice of an aligned fold).
   */
  scanPrefix(text: string, named = false, folded?: string): AgencyMention[] {
    const f = folded?.length === text.length ? folded : fold(text);
    if (f.length !== text.length) return [];
    const mentions: AgencyMention[] = [];
    let pos = 0;
    for (;;) {
      const skip = CONNECTOR.exec(f.slice(pos)) ?? PAREN.exec(f.slice(pos));
      let at = skip ? pos + skip[0].length : pos;
      let known = this.matchKnownAt(f, at);
      const qualifier = mentions.length ? QUALIFIER.exec(f.slice(at)) : null;
      if (!known && qualifier) {
        at += qualifier[0].length;
        known = this.matchKnownAt(f, at);
      }
      // Before a known body its first words name ("Ban Chỉ đạo 389" of "Ban Chỉ đạo 389 các tỉnh, thành phố …").
      const bodies = provinceBodyEnd(f, at);
      if (bodies > at) {
        mentions.push(provinceBodies(text, at, bodies));
        pos = bodies;
        continue;
      }
      if (!known) {
        const parties = mentions.length ? null : this.partiesAt(f, at);
        if (parties) {
          // The words as written: the fold keeps offsets, the text keeps the case.
          mentions.push({ ...parties, text: squash(text.slice(at, parties.end)) });
          pos = parties.end;
          continue;
        }
        const elided = this.elidedLevelAt(f, at);
        if (elided) {
          mentions.push({
            text: squash(text.slice(at, elided.end)),
            type: elided.type,
            region: elided.region,
            province: elided.province,
            start: at,
            end: elided.end,
          });
          pos = elided.end;
          continue;
        }
        const coded = this.codedAt(text, at);
        if (coded) {
          mentions.push(coded);
          pos = coded.end;
          continue;
        }
        // `named`: also units we have no type for, written with an agency word ("Chi cục Hải quan cửa khẩu X").
        const end = named ? genericNameEnd(text, at) : at;
        if (end <= at) {
          // After a separator, a member OCR garbled does not end the list when an agency follows it.
          const past =
            mentions.length && skip && /[,;]|va/.test(skip[0]) ? this.pastGarbled(f, text, at) : null;
          if (past === null) break;
          pos = past;
          continue;
        }
        const raw = squash(text.slice(at, end));
        mentions.push({
          text: raw,
          type: null,
          region: null,
          province: this.provinceIn(raw),
          start: at,
          end,
        });
        pos = end;
        continue;
      }
      const reach = this.localReach(text, at, known);
      const level = atLevel(text, named ? extendName(text, reach.end) : reach.end, known.type);
      let end = level.end;
      if (named && isTeamOf(text.slice(at, end), known.type)) end = teamDescriptorEnd(text, end);
      const now = this.renamedAt(text, end);
      mentions.push({
        text: squash(text.slice(at, end)),
        type: level.type,
        region: known.region,
        province: known.province,
        start: at,
        end,
        ...(reach.also ? { also: reach.also } : {}),
        ...(now ? { means: now } : {}),
      });
      pos = end;
    }
    return this.withBracketed(text, mentions);
  }

  /**
   * Departments enumerated after one head word: "các Sở: Tư pháp, Tài chính, Y tế", "các Sở Văn hóa, Thể thao và Du
   * lịch, Y tế" — each field is the department of that name ("Sở Tư pháp"), kept as written ("Tư pháp"). A field is
   * the longest run up to a comma or "và" that, with the head word, names a known type whole; the list ends at the
   * first piece that does not. Empty unless `text` opens with such a list.
   */
  enumerationAt(text: string, folded?: string): AgencyMention[] {
    const f = folded?.length === text.length ? folded : fold(text);
    if (f.length !== text.length) return [];
    const head = /^(?:cac\s+)?(so|bo)(?:\s*:\s*|\s+)/.exec(f);
    if (!head) return namedUnitsAt(text);
    // Without a colon only a plural ("các Sở Tư pháp, Y tế") enumerates; "Sở Tư pháp" alone is one name.
    if (!head || (!head[0].includes(':') && !head[0].startsWith('cac'))) return [];
    const out: AgencyMention[] = [];
    const separator = /\s*(?:,|\bva\b)\s*/g;
    let pos = head[0].length;
    for (;;) {
      const stop = f.slice(pos).search(/[;:.()]|\n/);
      const limit = stop < 0 ? f.length : pos + stop;
      let best: { end: number; type: AgencyType } | null = null;
      for (let end = limit; end > pos;) {
        const probe = `${head[1]} ${f.slice(pos, end)}`;
        const hit = this.matchKnownAt(probe, 0);
        if (hit && hit.end === probe.length && hit.type.scope !== 'collective') {
          best = { end, type: hit.type };
          break;
        }
        // Try the next shorter run, cut at the last separator before `end`.
        let cut = -1;
        separator.lastIndex = pos;
        for (let m = separator.exec(f); m && m.index < end; m = separator.exec(f)) cut = m.index;
        end = cut;
      }
      if (!best) break;
      out.push({
        text: squash(text.slice(pos, best.end)),
        type: best.type,
        region: null,
        province: null,
        start: pos,
        end: best.end,
      });
      const next = /^\s*(?:,|\bva\b)\s*/.exec(f.slice(best.end));
      if (!next) break;
      pos = best.end + next[0].length;
    }
    // One field is no enumeration: "các Sở Tư pháp" reads as a name.
    return out.length > 1 || head[0].includes(':') ? out : [];
  }

  /**
   * The agencies named after "phối hợp với" / "phối hợp chặt chẽ với": known ones, and bodies we have no
   * type for when their name opens with an agency word ("Cảng vụ Hàng hải Nha Trang", "Chi cục Kiểm lâm").
   */
  scanPartners(text: string): AgencyMention[] {
    const f = fold(text);
    // Both readings below need the words "phối hợp": most duty texts have none.
    if (f.length !== text.length || !f.includes('phoi hop')) return [];
    const out: AgencyMention[] = [];
    const re = /phoi hop (?:chat che |thuong xuyen )?(?:voi )?/g;
    for (let m = re.exec(f); m; m = re.exec(f)) {
      let pos = m.index + m[0].length;
      const clauseStart = Math.max(f.lastIndexOf(';', m.index), f.lastIndexOf('.', m.index)) + 1;
      const directed = /\bchi dao\b/.test(f.slice(clauseStart, m.index));
      for (let parts = 0; parts < 20; parts++) {
        // "phối hợp với Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh": the head stands for the body.
        const title = /^\p{Lu}/u.test(text.charAt(pos)) ? titleLength(f.slice(pos, pos + 40)) : 0;
        if (title && this.matchKnownAt(f, pos + title)) pos += title;
        const coded = this.codedAt(text, pos);
        const bodies = coded ? coded.end : provinceBodyEnd(f, pos);
        if (bodies > pos) {
          out.push(coded ?? provinceBodies(text, pos, bodies));
          const next = /^\s*(?:,|;|và)\s*/u.exec(text.slice(bodies));
          if (!next) break;
          pos = bodies + next[0].length;
          continue;
        }
        const forceOf = f.startsWith('luc luong ', pos) ? this.forceAt(f, pos + 10) : null;
        const known = forceOf ?? this.matchKnownAt(f, pos);
        // A body written in lowercase ("cơ quan cảnh sát điều tra") is meant generically, not named; local units
        // listed by kind ("phối hợp với các phường, xã") are the communes themselves, written so in any case.
        const named =
          forceOf ||
          /^\p{Lu}/u.test(text.charAt(pos)) ||
          known?.type.scope === 'collective' ||
          (known?.type.scope === 'commune' && f.startsWith('cac ', pos)) ||
          // A kind of bodies whose very name is plural ("các doanh nghiệp viễn thông", "các cơ quan báo chí").
          (known !== null && f.startsWith('cac ', pos) && PLURAL_NAME.test(known.type.name));
        const reach = known && named ? this.localReach(text, pos, known) : null;
        const level = reach ? atLevel(text, extendName(text, reach.end), known!.type) : null;
        const end = level ? level.end : known ? pos : genericNameEnd(text, pos);
        if (end <= pos) {
          // A part we cannot name ("các hội, đoàn thể của tỉnh") between listed bodies: step to the next one.
          const sep = /^[^;.()]{1,60};\s*/u.exec(text.slice(pos));
          const next =
            parts > 0 && sep && this.matchKnownAt(f, pos + sep[0].length)
              ? pos + sep[0].length
              : this.pastGarbled(f, text, pos);
          if (next === null) break;
          pos = next;
          continue;
        }
        // "Chỉ đạo Công an các huyện phối hợp với Trung tâm Y tế cùng cấp": the peer of each unit directed, no partner
        // of the duty's body; "Chủ trì, phối hợp với Viện kiểm sát nhân dân cùng cấp" is the body's own peer.
        // The peer is named with its level ("Viện kiểm sát nhân dân cùng cấp"): no one body of the province.
        const sameLevel = SAME_LEVEL.exec(text.slice(end, end + 16))?.[0].length ?? 0;
        if (!sameLevel || !directed)
          out.push({
            text: squash(text.slice(pos, end + sameLevel)),
            type: sameLevel || !level ? null : level.type,
            region: known?.region ?? null,
            province: sameLevel ? null : (known?.province ?? this.provinceIn(text.slice(pos, end))),
            start: pos,
            end: end + sameLevel,
            ...(reach?.also ? { also: reach.also } : {}),
          });
        // "các phường, xã giáp ranh và Ban Chỉ đạo 389 …": a few lowercase words qualify a member, and the list goes on
        // when a named body follows them.
        // A unit's code after its name ("Cục A (A05) và …") is no end of the list.
        const next =
          /^\s*(?:\([\p{Lu}\d]{2,8}\)\s*)?(?:,|;|và)\s*/u.exec(text.slice(end)) ??
          /^(?:\s+\p{Ll}+){1,3}\s*(?:,|;|và)\s*(?=\p{Lu})/u.exec(text.slice(end, end + 60));
        if (
          !next ||
          (next[0].trim().length > 2 &&
            !this.matchKnownAt(f, end + next[0].length) &&
            provinceBodyEnd(f, end + next[0].length) === end + next[0].length)
        )
          break;
        pos = end + next[0].length;
      }
    }
    const partners = this.withBracketed(text, out);
    // "…; Sở Tài chính, Sở Nội vụ là cơ quan phối hợp …": partners named before the words for their part.
    // The lazy list before the words is tried from every ";": only when the words are there at all.
    const namedBefore = PARTNERS_NAMED.test(f) ? f.matchAll(PARTNERS_LISTED_BEFORE) : [];
    for (const m of namedBefore) {
      const at = m.index + m[0].indexOf(m[1]!);
      const listed = this.scanPrefix(text.slice(at, at + m[1]!.length), true, f.slice(at, at + m[1]!.length));
      if (listed.length && listed[listed.length - 1]!.end === m[1]!.length)
        partners.push(...listed.map((x) => ({ ...x, start: x.start + at, end: x.end + at })));
    }
    return partners;
  }

  /**
   * "lực lượng Công an", "lực lượng Hải quan" at `pos` (after "lực lượng"): the force named by its body's word is
   * that body of the province ("Công an" → Công an tỉnh). Returns the match over the written words only.
   */
  private forceAt(f: string, pos: number): KnownMatch | null {
    // The words up to the first punctuation ("lực lượng Hải quan." ends at "quan").
    const words = (/^[a-z0-9]+(?: [a-z0-9]+)*/.exec(f.slice(pos, pos + 40))?.[0] ?? '')
      .split(' ')
      .slice(0, 4);
    for (let k = words.length; k >= 1; k--) {
      const written = words.slice(0, k).join(' ');
      // The force's word may be its body's field alone: "lực lượng Hải quan" is the Cục Hải quan, "lực lượng Biên
      // phòng" the Bộ đội Biên phòng.
      for (const body of FORCE_BODIES) {
        const probe = `${body}${written} tinh`;
        const hit = this.matchKnownAt(probe, 0);
        if (hit && hit.end === probe.length) return { ...hit, end: pos + written.length };
      }
    }
    return null;
  }

  /**
   * Where the list goes on past a member OCR garbled past recognition at `pos` ("Ngân bàng Nhà nước chi nhánh
   * tỉnh, Cục Thuế tỉnh"): the start of the known agency after it, when every piece up to there reads like a name
   * (agency-names.ts, looksLikeName); else null, and the list ends as written.
   */
  private pastGarbled(f: string, text: string, pos: number): number | null {
    const sep = /\s*(?:,|;|\bva\b)\s*/g;
    let from = pos;
    for (sep.lastIndex = pos + 1; ;) {
      const m = sep.exec(f);
      if (!m || m.index - pos > GARBLED_REACH) return null;
      const piece = text.slice(from, m.index);
      if (/[.()]|\n\s*\n/.test(piece) || !looksLikeName(piece)) return null;
      const next = m.index + m[0].length;
      if (/^\p{Lu}/u.test(text.charAt(next)) && this.matchKnownAt(f, next)) return next;
      from = next;
    }
  }

  /** End of an unknown agency name: the next separator followed by another agency, or the end. */
  private genericEnd(f: string, text: string, pos: number): number {
    const sep = /\s*(?:,|;|\bva\b)\s*/g;
    sep.lastIndex = pos + 1;
    for (let m = sep.exec(f); m; m = sep.exec(f)) {
      const next = m.index + m[0].length;
      // A new agency starts with a capital ("…, Phòng X"), not a lowercase word ("… và phòng, chống …").
      if (
        this.matchKnownAt(f, next) ||
        (/^\p{Lu}/u.test(text.slice(next)) && HEAD_WORD.test(lower(text.slice(next))))
      )
        return m.index;
    }
    const paren = f.indexOf('(', pos);
    return paren > pos ? paren : f.length;
  }

  private provinceIn(text: string): ProvinceName | null {
    const f = fold(text);
    for (const [ending, p] of this.provinceEndings) if (f.endsWith(ending)) return p;
    return null;
  }

  /**
   * In a commune's own document, a body named by the commune's kind word alone ("Công an phường", "Văn phòng HĐND và
   * UBND phường", "Ủy ban Mặt trận Tổ quốc Việt Nam phường") or a room with no body named ("Phòng Văn hóa - Xã hội")
   * is that commune's; null for any other mention.
   */
  private communeOwn(mention: AgencyMention, committee: Agency, commune: Commune): Agency | null {
    const written = mention.head ? `${mention.head} ${mention.text}` : mention.text;
    if (UNIT_HEAD.test(written) && !mention.type && !NAMES_PARENT.test(lower(written.slice(6))))
      return unitOf(written, committee);
    const byKind = committee.typeId === DISTRICT_COMMITTEE ? BY_DISTRICT_KIND : BY_COMMUNE_KIND;
    if (!byKind.test(written) || /(?:^|\s)(?:các|cấp)\s/u.test(written)) return null;
    // "Ủy ban nhân dân huyện" in the district's own document is its committee, the issuer.
    if (fold(`${written} ${commune.name}`) === fold(`Ủy ban nhân dân ${commune.kind} ${commune.name}`))
      return committee;
    const type = mention.type?.scope === 'commune' ? mention.type : (this.pluralType(written) ?? null);
    return communeBody(written, committee, commune, type?.id ?? null);
  }

  /** The provincial type a city's body has when its "thành phố" reads "tỉnh": "UBND thành phố" → UBND tỉnh. */
  private cityTwin(written: string): AgencyType | null {
    if (!/\sthành phố$/u.test(written)) return null;
    const f = fold(written.replace(/thành phố$/u, 'tỉnh'));
    const hit = this.matchKnownAt(f, 0);
    return hit && hit.end === f.length && hit.type.scope === 'provincial' ? hit.type : null;
  }

  /** The local type a singular name has in the plural: "Công an phường" → "Công an các phường", "… huyện" too. */
  private pluralType(written: string): AgencyType | null {
    const plural = written.replace(/\s(xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố)$/u, ' các $1');
    const f = fold(plural);
    const hit = this.matchKnownAt(f, 0);
    return hit && hit.end === f.length && hit.type.scope === 'commune' ? hit.type : null;
  }

  /**
   * The mention is written as a room many commands have ("Phòng Tham mưu"), in the document of a body that is neither
   * a government nor the room type's own body (the body whose name ends the type's: "… Công an tỉnh").
   */
  private sharedRoomOf(mention: AgencyMention, issuer: Agency): boolean {
    const type = mention.type!;
    if (!type.sharedNames?.some((n) => fold(n) === fold(mention.text))) return false;
    if (!issuer.typeId || GOVERNING.test(issuer.typeId) || issuer.typeId === type.id) return false;
    const owner = this.types.find((t) => t.id !== type.id && type.name.endsWith(` ${t.name}`));
    return issuer.typeId !== owner?.id;
  }

  /** This resolver, reading a document that names units by the codes in `codes` ("C02" for "Cục … (C02)"). */
  withUnitCodes(codes: ReadonlyMap<string, AgencyMention>): AgencyResolver {
    return codes.size ? (Object.create(this, { unitCodes: { value: codes } }) as AgencyResolver) : this;
  }

  /** This resolver, reading a document that forms `body`: "Trưởng ban phân công …" is that body's head at work. */
  withFormedBody(body: AgencyMention | null): AgencyResolver {
    return body ? (Object.create(this, { formedBody: { value: body } }) as AgencyResolver) : this;
  }

  /** This resolver, reading a text two bodies issue jointly: "Hai bên …" names them both (see partiesAt). */
  withJointIssuers(issuers: readonly AgencyMention[]): AgencyResolver {
    return issuers.length === 2
      ? (Object.create(this, { jointIssuers: { value: issuers } }) as AgencyResolver)
      : this;
  }

  /**
   * "Hai bên", "Hai cơ quan", "Hai đơn vị", "Các bên" (not "các đơn vị", anyone) in a text two bodies issue jointly: one mention of both issuers,
   * as written (the second as `also`).
   */
  private partiesAt(f: string, pos: number): AgencyMention | null {
    const [first, second] = this.jointIssuers ?? [];
    if (!first?.type || !second?.type) return null;
    const m = /^(?:(?:ca\s+)?hai\s+(?:ben|co quan|don vi|luc luong)|cac\s+ben)(?![\p{L}\d])/u.exec(
      f.slice(pos, pos + 24),
    );
    if (!m) return null;
    return {
      text: squash(f.slice(pos, pos + m[0].length)),
      type: first.type,
      region: first.region,
      province: first.province,
      start: pos,
      end: pos + m[0].length,
      also: second.type,
    };
  }

  /**
   * "Sở Lao động - Thương binh và Xã hội (nay là Sở Nội vụ)": the body the former one is now, named in the brackets
   * right after `end` of `text`; null when none is.
   */
  private renamedAt(text: string, end: number): AgencyMention | null {
    const m = RENAMED.exec(text.slice(end, end + 200));
    if (!m) return null;
    const [now] = this.scanPrefix(m[1]!);
    return now?.type && now.start === 0 && now.end === m[1]!.length ? now : null;
  }

  /** A unit named by a code the document defined, at `pos` of `text`; null when none. */
  private codedAt(text: string, pos: number): AgencyMention | null {
    if (!this.unitCodes) return null;
    const code = UNIT_CODE.exec(text.slice(pos, pos + 8))?.[0];
    const means = code && this.unitCodes.get(code);
    if (!means) return null;
    const { type, region, province } = means;
    return { text: code, type, region, province, start: pos, end: pos + code.length, means };
  }

  /** This resolver, reading a document its issuer of type `typeId` speaks in (shared state, one more field). */
  speaking(typeId: string | null): AgencyResolver {
    return typeId === this.speakerTypeId
      ? this
      : (Object.create(this, { speakerTypeId: { value: typeId } }) as AgencyResolver);
  }

  /**
   * Canonical agency for a mention, given the province of the document that mentions it. In a national
   * document an unscoped body (a department of a ministry) is national too. In a document of a department
   * ("Sở"), "Văn phòng Sở" and "Thanh tra Sở" are that department's own units.
   */
  resolve(
    mention: AgencyMention,
    documentProvince: ProvinceName | null,
    national = false,
    issuer: Agency | null = null,
  ): Agency {
    const department = issuer?.typeId?.startsWith('so-') ? this.typeById(issuer.typeId)?.name : undefined;
    const named = mention.type?.scope === 'commune' ? communeOf(mention.text) : null;
    if (named) return communeCommittee(named, mention.province ?? documentProvince, mention.type!.id);
    // One district's committee ("Ủy ban nhân dân thành phố Tuy Hòa") is of the district-level type.
    const district = mention.type
      ? null
      : districtOf(mention.text, (place) => this.provinceByFolded.has(fold(place)));
    if (district) return communeCommittee(district, mention.province ?? documentProvince, DISTRICT_COMMITTEE);
    const commune = issuer ? placeOfCommittee(issuer) : null;
    if (commune && issuer) {
      const own = this.communeOwn(mention, issuer, commune);
      if (own) return own;
    }
    // "Ủy ban nhân dân thành phố" in a centrally-run city's document: the city's own committee (its "tỉnh" body).
    const twin = !mention.type && documentProvince?.kind === 'thành phố' ? this.cityTwin(mention.text) : null;
    const agency = canonicalAgency(
      twin ? { ...mention, type: twin } : mention,
      documentProvince,
      national,
      department,
    );
    // Every province's police at once is of the police's type, of no one province.
    if (mention.provinces) return { ...agency, typeId: provinceBodyType(mention.text) };
    // "Chánh Văn phòng, …" in a body's own decision: that body's office (or inspectorate).
    if (!mention.type && issuer && !GOVERNING.test(issuer.typeId ?? '') && OWN_OFFICE.test(mention.text))
      return unitOf(mention.text, issuer);
    const written = mention.head ? `${mention.head} ${mention.text}` : mention.text;
    const unit = UNIT_HEAD.exec(written);
    if (!unit) return agency;
    // "Phòng Tham mưu" in a border guard command's decision is the command's room, not the police's.
    if (mention.type && issuer && this.sharedRoomOf(mention, issuer)) return unitOf(mention.text, issuer);
    // "Đội Quản lý thị trường số 1" matched the Chi cục's type: a team of the Chi cục, not the Chi cục.
    if (mention.type) return isTeamOf(mention.text, mention.type) ? unitOf(mention.text, agency) : agency;
    // A room or team that names no body of its own, in a body's own document, is that body's ("Phòng Thanh tra -
    // Pháp chế" of a Chi cục's plan); a People's Committee's or a council's "Phòng X" is left as written.
    const own =
      issuer &&
      !GOVERNING.test(issuer.typeId ?? '') &&
      !mention.province &&
      !NAMES_PARENT.test(lower(written.slice(unit[0].length)));
    return own ? unitOf(written, issuer) : agency;
  }
}
