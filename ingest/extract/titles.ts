/**
 * Titles of the heads of bodies (data/official-titles.json): in an assignment the head stands for the body
 * ("Giám đốc Sở Y tế khẩn trương …", "phối hợp với Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"), so the title is
 * stepped over and the body after it is the agency.
 */
import { z } from 'zod';
import titlesData from '../../data/official-titles.json' with { type: 'json' };
import { fold } from '../text/normalize.js';

const TitlesFile = z.object({
  honorifics: z.array(z.string()),
  titles: z.array(z.string()).min(1),
  seats: z.array(z.string()).min(1),
  surnames: z.array(z.string()).min(1),
});
const titles = TitlesFile.parse(titlesData);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Folded words as a regex alternation, longest first. */
const alternation = (words: string[]): string =>
  words
    .map((t) => fold(t))
    .sort((a, b) => b.length - a.length)
    .map((t) => escape(t).replace(/ +/g, '\\s+'))
    .join('|');

/** A title at the start of a folded string, after an honorific if any ("đồng chí"), with the spaces after it. */
const TITLE = new RegExp(
  `^(?:(?:${alternation(titles.honorifics)})\\s+)?(?:${alternation(titles.titles)})\\s+`,
);

/** Length of the title (and the spaces after it) opening the folded string `f`, or 0. */
export function titleLength(f: string): number {
  return TITLE.exec(f)?.[0].length ?? 0;
}

/**
 * A head named by the title alone, or over a class of bodies no agency type names, then the list's separator
 * ("bộ trưởng, ", "thủ trưởng cơ quan ngang bộ, " in "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, … Chủ tịch UBND các
 * tỉnh … chịu trách nhiệm thi hành"): stepped over, so the list goes on to the bodies it does name.
 */
const BARE_TITLE = new RegExp(
  `^(?:${alternation(titles.titles)})(?:\\s+co\\s+quan\\s+[^,;.:()]{1,40}?)?\\s*(?:,|\\bva\\b)\\s*`,
);

/** Length of a bare head and its separator opening the folded string `f`, or 0. */
export function bareTitleLength(f: string): number {
  return BARE_TITLE.exec(f)?.[0].length ?? 0;
}

/** A person's name, whole: a family name, then one to three capitalized syllables. */
const PERSON_NAME = new RegExp(`^(?:${titles.surnames.join('|')})(?:\\s+\\p{Lu}\\p{Ll}*){1,3}$`, 'u');

/** `text` (trimmed) is a person's name ("Nguyễn Thành Trung"). */
export function isPersonName(text: string): boolean {
  return PERSON_NAME.test(text.trim());
}

/**
 * A member list's line: a person, their post, then a dash and their seat on the committee ("Ông A, Giám đốc Công an
 * tỉnh – Phó Trưởng ban thường trực;"). Folded; the comma after the name is required, so a task never reads as one.
 */
const SEAT_LINE = new RegExp(
  `^[^,;:]{3,80},[^;:]{3,200}\\s[-–]\\s*(?:${alternation(titles.seats)})(?:\\s+thuong\\s+truc)?\\s*[;.,]?$`,
);

/** The folded line `f` gives a member's seat on a committee, no task. */
export function isSeatLine(f: string): boolean {
  return SEAT_LINE.test(f.trim());
}
