/**
 * Clauses and frames: a paragraph → sentences → the frame that assigns each one ("Giao/Chỉ đạo/Yêu cầu/Đề nghị/
 * Phân công <agencies> …", or "<agencies> chủ trì / phối hợp / có trách nhiệm / là cơ quan đầu mối / <verb> …").
 * The speaker of an assigning verb ("UBND tỉnh chỉ đạo …", "Chủ tịch UBND tỉnh giao …") is not an assignee.
 * Pure and linear: sentences are cut by a scan, not by a backtracking expression.
 */
import { fold, foldAligned } from '../text/normalize.js';
import type { AgencyMention, AgencyResolver } from './agencies.js';
import { bareTitleLength, isPersonName, titleLength } from './titles.js';

export interface Frame {
  mentions: AgencyMention[];
  requested: boolean;
  /** The text after the agency list, where the action (and the role) starts. */
  roleText: string;
  /** The agencies are the sentence's subject (not the object of "giao", "đề nghị" …). */
  subject: boolean;
  /** Each agency's own action, mention by mention, where they are asked in turn (askedInTurn). */
  actions?: string[];
}

/** Sentences of a paragraph: cut after ". ", "! ", "? " before a capital letter (not inside "(…)"). */
export function sentences(text: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === '.' || c === '!' || c === '?') && depth === 0 && text[i + 1] === ' ') {
      const next = text[i + 2] ?? '';
      // "TP. Hồ Chí Minh", "Số 3. " are not ends: need a lowercase letter or ")" before the dot.
      const prev = text[i - 1] ?? '';
      if (
        next &&
        next !== next.toLowerCase() &&
        /[\p{Ll}\d)”"]/u.test(prev) &&
        !/\bTP$|\bThS$/u.test(text.slice(i - 3, i))
      ) {
        out.push({ text: text.slice(start, i + 1), at: start });
        start = i + 2;
      }
    }
  }
  if (start < text.length) out.push({ text: text.slice(start), at: start });
  return out;
}

/** Discourse openers before the clause proper ("Theo đó,", "Đồng thời,", "Cũng theo văn bản này,"). */
const OPENER =
  /^(?:theo do|dong thoi|ngoai ra|ben canh do|mat khac|cung theo van ban nay|theo van ban|trong do|cu the)\s*,?\s*/;
/** Verbs by which a speaker hands work to the agencies after them. */
const ASSIGNING = /(?:^|[\s,;])(giao|chi dao|yeu cau|de nghi|phan cong|kien nghi|de xuat)\s+/g;
/**
 * A report's recommendations open with the body they ask: "Kiến nghị Ban Chỉ đạo 389 quốc gia …", "Đề xuất UBND tỉnh
 * bố trí …". Inside a sentence the same words are the subject's own task ("Sở Tư pháp rà soát, đề xuất UBND tỉnh …").
 */
const ASKS_ONLY_FIRST = new Set(['kien nghi', 'de xuat']);
const ASKS = new Set(['de nghi', ...ASKS_ONLY_FIRST]);
/** A clause whose subject reports rather than takes on work ("đã bắt giữ", "vừa ban hành"). */
// With diacritics: folded, "đăng tải" (to post) would read as "đang" (in progress).
const REPORTS = /^(?:đã|vừa|đang|được|ban hành|thông báo|kết luận|gửi|trình)(?![\p{L}\d])/u;
/** A speaker's verb: the People's Committee or its chairman "yêu cầu …" speaks; a department "chỉ đạo" its units. */
const SPEAKS = /^(?:giao|chỉ đạo|yêu cầu|đề nghị|phân công)(?![\p{L}\d])/u;
/**
 * The place that qualifies the last subject ("các sở, ban, ngành của tỉnh", "UBND các huyện thuộc tỉnh Lạng Sơn",
 * "các cơ quan tại địa phương"): the action comes after it.
 */
const PLACE_AFTER =
  /^(?:của|tại|thuộc|trên địa bàn)\s+(?:tỉnh|thành phố|địa phương)(?:\s+\p{Lu}\p{L}*)*(?![\p{L}\d])\s*/u;
const SPEAKERS = new Set(['ubnd-tinh', 'chu-tich-ubnd-tinh', 'van-phong-ubnd-tinh', 'hdnd-tinh', 'tinh-uy']);
/** The national bodies that hand work to ministries: their "chỉ đạo / yêu cầu" is a speaker's, in any document. */
const NATIONAL_SPEAKERS = new Set([
  'thu-tuong-chinh-phu',
  'chinh-phu',
  'quoc-hoi',
  'bo-chinh-tri',
  'ban-bi-thu',
]);

/**
 * A ministry (or another national body) doing its own work in a national document: "Bộ trưởng Bộ Quốc phòng chỉ đạo
 * Bộ đội Biên phòng …" in the Prime Minister's Công điện is the ministry's task. In a province's document a
 * national body's "chỉ đạo" is reported, not assigned by it.
 */
function ministryAtWork(x: AgencyMention, agencies: AgencyResolver): boolean {
  const issuer = agencies.speakerTypeId === null ? undefined : agencies.typeById(agencies.speakerTypeId);
  return (
    issuer?.scope === 'national' &&
    x.type?.scope === 'national' &&
    x.type.id !== issuer.id &&
    !NATIONAL_SPEAKERS.has(x.type.id)
  );
}

/** A subject that addresses everyone and names no one ("Các cơ quan, đơn vị, địa phương cần …"). */
const EVERYONE = new Set(['cac-co-quan-don-vi-dia-phuong']);
/** The part of a day an event took place, opening a report ("Chiều 12/8, …", "Sáng nay, …"; folded). */
const EVENT_TIME = /^(?:sang|trua|chieu|toi|dem)\s+(?:nay|qua|hom qua|\d{1,2}\/\d{1,2})\b/;
/** The longest adverbial taken as a clause opener: a phrase, not a clause of its own. */
const FREE_OPENER_MAX = 100;

/**
 * A predicate with no subject before it ("Phối hợp với Bộ Nội vụ, Bộ Y tế xây dựng …", "Chủ trì, …"): the sentence's
 * subject is the item's own body, and the comma goes on with the list, so what opens it is no adverbial.
 */
const PREDICATE_OPENER = /^(?:phoi hop|chu tri|tham muu|giup|huong dan)\b/;

/** End of a leading adverbial phrase closed by a comma (no clause punctuation inside it), or 0. */
function freeOpenerEnd(f: string): number {
  const comma = f.indexOf(',');
  if (comma < 2 || comma > FREE_OPENER_MAX || /[;:.!?()]/.test(f.slice(0, comma))) return 0;
  if (PREDICATE_OPENER.test(f)) return 0;
  return comma + 1 + /^\s*/.exec(f.slice(comma + 1))![0].length;
}

/** "Chánh Văn phòng, …", "Chánh Thanh tra và …": the office named by its word alone, after its head's title. */
const OFFICE_AFTER_TITLE = /^(?:Văn phòng|Thanh tra)(?=\s*[,;]|\s+(?:và|chịu|có)\s)/u;

function officeMention(window: string): AgencyMention {
  const text = /^(?:Văn phòng|Thanh tra)/u.exec(window)![0];
  return { text, type: null, region: null, province: null, start: 0, end: text.length };
}

/** The title of a room's head: "Trưởng phòng", "Phó Trưởng phòng" (folded). */
const ROOM_HEAD_TITLE = /(?:^|\s)truong phong\s+$/;

/** The room whose head's title came just before `window`: its name as written, "Phòng" its head word. */
function roomAfterTitle(window: string, agencies: AgencyResolver): AgencyMention[] {
  const word = 'Phòng ';
  const [room] = agencies.scanPrefix(`${word}${window}`, true);
  if (!room || room.start !== 0 || room.end <= word.length) return [];
  const end = room.end - word.length;
  return [{ ...room, text: window.slice(0, end), start: 0, end, head: word.trim() }];
}

/** The title of a committee's head with no body after it (folded, with its spaces). */
const COMMITTEE_HEAD = /^(?:pho\s+)?truong\s+ban\s+$/;

/** "Trưởng ban phân công …" in the decision forming a committee: the committee, by its head's title as written. */
function headOfFormed(title: string, agencies: AgencyResolver): AgencyMention[] {
  const body = agencies.formedBody;
  if (!body || !COMMITTEE_HEAD.test(fold(title))) return [];
  const text = title.trimEnd();
  return [{ ...body, text, start: 0, end: text.length, means: body }];
}

const LIST_WINDOW = 320;
const FRAME_WINDOW = 640;

/**
 * Agencies listed at `text` start, a title before each one stepped over ("Giám đốc Sở Tài chính", "Thủ trưởng các
 * sở, ban, ngành"), departments enumerated after one head word counted each ("Giám đốc các Sở: Tư pháp, Y tế").
 * `f` is fold() of (the start of) `text`; `aligned`: offset by offset, so its slices are the folds of the slices.
 */
function listAt(text: string, f: string, aligned: boolean, agencies: AgencyResolver): AgencyMention[] {
  const out: AgencyMention[] = [];
  const catchAll = new Set<AgencyMention>();
  let pos = 0;
  for (let guard = 0; guard < 40; guard++) {
    const sep = /^(?:\s*(?:,|;|\bva\b)\s*)/.exec(f.slice(pos));
    let from = pos + (out.length && sep ? sep[0].length : 0);
    for (let bare = bareTitleLength(f.slice(from)); bare; bare = bareTitleLength(f.slice(from))) {
      if (!titleLength(f.slice(from + bare))) break;
      from += bare;
    }
    const title = titleLength(f.slice(from));
    const at = from + title;
    // An agency list is never longer than a few hundred characters: fold no more than that.
    const window = text.slice(at, at + LIST_WINDOW);
    // An enumeration's first field starts after its head word ("các Sở: Tư pháp").
    const folded = f.slice(at, at + LIST_WINDOW);
    const enumerated = agencies.enumerationAt(window, folded);
    // "Trưởng phòng Tổ chức cán bộ", "Trưởng phòng Phòng chống ma túy …": the head of the room of that name, its
    // word "Phòng" said by the title; "Trưởng phòng Phòng Tham mưu" writes the room whole.
    const room = ROOM_HEAD_TITLE.test(f.slice(from, at)) && !/^Phòng\s+\p{Lu}/u.test(window);
    const scanned = enumerated.length
      ? enumerated
      : title && OFFICE_AFTER_TITLE.test(window)
        ? [officeMention(window)]
        : room
          ? roomAfterTitle(window, agencies)
          : agencies.scanPrefix(window, true, aligned ? folded : undefined);
    const named = title ? withoutHeadsName(window, scanned, agencies) : scanned;
    const found =
      !named.length && title && !out.length ? headOfFormed(text.slice(from, at), agencies) : named;
    if (found !== named) {
      out.push(...found.map((m) => ({ ...m, start: from, end: from + m.text.length })));
      break;
    }
    if (!found.length || (!enumerated.length && found[0]!.start !== 0)) break;
    for (const m of found) out.push({ ...m, start: m.start + at, end: m.end + at });
    pos = out[out.length - 1]!.end;
    // "Thủ trưởng các sở, ban, ngành tỉnh có liên quan, Chủ tịch UBND các huyện …": the related ones of a class,
    // unnamed; the list goes on after the qualifier.
    const related = RELATED.exec(f.slice(pos));
    if (related && out[out.length - 1]!.type?.scope === 'collective') {
      catchAll.add(out[out.length - 1]!);
      pos += related[0].length;
    }
    if (!title && !titleLength(f.slice(pos).replace(/^\s*(?:,|;|va)\s*/, ''))) break;
  }
  // Beside the bodies a list names, its "the related ones" names no one more.
  return catchAll.size && out.some((m) => !catchAll.has(m)) ? out.filter((m) => !catchAll.has(m)) : out;
}

/**
 * "Phó Chủ tịch UBND tỉnh Nguyễn Thành Trung yêu cầu …": after a head's title the body's name ends before its head's
 * own name, which a scan of names as written reads on into.
 */
function withoutHeadsName(window: string, found: AgencyMention[], agencies: AgencyResolver): AgencyMention[] {
  const [first, ...others] = found;
  if (!first?.type || first.start !== 0) return found;
  const [known] = agencies.scanPrefix(window.slice(0, first.end));
  if (
    !known ||
    known.start !== 0 ||
    known.end >= first.end ||
    !isPersonName(window.slice(known.end, first.end))
  )
    return found;
  return [{ ...first, text: known.text, end: known.end }, ...others];
}

/** "có liên quan" after a class of bodies, before the list goes on (folded). */
const RELATED = /^\s+(?:co\s+)?lien\s+quan(?=\s*(?:,|;|\bva\b))/;

/**
 * A heading that names bodies by their heads' titles and nothing else ("Giám đốc Công an tỉnh", "Chủ tịch Ủy ban
 * nhân dân các xã, phường", "Giám đốc các Sở: Tư pháp, Y tế"): the bodies, the titles stepped over; else null.
 */
export function titledHeading(head: string, agencies: AgencyResolver): AgencyMention[] | null {
  const f = fold(head);
  if (f.length !== head.length || !titleLength(f)) return null;
  const found = listAt(head, f, true, agencies);
  const last = found[found.length - 1];
  return last && /^[\s.;,]*$/.test(head.slice(last.end)) ? found : null;
}

/**
 * The bodies listed at the start of `text`, each head's title stepped over ("Giám đốc Công an tỉnh và Chánh Văn
 * phòng UBND tỉnh"); empty when no agency opens it.
 */
export function agenciesAtStart(text: string, agencies: AgencyResolver): AgencyMention[] {
  const f = fold(text);
  return listAt(text, f, f.length === text.length, agencies);
}

/** Steering committees speak for the province in their own notices ("Ban Chỉ đạo 389 tỉnh yêu cầu …"). */
const COMMITTEES = new Set([
  'ban-chi-dao-389-tinh',
  'ban-chi-dao-phong-chong-toi-pham-tinh',
  'ban-chi-dao-389-cap-xa',
]);

/** Words between a subject and its verb that leave the verb its own ("có trách nhiệm", "tiếp tục", "chủ động"). */
const DUTY_ADVERB =
  /^(?:có trách nhiệm|chịu trách nhiệm|tiếp tục|chủ động|khẩn trương|thường xuyên|kịp thời)\s*,?\s+/u;
/** "Đối với Công an tỉnh, chủ trì …", "Riêng Sở Y tế, …": the bodies the rest of the sentence is about. */
const REGARDING = /^(?:doi voi|rieng)\s+/;

/** The mentions are the document's issuer, which speaks in it ("Sở Công Thương giao Phòng …" in the Sở's letter). */
function isSpeaker(subject: AgencyMention[], agencies: AgencyResolver): boolean {
  return (
    agencies.speakerTypeId !== null &&
    subject.length > 0 &&
    subject.every((x) => x.type?.id === agencies.speakerTypeId && !x.province)
  );
}

/** The sentence opens with the issuer handing work over: "Sở Công Thương giao Phòng …" in the Sở's own letter. */
export function issuerHandsOver(text: string, agencies: AgencyResolver): boolean {
  if (agencies.speakerTypeId === null) return false;
  const [first] = agencies.scanPrefix(text.slice(0, LIST_WINDOW));
  return (
    first !== undefined &&
    first.start === 0 &&
    isSpeaker([first], agencies) &&
    SPEAKS.test(text.slice(first.end).trimStart().slice(0, 20))
  );
}

/** Between the subject opening the sentence and `at`, the subject's own role verb ("chủ trì", "phối hợp" …). */
function takesRoleBefore(f: string, base: number, subject: AgencyMention[], at: number): boolean {
  const first = subject[0];
  if (!first || first.start !== 0) return false;
  const end = base + subject[subject.length - 1]!.end;
  return at > end && SUBJECT_ROLE.test(f.slice(end, at));
}
// "Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh …": a party body leads the state body it stands over; the
// work is the party body's.
const SUBJECT_ROLE =
  /^\s*(?:\([^)]*\)\s*)?(?:la co quan |la don vi )?(?:chu tri|phoi hop|co trach nhiem|chiu trach nhiem|lam dau moi|la dau moi|lanh dao)\b/;

/** The sentence opens with bodies below the issuer that hand work down ("<body> chỉ đạo / yêu cầu …"). */
function directsOwnUnits(
  text: string,
  f: string,
  subject: AgencyMention[],
  agencies: AgencyResolver,
): boolean {
  if (!subject.length || isSpeaker(subject, agencies)) return false;
  const end = subject[subject.length - 1]!.end;
  let skip = /^\s*(?:\([^)]{0,160}\)\s*)?/.exec(f.slice(end))![0].length;
  // "Sở X có trách nhiệm chỉ đạo …", "… tiếp tục chỉ đạo …": the duty is still the subject's own.
  for (let m = DUTY_ADVERB.exec(text.slice(end + skip)); m; m = DUTY_ADVERB.exec(text.slice(end + skip)))
    skip += m[0].length;
  return (
    SPEAKS.test(text.slice(end + skip, end + skip + 20)) &&
    subject.every(
      (x) =>
        // "UBND các tỉnh, thành phố … chỉ đạo Công an cấp tỉnh …": the provinces, tasked by a national document.
        x.provinces ||
        ministryAtWork(x, agencies) ||
        (x.type &&
          // A regional branch ("Ngân hàng Nhà nước Khu vực 5 chỉ đạo các ngân hàng …") directs its own sector.
          (x.type.scope === 'provincial' || x.type.scope === 'commune' || x.type.scope === 'regional') &&
          !SPEAKERS.has(x.type.id) &&
          !COMMITTEES.has(x.type.id)),
    )
  );
}

/**
 * listAt() from `at` of the frame's text; a function of the module, not a closure in frameOf(): a named closure
 * costs a defineProperty per call where names are kept (tsx).
 */
function listFrom(text: string, f: string, aligned: boolean, agencies: AgencyResolver, at: number) {
  return listAt(text.slice(at), f.slice(at), aligned, agencies);
}

/** "chủ trì năm 2025, " after a lead: its part of a lead that rotates (folded). */
const LEADS_IN_TURN = /^\s+chu tri\s+(?:trong\s+)?(?:nam|quy|giai doan|dot)\s[^,;:.]{1,40},\s*/;

/**
 * "Sở Tư pháp chủ trì năm 2025, Sở Nội vụ chủ trì năm 2026, phối hợp với …": leads in turn, each in its period; the
 * bodies after the first are subjects of the same sentence, and the role after the last one is theirs too. `found`
 * opens `text` (offsets in it).
 */
export function withRotatingLeads(
  text: string,
  found: AgencyMention[],
  agencies: AgencyResolver,
): AgencyMention[] {
  let out = found;
  for (let guard = 0; guard < 4 && out.length; guard++) {
    const end = out[out.length - 1]!.end;
    const turn = LEADS_IN_TURN.exec(fold(text.slice(end, end + 80)));
    if (!turn) break;
    const at = end + turn[0].length;
    const next = agenciesAtStart(text.slice(at, at + LIST_WINDOW), agencies);
    const last = next[next.length - 1];
    if (
      !last ||
      next[0]!.start !== 0 ||
      !/^\s+chu tri\b/.test(fold(text.slice(at + last.end, at + last.end + 12)))
    )
      break;
    out = [...out, ...next.map((x) => ({ ...x, start: x.start + at, end: x.end + at }))];
  }
  return out;
}

export function frameOf(text: string, agencies: AgencyResolver, subjectOnly = false): Frame | null {
  // A frame opens its sentence: the words past the first few hundred characters never decide it.
  const head = text.slice(0, FRAME_WINDOW);
  const aligned = foldAligned(head);
  const f = aligned ?? fold(head);
  const opener = OPENER.exec(f);
  let base = opener ? opener[0].length : 0;
  // "[speaker] giao/chỉ đạo/đề nghị <agencies> …": the agencies after the verb are assigned — unless the subject
  // is a body under the issuer directing its own units ("Chủ tịch UBND các huyện chỉ đạo UBND cấp xã …"): then
  // the work handed down is the subject's.
  // The subject's list is read once, and only when an assigning verb makes it matter.
  let subject: AgencyMention[] | undefined;
  ASSIGNING.lastIndex = subjectOnly ? f.length : Math.max(0, base - 1);
  for (let m = ASSIGNING.exec(f); m && m.index < base + 160; m = ASSIGNING.exec(f)) {
    const after = m.index + m[0].length;
    if (ASKS_ONLY_FIRST.has(m[1]!) && m.index > base) continue;
    if (/\b(?:duoc|da|vua|nhiem vu)\s*$/.test(f.slice(Math.max(0, m.index - 12), m.index + 1))) continue;
    const found = listFrom(text, f, aligned !== null, agencies, after);
    if (!found.length) continue;
    // The subject ends at the verb: a scan reads on through "đề nghị / yêu cầu / giao" into the bodies after it.
    subject ??= listFrom(text, f, aligned !== null, agencies, base).filter((x) => base + x.end <= m!.index);
    if (directsOwnUnits(text.slice(base), f.slice(base), subject, agencies)) break;
    // "Công an tỉnh chủ trì …, đấu tranh … và chỉ đạo Công an các huyện …": the subject took on the work before the
    // verb; what it directs is part of its own duty.
    if (takesRoleBefore(f, base, subject, m.index)) break;
    const end = found[found.length - 1]!.end;
    const mentions = found.map((x) => ({ ...x, start: x.start + after, end: x.end + after }));
    const requested = ASKS.has(m[1]!);
    const groups = [
      mentions,
      ...(requested ? askedInTurn(text, f, aligned !== null, agencies, after + end) : []),
    ];
    const last = groups[groups.length - 1]!;
    return {
      mentions: groups.flat(),
      requested,
      roleText: text.slice(last[last.length - 1]!.end),
      subject: false,
      ...(groups.length > 1
        ? {
            actions: groups.flatMap((g, k) =>
              g.map(() => actionBetween(text, g[g.length - 1]!.end, groups[k + 1]?.[0]!.start)),
            ),
          }
        : {}),
    };
  }
  const regarding = REGARDING.exec(f.slice(base));
  if (regarding) {
    const at = base + regarding[0].length;
    const about = listFrom(text, f, aligned !== null, agencies, at);
    const last = about[about.length - 1];
    const comma = last && /^\s*,\s*(?=\p{Ll})/u.exec(text.slice(at + last.end));
    if (last?.type && comma)
      return {
        mentions: about.map((x) => ({ ...x, start: x.start + at, end: x.end + at })),
        requested: false,
        roleText: text.slice(at + last.end + comma[0].length),
        subject: true,
      };
  }
  // "<agencies> chủ trì / phối hợp / có trách nhiệm / <verb> …": the subject takes on the work.
  let found = subject ?? listFrom(text, f, aligned !== null, agencies, base);
  if (!found.length && !opener) {
    // Any short adverbial before a comma may open the clause ("Để thực hiện mục tiêu trên,", "Năm 2026,"); the hour
    // of a day's event ("Chiều 12/8,") opens a report of it.
    const free = EVENT_TIME.test(f) ? 0 : freeOpenerEnd(f);
    const after = free ? listFrom(text, f, aligned !== null, agencies, free) : [];
    // Past an opener only a body we know opens the clause: "…, Bộ trưởng yêu cầu …" names no agency.
    if (after[0]?.type) {
      base = free;
      found = after;
    }
  }
  if (!found.length) return null;
  found = withRotatingLeads(text.slice(base), found, agencies);
  // A collective subject ("Các sở, ban, ngành …") names no one, unless the sentence addresses its heads
  // ("Thủ trưởng các sở, ban, ngành tỉnh chủ động …").
  if (
    found.every((x) => x.type && (EVERYONE.has(x.type.id) || x.type.scope === 'collective')) &&
    !(titleLength(f.slice(base)) && found.every((x) => !EVERYONE.has(x.type!.id)))
  )
    return null;
  const end = base + found[found.length - 1]!.end;
  let skip = /^\s*(?:\([^)]{0,160}\)\s*)?/.exec(f.slice(end))![0].length;
  skip += PLACE_AFTER.exec(text.slice(end + skip))?.[0].length ?? 0;
  const rest = f.slice(end + skip);
  // The action is written in lowercase ("… tăng cường"); a capital after the name is a heading line.
  if (
    !/^\p{Ll}/u.test(text.slice(end + skip)) ||
    REPORTS.test(text.slice(end + skip, end + skip + 20)) ||
    (SPEAKS.test(text.slice(end + skip, end + skip + 20)) &&
      (found.some(
        (x) =>
          (!x.type && !x.provinces) ||
          (x.type && SPEAKERS.has(x.type.id)) ||
          (x.type?.scope === 'national' && !ministryAtWork(x, agencies)),
      ) ||
        isSpeaker(found, agencies))) ||
    /^(?:cua|tai|ve|thuoc)\b/.test(rest)
  )
    return null;
  return {
    mentions: namingSomeone(found).map((x) => ({ ...x, start: x.start + base, end: x.end + base })),
    requested: false,
    roleText: text.slice(end),
    subject: true,
  };
}

/** A verb phrase that names no one: no capital, no clause punctuation. */
const PLAIN_ACTION = /^[^\p{Lu};:.()]+$/u;

/**
 * "Đề nghị Viện Kiểm sát nhân dân tỉnh đẩy nhanh tiến độ truy tố, Tòa án nhân dân tỉnh sớm đưa ra xét xử …": past a
 * requested body's action, bodies after a comma with a verb of their own are asked in turn. `from`: the end of the
 * bodies before; the bodies of each turn, in order, offsets in `text`.
 */
function askedInTurn(
  text: string,
  f: string,
  aligned: boolean,
  agencies: AgencyResolver,
  from: number,
): AgencyMention[][] {
  const out: AgencyMention[][] = [];
  for (let at = from; ;) {
    const comma = text.indexOf(',', at);
    if (comma < 0 || !PLAIN_ACTION.test(text.slice(at, comma)) || !text.slice(at, comma).trim()) return out;
    const start = comma + 1 + /^\s*/.exec(text.slice(comma + 1))![0].length;
    const found = listFrom(text, f, aligned, agencies, start);
    const last = found[found.length - 1];
    if (!last || found[0]!.start !== 0 || found.some((x) => !x.type)) return out;
    const end = start + last.end;
    if (!/^\s+\p{Ll}/u.test(text.slice(end)) || REPORTS.test(text.slice(end).trimStart())) return out;
    out.push(found.map((x) => ({ ...x, start: x.start + start, end: x.end + start })));
    at = end;
  }
}

/** The action written between two offsets (to the sentence's end when `to` is undefined), without its comma. */
function actionBetween(text: string, from: number, to: number | undefined): string {
  const written = to === undefined ? sentences(text.slice(from))[0]!.text : text.slice(from, to);
  return written.replace(/[\s,.;]+$/u, '').trim();
}

/**
 * "…, Chủ tịch UBND các huyện và Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm …": beside bodies it
 * names, a list's "everyone" names no one more.
 */
const NO_ONE = new Set([...EVERYONE, 'cac-co-quan-don-vi-lien-quan']);

function namingSomeone(found: AgencyMention[]): AgencyMention[] {
  const named = found.filter((x) => !x.type || !NO_ONE.has(x.type.id));
  return named.length > 0 ? named : found;
}
