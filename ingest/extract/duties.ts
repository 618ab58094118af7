/**
 * Assignment items → duties. Items are numbered (I., 1., 2.3., a)) and nest by their labels; an item
 * addresses agencies by its heading ("4. Ngân hàng Nhà nước Khu vực 5: …", "2. Công an tỉnh"), by
 * "Đề nghị …" (requested), by "Giao …" in prose, or by opening with agency names. Bullets and
 * paragraphs inside an item are its duties; nested items inherit the agencies of their parent.
 */
import type { Role } from '../schema.js';
import { fold, squash } from '../text/normalize.js';
import type { AgencyMention, AgencyResolver } from './agencies.js';
import { BULLET, hasCellBar, type Block } from './blocks.js';
import {
  frameOf,
  issuerHandsOver,
  sentences,
  titledHeading,
  withRotatingLeads,
  type Frame,
} from './clauses.js';
import { docTypes } from './keys.js';
import { fieldDuty, trailingFields } from './task-fields.js';
import { markedRoles } from './role-marks.js';
import { perAgencyActions, roleFor } from './roles.js';
import { clauseRuns } from './clause-runs.js';
import { isSeatLine } from './titles.js';
import { LABEL, type Item, type ItemTree } from './items.js';

export interface RawDuty {
  path: string;
  heading: string | null;
  text: string;
  agencies: { mention: AgencyMention; role: Role; action?: string }[];
  /** The block the duty was read from (its span is located inside it). */
  block: Block;
  /** Offset of `text` in the block's text, when known (table cells). */
  textAt?: number;
  /** A deadline given apart from the text (a table's deadline column). */
  deadlineText?: string | null;
}

/**
 * A paragraph about the document itself ("Nghị quyết này được … thông qua", "Quyết định này có hiệu lực …",
 * "Văn bản này …"): its adoption or effect, no agency's task, so it does not continue the item before it.
 */
const ABOUT_ITSELF = new RegExp(
  `^(?:${[...new Set([...docTypes().types.map((t) => fold(t.name)), 'van ban', 'cong van'])].join('|')}) nay\\b`,
);

/**
 * The closing formula of a text: "Trong quá trình (tổ chức) thực hiện (Kế hoạch), nếu có (phát sinh) khó khăn, vướng
 * mắc …, báo cáo … để xem xét, chỉ đạo".
 */
const CLOSING_FORMULA = /^trong qua trinh [^,]{0,60}, neu co (?:phat sinh )?(?:kho khan|vuong mac)/;

/** The item's text up to a sentence about the document itself run on in the same paragraph (its adoption formula). */
function beforeItself(text: string): string {
  const about = sentences(text).find((x) => x.at > 0 && ABOUT_ITSELF.test(fold(x.text.slice(0, 40))));
  return about ? text.slice(0, about.at).trimEnd() : text;
}

interface Addressed {
  /** From a prose frame whose agencies are the subject. */
  prose?: boolean;
  mentions: AgencyMention[];
  /** Roles the heading gives in brackets, mention by mention ("X (chủ trì), Y (phối hợp):"); null where none. */
  marks?: (Role | null)[];
  requested: boolean;
  heading: string | null;
  /** Text of the item after the addressee heading. */
  rest: string;
  /** Where the action starts, for the role ("Giao X chủ trì …" → "chủ trì …"). */
  roleText: string;
  /** Handed over by "Giao / Yêu cầu / Phân công …": a task, even under a lead-in that only asks. */
  handsOver?: boolean;
  /** Each mention's own action, where the frame gives one (bodies asked in turn). */
  actions?: string[];
  /** A heading over the items that gives them its role and partners ("1. X chủ trì, phối hợp với Y:"). */
  framing?: { roleText: string; partners: AgencyMention[] };
}

/**
 * "1. Cục Cảnh sát hình sự chủ trì, phối hợp với Cục A05 và Công an các tỉnh …:" over bullets: the heading's verb
 * and partners belong to every bullet under it, and the heading is no duty of its own. Null when the heading gives
 * neither a lead nor partners ("Giao Công an tỉnh thực hiện các nhiệm vụ sau:").
 */
function headingFraming(item: Item, own: Addressed | null, agencies: AgencyResolver): Addressed['framing'] {
  if (!own || own.heading !== null || !item.children.length || !/:\s*$/.test(item.text)) return undefined;
  const named = new Set(own.mentions.map((m) => fold(m.text)));
  const partners = agencies
    .scanPartners(item.text)
    .filter((p) => p.type?.scope !== 'collective' && !named.has(fold(p.text)));
  const role = roleFor(own.roleText, own.requested);
  return role === 'lead' || partners.length ? { roleText: own.roleText, partners } : undefined;
}

/** The text that decides a bullet's role: its own verb ("Chủ trì …", "Phối hợp với …"), else the heading's. */
function roleTextUnder(addressed: Addressed, text: string): string {
  return addressed.framing && roleFor(text, false) === 'assigned' ? addressed.framing.roleText : text;
}

/**
 * A bullet of an addressed item: the item's bodies, no subject of its own ("- Phối hợp với Y …" supports; "- Đề nghị
 * phối hợp với Y …" asks the item's bodies).
 */
function underHeading(addressed: Addressed, text: string): Addressed {
  const requested = addressed.requested || ASKS.test(text);
  return { ...addressed, requested, roleText: roleTextUnder(addressed, text), prose: false };
}

const PROSE = /^(?:Giao|Đề nghị|Yêu cầu|Kiến nghị|Đề xuất)\s+/u;
/** What opens a request: "Đề nghị …", and a report's "Kiến nghị / Đề xuất <body> …". */
const REQUEST = /^(?:Đề nghị|Kiến nghị|Đề xuất)(?![\p{L}])/u;
/** A bullet that asks its item's bodies ("- Đề nghị phối hợp …"); "Đề xuất …" there is their task (to propose). */
const ASKS = /^Đề nghị(?![\p{L}])/u;
const LEADS_LATER = /;\s*chu tri\b/;
const DIRECTS = /^Chỉ đạo\s/u;

function hasAddressedParent(item: Item, byItem: ReadonlyMap<Item, Addressed>): boolean {
  for (let p = item.parent; p; p = p.parent) if (byItem.has(p)) return true;
  return false;
}
/** A sentence that opens by handing work to the bodies named next. */
const HANDS_OVER = /^(?:Giao|Đề nghị)\s+\p{Lu}/u;
/**
 * Words that address a section to the bodies named after them: "Trách nhiệm của Công an tỉnh", "Nhiệm vụ,
 * quyền hạn của …", "Đối với Sở Y tế", "Về phía …".
 */
const ADDRESSING =
  /^(?:(?:trách nhiệm|nhiệm vụ)(?:,? (?:và )?(?:quyền hạn|trách nhiệm|nhiệm vụ))?\s+(?:của|cho)\s+|(?:đối với|về phía)\s+)/iu;

/** "Các đơn vị", "Các cơ quan sau": a head word for the bodies listed after the colon. */
const UNITS_HEAD =
  /^(?:Giao\s+)?(?:các|những)\s+(?:đơn vị|cơ quan|cơ quan, đơn vị|địa phương)(?:\s+sau(?:\s+đây)?)?$/iu;

/** A locality by its kind and name ("thành phố Tuy Hòa", "thị xã Sông Cầu"), then the list's separator if any. */
const LOCALITY =
  /^(?:thành phố|thị xã|huyện|quận|xã|phường|thị trấn|đặc khu)\s+\p{Lu}[\p{L}\d]*(?:\s+\p{Lu}[\p{L}\d]*)*/u;

/**
 * "Các địa phương: thành phố Tuy Hòa, thị xã Sông Cầu … khẩn trương …": the localities listed, each its People's
 * Committee (written as the document names the place).
 */
function localitiesAt(text: string, agencies: AgencyResolver): AgencyMention[] {
  const out: AgencyMention[] = [];
  let pos = 0;
  for (;;) {
    const m = LOCALITY.exec(text.slice(pos));
    if (!m) break;
    const [committee] = agencies.scanPrefix(`Ủy ban nhân dân ${m[0]}`, true);
    const place = {
      text: m[0],
      type: null,
      region: null,
      province: null,
      start: pos,
      end: pos + m[0].length,
    };
    out.push(committee ? { ...place, means: committee } : place);
    const sep = /^\s*(?:,|và)\s*/u.exec(text.slice(pos + m[0].length));
    if (!sep) break;
    pos += m[0].length + sep[0].length;
  }
  return out;
}

/** The agencies a heading addresses: it is only their names, after words that address it to them. */
function headingList(
  head: string,
  agencies: AgencyResolver,
): { mentions: AgencyMention[]; marks?: (Role | null)[] } | null {
  const words = ADDRESSING.exec(head)?.[0].length ?? 0;
  const listed = head.slice(words);
  // "1. Giám đốc Công an tỉnh:": the head's title stands for the body.
  const mentions = titledHeading(listed, agencies) ?? agencies.parseList(listed);
  if (!mentions) return null;
  // "Công an tỉnh (chủ trì), Sở Tư pháp (phối hợp):": the brackets give each body its role.
  const marks = markedRoles(listed, mentions);
  return marks ? { mentions, marks } : { mentions };
}

/** Who a piece of text addresses: "X: …", a heading that is only agency names, or "Giao/Đề nghị X …". */
/**
 * What a report says was done, after the bodies it names: "Công an tỉnh: đã chủ trì …", "Cục Hải quan … đã phát
 * hiện …", "… đang điều tra …". A plan's task is never written in the perfective; a report's results are no duty.
 */
const REPORTED =
  /^\s*(?:\([^)]*\)\s*)?(?::\s*)?(?:cũng\s+|luôn\s+|bước đầu\s+)?(?:đã|vừa|đang)(?![\p{L}\d])/u;

function addressees(text: string, agencies: AgencyResolver): Addressed | null {
  const requested = REQUEST.test(text);
  const colon = text.indexOf(':');
  if (colon > 0 && colon < 220) {
    const head = text.slice(0, colon);
    const list = headingList(head, agencies);
    if (list) {
      const rest = text.slice(colon + 1).trim();
      if (REPORTED.test(rest)) return null;
      return { ...list, requested, heading: squash(head), rest, roleText: rest };
    }
    // "Các đơn vị: Công an tỉnh, Sở Y tế … căn cứ chức năng …": the bodies are listed after the colon.
    if (UNITS_HEAD.test(head.trim())) {
      const after = colon + 1 + (text.slice(colon + 1).length - text.slice(colon + 1).trimStart().length);
      const bodies = agencies.scanPrefix(text.slice(after));
      const listed = bodies.length ? bodies : localitiesAt(text.slice(after), agencies);
      const last = listed[listed.length - 1];
      if (last && listed[0]!.start === 0) {
        const roleText = text.slice(after + last.end);
        const mentions = listed.map((m) => ({ ...m, start: m.start + after, end: m.end + after }));
        return { mentions, requested, heading: null, rest: text, roleText };
      }
    }
  }
  if (colon < 0 && text.length <= 160 && !/[.;]$/.test(text)) {
    const list = headingList(text, agencies);
    if (list) return { ...list, requested, heading: squash(text), rest: '', roleText: '' };
  }
  // Prose: "Giao Công an tỉnh …", "Đề nghị Viện kiểm sát …", or an item that opens with agency names.
  const prose = PROSE.exec(text);
  const start = prose ? prose[0].length : 0;
  // After a body we know, a unit we have no type for belongs to the list too ("Phòng Cảnh sát hình sự Công an tỉnh,
  // Đội Cảnh sát điều tra … Công an huyện X phối hợp …"); a sentence opening with one is left to the frames.
  // "Sở Công Thương giao Phòng …" in the Sở's own letter: the issuer hands over, its frame names the assignees.
  if (!prose && issuerHandsOver(text, agencies)) {
    const frame = frameOf(text, agencies);
    return frame && fromFrame(frame, text);
  }
  const named = agencies.scanPrefix(text.slice(start), true);
  const scanned = named[0]?.type ? named : agencies.scanPrefix(text.slice(start));
  const prefix = withRotatingLeads(text.slice(start), scanned, agencies);
  if (prefix.length && prefix[0]!.start === 0) {
    const last = prefix[prefix.length - 1]!;
    const rest = text.slice(start + last.end);
    if (REPORTED.test(rest)) return null;
    // An agency name must be followed by the action, not be the object of a sentence about something else.
    if (/^\s*(?:\([^)]*\)\s*)?(?:,|:|\p{Ll}|\p{Lu}\p{Ll}*\s+\p{Ll})/u.test(rest)) {
      return {
        mentions: prefix,
        requested,
        handsOver: !!prose && !requested,
        heading: null,
        rest: text,
        roleText: rest,
        prose: !!prose,
      };
    }
  }
  const frame = frameOf(text, agencies);
  return frame && fromFrame(frame, text);
}

function fromFrame(frame: Frame, text: string): Addressed {
  return {
    mentions: frame.mentions,
    requested: frame.requested,
    handsOver: !frame.subject && !frame.requested,
    heading: null,
    rest: text,
    roleText: frame.roleText,
    prose: frame.subject,
    ...(frame.actions ? { actions: frame.actions } : {}),
  };
}

/**
 * An item whose label line is only agency names, the task starting on the next line in a capital
 * ("2. Ngân hàng Nhà nước chi nhánh tỉnh" / "Chỉ đạo các tổ chức tín dụng …"): the first line is its heading.
 */
function headingLine(item: Item, agencies: AgencyResolver): Addressed | null {
  const [first, ...others] = item.block.lines;
  if (!first || !others.length || !/^\p{Lu}/u.test(others[0]!)) return null;
  const head = LABEL.exec(first)?.[2]?.trim();
  if (!head || head.length > 160 || /[.;:,]$/.test(head)) return null;
  const list = headingList(head, agencies);
  if (!list) return null;
  const rest = squash(others.join(' '));
  return { ...list, requested: false, heading: squash(head), rest, roleText: rest };
}

/** The lines after an item's title line when they start a paragraph of their own ("Điều 6. Trách nhiệm chung" / "Hai bên …"). */
function bodyUnderTitle(item: Item): string | null {
  const [first, ...others] = item.block.lines;
  if (!first || !others.length || !/^\p{Lu}/u.test(others[0]!)) return null;
  const head = LABEL.exec(first)?.[2]?.trim();
  if (!head || head.length > 100 || /[.;:,]$/.test(head)) return null;
  return squash(others.join(' '));
}

/** A lead-in paragraph that hands the following items to agencies: "… đề nghị Công an tỉnh X phối hợp như sau:". */
function leadIn(text: string, agencies: AgencyResolver): Addressed | null {
  const m = /(?:^|[\s,;])(giao|đề nghị|yêu cầu)\s+/iu.exec(text);
  if (!m) return null;
  const after = text.slice(m.index + m[0].length);
  const mentions = agencies.scanPrefix(after);
  if (!mentions.length || mentions[0]!.start !== 0) return null;
  return {
    mentions,
    requested: /đề nghị/iu.test(m[1]!),
    heading: null,
    rest: '',
    roleText: after.slice(mentions[mentions.length - 1]!.end),
  };
}

/**
 * A lead-in that asks the bodies it names in general terms to do what follows: "Sở Công Thương đề nghị các cơ quan,
 * đơn vị … thực hiện một số nội dung sau:". A lead-in that also hands work over ("giao", "yêu cầu") does not.
 */
const REQUESTS_ITEMS = /(?:^|[\s,;])đề nghị\s+(?:các|quý)\s+(?:cơ quan|đơn vị|sở|địa phương)/iu;
const HANDS_ITEMS = /(?:^|[\s,;])(?:giao|yêu cầu)\s/iu;

function requestsItems(intro: string): boolean {
  return REQUESTS_ITEMS.test(intro) && !HANDS_ITEMS.test(intro);
}

/** A section on the plan's purposes, aims or the situation: its sentences name bodies without tasking them. */
const AIMS =
  /^(?:mục đích|yêu cầu|mục tiêu|quan điểm|tình hình|kết quả|đánh giá|sự cần thiết|căn cứ|phạm vi|đối tượng)(?:[\s,:.]|$)/iu;

/** "3. Yêu cầu Công an các tỉnh, thành phố:": the verb handing work to a body named next, no section on aims. */
const ASKS_BODY = /^Yêu cầu\s+\p{Lu}/u;

function inAimsSection(item: Item): boolean {
  for (let p: Item | null = item; p; p = p.parent)
    if (AIMS.test(p.text) && p.text.length < 80 && !ASKS_BODY.test(p.text)) return true;
  return false;
}

/** A legal text's scope ("Phạm vi điều chỉnh", "Đối tượng áp dụng"): the bodies it lists are subject to it, not tasked. */
const SCOPE = /^(?:phạm vi điều chỉnh|đối tượng áp dụng|giải thích từ ngữ)(?:[\s,:.]|$)/iu;

function inScopeSection(item: Item): boolean {
  for (let p: Item | null = item; p; p = p.parent) if (SCOPE.test(p.text) && p.text.length < 80) return true;
  return false;
}

/** "2. Đề nghị các cơ quan phối hợp thực hiện": a heading that asks, over what it holds. */
const itemRequests = (item: Item): boolean => /^đề nghị\s/iu.test(item.text) && requestsItems(item.text);

/** "II. ĐỀ NGHỊ CÁC CƠ QUAN PHỐI HỢP": a section heading that asks, over the items it holds. */
function underRequest(item: Item): boolean {
  for (let p = item.parent; p; p = p.parent) if (itemRequests(p)) return true;
  return false;
}

export function extractDuties(tree: ItemTree, agencies: AgencyResolver): RawDuty[] {
  const duties: RawDuty[] = [];
  const byItem = new Map<Item, Addressed>();
  for (const item of tree.items) {
    // "3 | Sở Giáo dục và Đào tạo | …": a table row whose index reads as a label is the table's (tables.ts).
    if (hasCellBar(item.text)) continue;
    // "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục tiêu": what the plan is for, not who does what — unless an item there opens
    // with the bodies it asks ("4. Các sở, ban, ngành, UBND các huyện căn cứ … tổ chức triển khai …").
    if (inScopeSection(item) || (inAimsSection(item) && agencies.scanPrefix(item.text)[0]?.start !== 0))
      continue;
    // "2. Đại tá A, Giám đốc Công an tỉnh – Phó Trưởng ban;": a member's seat on the committee formed, no task.
    if (!item.children.length && isSeatLine(fold(item.text))) continue;
    const fielded = fieldDuty(item, agencies);
    if (fielded) {
      duties.push(fielded);
      continue;
    }
    // Under a body's heading, "b) Chỉ đạo Phòng X và Công an các xã …" is that body directing its units: its duty.
    const directs = DIRECTS.test(item.text) && hasAddressedParent(item, byItem);
    const heard = headingLine(item, agencies) ?? (directs ? null : addressees(item.text, agencies));
    // "… đề nghị các cơ quan, đơn vị … nội dung sau:" before the items, or a section "II. ĐỀ NGHỊ CÁC CƠ QUAN PHỐI
    // HỢP" over them: its items are requests, whoever they name; an item whose own verb leads ("X: chủ trì, phối
    // hợp với …") still leads.
    const asked = (item.intro !== null && requestsItems(item.intro.text)) || underRequest(item);
    const own =
      heard && asked && !heard.handsOver && roleFor(heard.roleText, false) !== 'lead'
        ? { ...heard, requested: true }
        : heard;
    let inherited: Addressed | null = null;
    for (let p = item.parent; p && !inherited; p = p.parent) inherited = byItem.get(p) ?? null;
    inherited ??= item.intro ? leadIn(item.intro.text, agencies) : null;
    // An item under its body's heading has no subject of its own: "a) Phối hợp với Y …" supports.
    const addressed =
      own ??
      (inherited && { ...inherited, heading: null, rest: item.text, roleText: item.text, prose: false });
    if (!addressed) {
      // A section heading ("III. TỔ CHỨC THỰC HIỆN") over prose: its paragraphs assign by their own frames — also
      // the paragraph printed on the heading's next line ("Điều 6. Trách nhiệm chung" / "Hai bên phối hợp …").
      const body = bodyUnderTitle(item);
      prose(
        duties,
        body ? [{ ...item.block, text: body }, ...item.children] : item.children,
        item.path,
        agencies,
        asked || itemRequests(item),
      );
      continue;
    }
    // An item of several prose sentences, each with its own agencies: one duty per sentence frame.
    if (
      own?.prose !== undefined &&
      sentences(item.text).filter((x) => frameOf(x.text, agencies)).length > 1
    ) {
      prose(duties, [{ ...item.block, text: item.text }, ...item.children], item.path, agencies);
      continue;
    }
    const framing = headingFraming(item, own, agencies) ?? (own ? undefined : inherited?.framing);
    if (framing) addressed.framing = framing;
    else delete addressed.framing;
    if (inherited?.framing && !own) addressed.roleText = roleTextUnder(inherited, item.text);
    byItem.set(item, addressed);

    const segments: Segment[] = [];
    const leadsIn = !!own && own.heading === null && item.children.length > 0 && /:\s*$/.test(item.text);
    if (addressed.rest && !leadsIn)
      segments.push({ text: beforeItself(addressed.rest), addressed: { ...addressed }, block: item.block });
    for (const child of item.children) {
      const text = child.text.replace(/^[-–+•]\s+/, '');
      // A bullet that names its own agencies ("- Sở Tư pháp: …") is theirs, not the item's; so is a paragraph
      // whose subject is another agency ("Sở Tư pháp có trách nhiệm …" under "Điều 2. Giao Công an tỉnh …").
      const ownBullet = /^[-–•]\s/.test(child.text) ? addressees(text, agencies) : null;
      if (ownBullet?.heading) {
        segments.push({ text: ownBullet.rest, addressed: ownBullet, block: child });
        continue;
      }
      // "- Chỉ đạo Ban Chỉ đạo 389 cấp huyện, UBND các xã …" under a body's heading: that body directing its units.
      if (DIRECTS.test(text)) {
        segments.push({
          text,
          addressed: underHeading(addressed, text),
          block: child,
        });
        continue;
      }
      const runs = framedRuns(text, agencies, true);
      if (!runs.length && ABOUT_ITSELF.test(fold(text.slice(0, 40)))) continue;
      // Sentences before the first named subject are the item's own.
      const first = runs.length ? text.indexOf(runs[0]!.text) : text.length;
      if (first > 0)
        segments.push({
          text: text.slice(0, first),
          addressed: underHeading(addressed, text),
          block: child,
        });
      for (const run of runs) segments.push({ ...run, block: child });
    }
    emit(duties, item.path, segments, agencies);
  }
  // Un-numbered lists and paragraphs that address agencies ("- Công an tỉnh: …", prose frames).
  prose(duties, tree.orphans, '', agencies);
  return duties;
}

interface Segment {
  text: string;
  addressed: Addressed;
  block: Block;
}

/** Per list of duties: how many of its paths run "<path>#…", for each path, over the duties counted so far. */
const numberedCounts = new WeakMap<RawDuty[], { upTo: number; counts: Map<string, number> }>();

/**
 * How many duties' paths start with `${path}#`: counted as the list grows (duties are only appended), so each
 * section's prose numbers on without a pass over every duty before it (quadratic on long documents).
 */
function numberedSoFar(duties: RawDuty[], path: string): number {
  const numbered = `${path}#`;
  if (path.includes('#')) return duties.filter((d) => d.path.startsWith(numbered)).length;
  let seen = numberedCounts.get(duties);
  if (!seen) numberedCounts.set(duties, (seen = { upTo: 0, counts: new Map() }));
  const { counts } = seen;
  // A path without "#" starts a path `${p}#…` only as the part before that path's first "#".
  for (; seen.upTo < duties.length; seen.upTo++) {
    const other = duties[seen.upTo]!.path;
    const hash = other.indexOf('#');
    if (hash >= 0) counts.set(other.slice(0, hash), (counts.get(other.slice(0, hash)) ?? 0) + 1);
  }
  return counts.get(path) ?? 0;
}

/**
 * Paragraphs and bullets outside addressed items: "- X: …" bullets, and each sentence with a frame (a sentence
 * without one continues the duty before it in the same paragraph). A lead-in ending in ":" that names agencies
 * ("Giao Công an tỉnh thực hiện các nhiệm vụ sau:") hands the bullets after it to them.
 */
function prose(
  duties: RawDuty[],
  blocks: Block[],
  path: string,
  agencies: AgencyResolver,
  asks = false,
): void {
  let ordinal = numberedSoFar(duties, path);
  const at = () => (path ? `${path}#${++ordinal}` : `#${++ordinal}`);
  let leadIn: Addressed | null = null;
  for (const block of blocks) {
    if (hasCellBar(block.text)) continue; // table rows: tables.ts
    const text = block.text.replace(/^[-–•]\s+/, '');
    // "- Tổ chức tuyên truyền … (Chủ trì: X; phối hợp: Y; thời gian: Quý III/2024)": a task with its fields.
    if (trailingFields(text) >= 0) {
      const task = { label: '', level: 0, path: '', text, block, intro: null, children: [], parent: null };
      const fielded = fieldDuty(task, agencies);
      if (fielded) {
        duties.push({ ...fielded, path: at() });
        continue;
      }
    }
    const led = block.boldLead ? boldHeading(block.boldLead, text, agencies) : null;
    if (led) {
      // "… cụ thể:" hands the bullets under it to the bold body.
      leadIn = /:$/.test(led.rest) ? led : null;
      if (!leadIn) emit(duties, at, [{ text: led.rest, addressed: led, block }], agencies);
      continue;
    }
    if (BULLET.test(block.text)) {
      const heard = addressees(text, agencies);
      // Under a heading that asks ("2. Đề nghị các cơ quan phối hợp thực hiện"), "- CÔNG AN TỈNH: …" is asked,
      // unless its own verb leads.
      const addressed =
        heard && asks && !heard.handsOver && roleFor(heard.rest, false) !== 'lead'
          ? { ...heard, requested: true }
          : heard;
      if (addressed?.heading && addressed.rest) {
        emit(duties, at, [{ text: addressed.rest, addressed, block }], agencies);
        continue;
      }
      if (leadIn && !addressed) {
        emit(duties, at, [{ text, addressed: { ...leadIn, roleText: text }, block }], agencies);
        continue;
      }
    }
    if (/:$/.test(text)) {
      const frame = frameOf(text, agencies);
      leadIn = frame ? fromFrame(frame, '') : null;
      continue;
    }
    leadIn = null;
    for (const run of framedRuns(text, agencies)) emit(duties, at, [{ ...run, block }], agencies);
  }
}

/**
 * "**Văn phòng Sở** – Chủ trì …": a paragraph opening with its body in bold before a dash is headed by that body, as
 * "Văn phòng Sở: Chủ trì …" is; null when the bold words are not only bodies' names.
 */
function boldHeading(lead: string, text: string, agencies: AgencyResolver): Addressed | null {
  if (!text.startsWith(lead)) return null;
  const heard = addressees(`${lead}: ${text.slice(lead.length).replace(/^\s*-\s*/, '')}`, agencies);
  return heard?.heading ? heard : null;
}

/**
 * The sentences of a paragraph grouped by frame: each framed sentence opens a duty, and the sentences after it
 * without a frame of their own continue it. `subjectsOnly`: only frames whose agencies are the subject.
 */
function framedRuns(
  text: string,
  agencies: AgencyResolver,
  subjectsOnly = false,
): { text: string; addressed: Addressed }[] {
  const runs: { start: number; end: number; addressed: Addressed }[] = [];
  for (const s of sentences(text)) {
    // "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc …": the closing formula, no part of the duty before it.
    if (runs.length && CLOSING_FORMULA.test(fold(s.text.slice(0, 120)))) break;
    // A sentence that opens by handing work over ("Giao Văn phòng UBND tỉnh theo dõi …") names its own agencies
    // even where only subjects count: it follows an item but is not that item's work.
    const handsOver = subjectsOnly && (HANDS_OVER.test(s.text) || issuerHandsOver(s.text, agencies));
    const frame = frameOf(s.text, agencies, subjectsOnly && !handsOver);
    const usable =
      frame &&
      (!subjectsOnly ||
        (handsOver && !frame.subject) ||
        (frame.subject && frame.mentions.some((m) => m.type?.scope !== 'collective')));
    if (usable) runs.push({ start: s.at, end: s.at + s.text.length, addressed: fromFrame(frame, s.text) });
    else if (runs.length) runs[runs.length - 1]!.end = s.at + s.text.length;
  }
  return runs.map((r) => ({ text: text.slice(r.start, r.end), addressed: r.addressed }));
}

/**
 * Duties of the segments, one per clause run (clause-runs.ts): a clause after ";" that names its own agencies is a
 * duty of its own. `path`: the item's path (numbered "#1", "#2" … when it gives several duties) or, for prose, a
 * source of one fresh path per duty.
 */
function emit(
  duties: RawDuty[],
  path: string | (() => string),
  segments: Segment[],
  agencies: AgencyResolver,
): void {
  const kept = segments
    .flatMap((s) =>
      clauseRuns(s.text, s.addressed.mentions, agencies).map((run) => ({
        block: s.block,
        text: squash(run.text),
        addressed: run.frame ? fromFrame(run.frame, run.text) : s.addressed,
        helpers: run.partners,
      })),
    )
    .filter((s) => s.text.length > 2);
  kept.forEach(({ text, addressed, block, helpers }, i) => {
    // "X chủ trì, phối hợp với Y" / "X: …; phối hợp với Y …" / "X …; Y phối hợp": Y supports the duty.
    const own = new Set(addressed.mentions.map((m) => fold(m.text)));
    const partners = [
      ...agencies.scanPartners(text),
      ...helpers,
      ...(addressed.framing?.partners ?? []),
    ].filter((p) => {
      const key = fold(p.text);
      if (p.type?.scope === 'collective' || own.has(key)) return false;
      own.add(key);
      return true;
    });
    const plain = roleFor(
      addressed.roleText || text,
      addressed.requested,
      !!addressed.prose && partners.length > 0,
    );
    // "X có nhiệm vụ …; chủ trì, phối hợp với Y, Z …": a later clause of its own leads the bodies it names.
    const role = plain === 'assigned' && partners.length > 0 && LEADS_LATER.test(fold(text)) ? 'lead' : plain;
    const actions =
      addressed.actions ?? perAgencyActions(addressed.roleText || text, addressed.mentions.length);
    duties.push({
      path: typeof path === 'function' ? path() : kept.length === 1 ? path : `${path}#${i + 1}`,
      heading: addressed.heading,
      text,
      agencies: [
        ...addressed.mentions.map((mention, k) => ({
          mention,
          role: (!addressed.requested && addressed.marks?.[k]) || role,
          ...(actions ? { action: actions[k]! } : {}),
        })),
        ...partners.map((mention) => ({ mention, role: 'support' as const })),
      ],
      block,
    });
  });
}
