/**
 * Where an agency name ends, as written: the words that open an agency name, the verbs that begin the action
 * after it, and the proper-name tails ("Tân Lập - Đông Sơn", "số 3") that belong to it. Used by the resolver
 * (agencies.ts); compared on the lowercased text with its diacritics.
 */
import { fold, lower } from '../text/normalize.js';
import { capitalizedCompounds } from './agency-types.js';
import { titleLength } from './titles.js';

/**
 * Words that open an agency name in Vietnamese administration. Used for bodies we have no type for,
 * only where the text delimits the name (an item heading ending in ":").
 */
const HEAD_WORDS = [
  'sở',
  'ban',
  'bộ',
  'cục',
  'chi cục',
  'tổng cục',
  'công an',
  'viện',
  'tòa án',
  'ngân hàng',
  'kho bạc',
  'thuế',
  'hải quan',
  'báo',
  'đài',
  'ủy ban',
  'ubnd',
  'mặt trận',
  'hội',
  'đoàn',
  'liên đoàn',
  'văn phòng',
  'thanh tra',
  'trung tâm',
  'cảnh sát',
  'bộ chỉ huy',
  'ban chỉ huy',
  'cơ quan',
  'phòng',
  'trường',
  'học viện',
  'đội',
  'tỉnh đoàn',
  'bệnh viện',
  'cơ sở cai nghiện',
  'cảng vụ',
  'kiểm toán',
  'bảo hiểm',
  'tập đoàn',
  'tổng công ty',
  'công ty',
  'liên minh',
  'quân khu',
];
// Tested on the lowercased text with its diacritics: folded, "Đối tượng" would pass for "Đội".
// "Ban hành" (to issue) opens a sentence, not a "Ban" (board).
// "Trường hợp" (in case) opens a clause, not a "Trường" (school); "Báo cáo" (a report) is no "Báo" (newspaper).
const NOT_A_HEAD = 'ban hành|trường hợp|báo cáo';
export const HEAD_WORD = new RegExp(`^(?!${NOT_A_HEAD})(?:${HEAD_WORDS.join('|')})(?![\\p{L}\\d])`, 'u');

/**
 * Teams a document sets up and tasks ("Tổ công tác", "Tổ công tác liên ngành"); never "Tổ" alone, which opens
 * "Tổ chức …" (to organise).
 */
const TASK_FORCES = ['tổ công tác', 'tổ liên ngành', 'tổ kiểm tra', 'tổ giúp việc', 'tổ thư ký'];

const TASK_FORCE_HEAD = new RegExp(`^(?:${TASK_FORCES.join('|')})$`, 'u');

/** Enterprises that documents task by name, by the brand their provincial branches carry ("Viettel Tuyên Quang"). */
const COMPANIES = ['viettel', 'vnpt', 'mobifone', 'vinaphone', 'vietnamobile', 'bưu điện'];

/**
 * End of an agency name we have no type for, starting at `pos`: it must open with an agency word written
 * with a capital ("Cảng vụ", "Chi cục", "Văn phòng"); it runs until the action begins. Vietnamese capitalizes
 * only the first syllable of a word ("Kiểm lâm", "Hàng hải"), so case alone cannot end it: the verbs and
 * function words that start the rest of the clause do.
 */
const NAMED_HEAD = new RegExp(
  `^(?!${NOT_A_HEAD})(?:${[...HEAD_WORDS, 'cảng vụ', 'hạt', 'ban quản lý', 'chi nhánh', 'đồn', 'trạm', 'hải đội', ...TASK_FORCES, ...COMPANIES].join('|')})(?![\\p{L}\\d])`,
  'u',
);

/** The kind word of a commune, lowercased: "xã", "phường"; "thị trấn" and "đặc khu" are read by their first syllable. */
const COMMUNE_KIND = /^(?:xã|phường)$/u;

/**
 * A known provincial body's name followed by a commune's kind word and nothing of a name ("Ủy ban Mặt trận Tổ quốc Việt
 * Nam phường", "Hội Liên hiệp Phụ nữ xã"): the commune-level body; the end past that word, else `end`.
 */
export function communeKindEnd(text: string, end: number): number {
  // Not "xã hội" (society), nor a commune's own name after the word ("phường Từ Sơn").
  const m = /^\s+(?:xã(?!\s+hội)|phường|thị trấn|đặc khu)(?![\p{L}\d])(?!\s+\p{Lu})/u.exec(
    text.slice(end, end + 24),
  );
  return m ? end + m[0].length : end;
}

/**
 * A district's kind word after a provincial body's name, and no district name after it ("Viện kiểm sát nhân dân
 * huyện" in a district's document): the end past that word, else `end`.
 */
export function districtKindEnd(text: string, end: number): number {
  const m = /^\s+(?:huyện|quận|thị xã)(?![\p{L}\d])(?!\s+\p{Lu})/u.exec(text.slice(end, end + 16));
  return m ? end + m[0].length : end;
}

/**
 * How much of a name's start decides NAMED_HEAD: its longest word and the character after it, with room to spare
 * (the text is normalized, so lowercasing a start is the start of the lowercased text).
 */
const NAMED_HEAD_REACH = 48;

export function genericNameEnd(text: string, pos: number): number {
  const rest = text.slice(pos, pos + 160);
  if (!/^\p{Lu}/u.test(rest)) return pos;
  // Most starts have no agency word: that is read first, the head's title only after one.
  const head = NAMED_HEAD.exec(lower(rest.slice(0, NAMED_HEAD_REACH)));
  // "Hải đội trưởng Hải đội …", "Đồn trưởng …": a head's title, not a unit's name.
  if (!head || titleLength(fold(rest.slice(0, 40)))) return pos;
  const headEnd = head[0].length;
  let end = headEnd;
  const word = /^\s+(?:-\s+)?([\p{L}\d]+)/u;
  let capitals = 0;
  for (let syllables = 0; syllables < 20; syllables++) {
    // "Đội Kiểm soát phòng, chống ma túy": the set phrase "phòng, chống" goes on past its comma.
    const against = /phòng$/u.test(lower(rest.slice(0, end)))
      ? /^,\s*chống(?![\p{L}\d])/u.exec(rest.slice(end))
      : null;
    // "Phòng Thanh tra, giám sát 1": a numbered room's field may hold a comma; the number closes the name.
    const past = against ?? NUMBERED_FIELD.exec(rest.slice(end));
    if (past) {
      end += past[0].length;
      continue;
    }
    const m = word.exec(rest.slice(end));
    const nextWord = word.exec(rest.slice(end + (m?.[0].length ?? 0)))?.[1] ?? '';
    const one = lower(m?.[1] ?? '');
    const two = `${one} ${lower(nextWord)}`;
    // "Phòng Văn hóa và Thông tin", "Phòng Lao động - Thương binh và Xã hội": "và" before a capitalized field of the
    // same name; before an agency word ("và Sở Y tế") it joins another body.
    if (one === 'và' && /^\p{Lu}/u.test(nextWord) && /\p{Ll}$/u.test(rest.slice(0, end))) {
      const after = end + m![0].length + 1;
      if (!NAMED_HEAD.test(lower(rest.slice(after, after + NAMED_HEAD_REACH)))) {
        end += m![0].length;
        continue;
      }
    }
    // A capitalized syllable is part of the name ("Tân Lập"), whatever the word means in lowercase.
    const capital = !!m && /^\p{Lu}/u.test(m[1]!);
    if (
      !m ||
      (!capital && (startsAction(one) || startsAction(two)) && !continuesName(lower(rest.slice(0, end)), two))
    )
      break;
    // "Ban Chỉ huy Quân sự phường", "Đoàn Thanh niên … Hồ Chí Minh phường": a commune's kind word, unnamed, ends
    // the name ("… phường thành lập …"); followed by its name ("phường Từ Sơn") the name goes on.
    if (!capital && COMMUNE_KIND.test(one) && two !== 'xã hội' && !/^\p{Lu}/u.test(nextWord)) {
      end += m[0].length;
      break;
    }
    // After a place name ("cửa khẩu Cha Lo"), lowercase words are the action ("mở đợt …") unless another
    // capitalized syllable follows; a single capital opens a unit's own name ("Đội Kiểm soát phòng, chống …").
    if (!capital && capitals >= 2 && !/^\p{Lu}/u.test(nextWord) && !endsCompound(rest.slice(0, end), one))
      break;
    capitals = capital ? capitals + 1 : 0;
    end += m[0].length;
  }
  // A head word alone ("Cơ quan" before "điều tra …") names no particular body; a task force's does ("Tổ công tác").
  return end > headEnd || TASK_FORCE_HEAD.test(head[0]) ? pos + end : pos;
}

/** A comma, then lowercase words closed by a room's number (", giám sát 1"), before the action or punctuation. */
const NUMBERED_FIELD = /^,\s*(?:\p{Ll}+\s+){1,3}\d{1,2}(?=[\s,;.:)]|$)/u;

/**
 * A unit's name goes on through words that elsewhere begin the action: "Cảnh sát điều tra …", "Cảnh sát quản lý
 * hành chính …", "… tội phạm về ma túy", "… hành chính về trật tự xã hội", "… ma túy và tội phạm".
 */
function continuesName(nameSoFar: string, next: string): boolean {
  // "Phòng Phòng chống ma túy và tội phạm", "Đội Đặc nhiệm phòng, chống ma túy và tội phạm" (border guard units).
  if (/ma túy$/u.test(nameSoFar) && next === 'và tội') return true;
  if (/cảnh sát$/u.test(nameSoFar)) return /^(?:điều tra|quản lý|phòng)(?: |$)/u.test(next);
  return /cảnh sát/u.test(nameSoFar) && /(?:tội phạm|hành chính)$/u.test(nameSoFar) && /^về /u.test(next);
}

/** A word (or two) that begins the action after a name. */
function startsAction(w: string): boolean {
  return ACTION_START.has(w) || NAME_STOP.has(w);
}

/** Words that begin the clause after a name even when capitalized ("Công an tỉnh Chủ trì …" in a heading). */
const NAME_STOP = new Set([
  'chủ trì',
  'phối hợp',
  'có trách nhiệm',
  'chịu trách nhiệm',
  // Names end where a phrase begins, read one or two syllables ahead.
  'chịu trách',
  'là',
  'có',
  'đã',
  'được',
]);

/**
 * Extends a known agency over the rest of its proper name as written: capitalized words ("Tân Lập"), " - " joins
 * ("Đài Phát thanh - Truyền hình Đông Sơn", "cửa khẩu Tân Lập - Đông Sơn"), a lowercase syllable between two
 * capitalized ones ("Truyền hình Đông Sơn"), and a unit number ("số 3", "khu vực 2").
 */
export function extendName(text: string, end: number): number {
  const word = /^\s+(-\s+)?([\p{L}\d]+)/u;
  let pos = end;
  let kept = end;
  let capitalized = false;
  for (let n = 0; n < 10; n++) {
    const m = word.exec(text.slice(pos, pos + 40));
    if (!m) break;
    const w = m[2]!;
    const next = word.exec(text.slice(pos + m[0].length, pos + m[0].length + 40))?.[2] ?? '';
    const low = lower(w);
    if (/^\d{1,3}$/.test(next) && (low === 'số' || low === 'khu') && !m[1]) {
      pos += m[0].length;
      continue;
    }
    if (/^\d{1,3}$|^[IVX]{1,4}$/.test(w) && /(?:số|khu vực)$/u.test(lower(text.slice(kept, pos)))) {
      pos += m[0].length;
      kept = pos;
      continue;
    }
    if (low === 'vực' && /^\d{1,3}$|^[IVX]{1,4}$/.test(next)) {
      pos += m[0].length;
      continue;
    }
    const isCap = /^\p{Lu}/u.test(w);
    const stop =
      NAME_STOP.has(low) || NAME_STOP.has(`${low} ${lower(next)}`) || (!isCap && ACTION_START.has(low));
    if (stop && !m[1]) break;
    if (isCap || (m[1] && !stop)) {
      pos += m[0].length;
      kept = pos;
      capitalized = true;
      continue;
    }
    // A lowercase syllable of a capitalized word ("Truyền hình") only between capitalized ones, or where the two
    // make a word of an agency's name ("… Bộ Công an").
    if (capitalized && /^\p{Lu}/u.test(next)) {
      pos += m[0].length;
      continue;
    }
    if (capitalized && pos === kept && endsCompound(text.slice(0, pos), low)) {
      pos += m[0].length;
      kept = pos;
      continue;
    }
    break;
  }
  return kept;
}

/** `lowSyllable` after the capitalized word ending `before` makes a word of an agency's name ("Công" + "an"). */
function endsCompound(before: string, lowSyllable: string): boolean {
  const prev = /(\p{Lu}\p{Ll}*)$/u.exec(before.slice(-16))?.[1];
  return !!prev && capitalizedCompounds().has(`${lower(prev)} ${lowSyllable}`);
}

/**
 * Syllables (and two-syllable verbs) that begin the action after an agency name. Compared with their
 * diacritics: folded, "làm" (do) would cut "Kiểm lâm" (forestry).
 */
const ACTION_START = new Set([
  'và',
  // "Thanh tra việc thực hiện …" (to inspect the carrying out of …): no body's name goes on with "việc".
  'việc',
  'các',
  'trong',
  'để',
  'nhằm',
  'về',
  'tại',
  'theo',
  'cùng',
  'với',
  'thực hiện',
  'triển khai',
  'tổ chức',
  'rà soát',
  'tuần tra',
  'xử lý',
  'biên soạn',
  'truy xét',
  'kiểm tra',
  'điều tra',
  'hướng dẫn',
  'tuyên truyền',
  'theo dõi',
  'báo cáo',
  'xây dựng',
  'tham mưu',
  'phát hiện',
  'ngăn chặn',
  'giải quyết',
  'quản lý',
  'trao đổi',
  'cung cấp',
  'xác minh',
  'đấu tranh',
  'tăng cường',
  'chỉ đạo',
  'lãnh đạo',
  'đôn đốc',
  'bảo đảm',
  'đảm bảo',
  'kiểm soát',
  'đề xuất',
  'thu thập',
  'làm',
  'nắm',
  'đánh giá',
  'tổng hợp',
  'xử phạt',
  'bắt giữ',
  'giám sát',
  'thanh tra',
  'hỗ trợ',
  'tiếp nhận',
  'lập',
  'đăng tải',
  'cập nhật',
  'bố trí',
  'cử',
  'chuẩn bị',
  'nghiên cứu',
  'duy trì',
  'phát động',
  'tiếp tục',
  'chủ động',
  'khẩn trương',
  'thường xuyên',
  'kịp thời',
  'khi',
  'thành lập',
  'giải tán',
  'soi chiếu',
  'tiến hành',
  'đẩy nhanh',
  'nắm bắt',
  'ngăn ngừa',
  'phát huy',
]);

/** Extends a match over a following proper name: capitalized words (and " - ") up to a separator. */
export function properNameEnd(text: string, end: number): number {
  const m = /^(?:\s+(?:-\s+)?\p{Lu}[\p{L}\d]*)+/u.exec(text.slice(end));
  return m ? end + m[0].length : end;
}

/**
 * A list member that reads like a name OCR garbled past recognition ("Ngân bàng Nhà nước", "Cô gan tỉnh"): it opens
 * with a capital, runs a few words at most, and none of its lowercase words begins an action or a role, so a
 * clause between two agencies ("các cơ quan liên quan tổ chức kiểm tra", "chủ trì") never passes for one.
 */
export function looksLikeName(piece: string): boolean {
  const words = piece.match(/[\p{L}\d]+/gu) ?? [];
  if (!/^\p{Lu}/u.test(piece) || words.length === 0 || words.length > 7) return false;
  return words.every((w, i) => {
    if (/^\p{Lu}/u.test(w)) return true;
    const one = lower(w);
    const two = `${one} ${lower(words[i + 1] ?? '')}`;
    return !ACTION_START.has(one) && !ACTION_START.has(two) && !NAME_STOP.has(one) && !NAME_STOP.has(two);
  });
}

/**
 * "Đội Quản lý thị trường cơ động chủ trì …": a team's lowercase descriptor ("cơ động", "đặc nhiệm") between its
 * name and its role is part of the name. Returns the end past it, or `end`.
 */
const TEAM_DESCRIPTOR =
  /^(?:\s+\p{Ll}+){1,2}(?=\s+(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|là cơ quan|là đơn vị)(?![\p{L}\d]))/u;
const NOT_DESCRIPTOR =
  /(?:^|\s)(?:tiếp tục|chủ động|khẩn trương|thường xuyên|kịp thời|cần|phải|sẽ|đã|cùng|và|được)(?:\s|$)/u;

export function teamDescriptorEnd(text: string, end: number): number {
  const m = TEAM_DESCRIPTOR.exec(text.slice(end, end + 40));
  return m && !NOT_DESCRIPTOR.test(`${m[0]} `) ? end + m[0].length : end;
}
