/**
 * The item tree of a document's body: numbered items (Phần, Chương, Mục, Điều, I., 1., 2.3., a)) nest by their labels;
 * paragraphs and bullets under an item are its children; a text issued with the document after its articles (its
 * Quy chế) numbers again under its name; the closing formula ends the body.
 */
import { BULLET, PART_LABEL, type Block } from './blocks.js';
import { ATTACHMENT_HEAD } from './header.js';
import { docTypes } from './keys.js';
import { titleLength } from './titles.js';
import { fold } from '../text/normalize.js';

export interface Item {
  label: string;
  level: number;
  path: string;
  /** Text after the label. */
  text: string;
  /** The block that carries the label. */
  block: Block;
  /** For a top-level item: the lead-in paragraph just before it ("… đề nghị Công an tỉnh X như sau:"). */
  intro: Block | null;
  children: Block[];
  parent: Item | null;
}

export const LABEL = new RegExp(
  String.raw`^(${PART_LABEL}|Điều\s+\d{1,3}[.:]?|(?:[IVX]{1,4})\.|\d{1,2}(?:\.\d{1,2}){0,3}[.)]?|[a-zđ][.)])\s+(.*)$`,
  'su',
);
/** A paragraph that formally closes the body (". /." end mark or a closing formula). */
const CLOSING =
  /\.\/\.\s*$|^Căn cứ nội dung|^Văn phòng (?:UBND|Ủy ban nhân dân) (?:tỉnh|thành phố) (?:trân trọng )?thông báo|^Trên đây là/u;
/**
 * "UBND tỉnh đề nghị / yêu cầu …" closes the body when it asks for the whole text to be carried out ("… nghiêm túc
 * triển khai", "… thực hiện các nội dung trên"); otherwise it hands one body its own work ("UBND tỉnh đề nghị Ủy ban
 * MTTQ tỉnh tuyên truyền …") and is an assignment like any other.
 */
const COMMITTEE_ASKS =
  /^(?:Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân)\s+(?:tỉnh|thành phố)\s+(?:đề nghị|yêu cầu)\s/u;
const CARRY_OUT =
  /nghiêm túc|(?:thực hiện|triển khai)[^.;]{0,80}?(?:này|nêu trên|trên đây|các nội dung trên|như trên)/u;
const closes = (text: string) => CLOSING.test(text) || (COMMITTEE_ASKS.test(text) && CARRY_OUT.test(text));

const APPENDIX_HEAD = /^phụ lục(?:\s+(?:[IVX]{1,4}|\d{1,2}))?\s*(?:[:.–-].*)?$/iu;
const APPENDIX_TITLE = /^PHỤ LỤC\s+[^\p{Ll}]+$/u;
/**
 * "PHỤ LỤC", "PHỤ LỤC I", "Phụ lục 2: Phân công nhiệm vụ", "PHỤ LỤC PHÂN CÔNG NHIỆM VỤ" (its title in capitals on the
 * same line): an appendix (its tables assign work, tables.ts), no part of the item before it.
 */
export const isAppendixHead = (line: string): boolean =>
  APPENDIX_HEAD.test(line) || APPENDIX_TITLE.test(line);

/** A paragraph that opens by handing work to the bodies named next ("Giao Sở Tư pháp …"). */
const HANDS_OVER = /^Giao\s+\p{Lu}/u;
/** The execution clause of a decision, in a paragraph of its own after its article: "… chịu trách nhiệm thi hành …/.". */
const EXECUTES = /chịu trách nhiệm thi hành/u;

/**
 * The closing paragraph sets the heads it names to work: the execution clause ("… chịu trách nhiệm thi hành …/."),
 * or heads named by their titles carrying the text out ("Thủ trưởng các sở, ban, ngành và Chủ tịch UBND các huyện
 * nghiêm túc thực hiện Chỉ thị này; báo cáo … trước ngày …/.").
 */
const headsAtWork = (text: string): boolean =>
  EXECUTES.test(text) || titleLength(fold(text.slice(0, 40))) > 0;

function labelLevel(label: string): number {
  if (/^(?:Phần|PHẦN)/u.test(label)) return -3;
  if (/^(?:Chương|CHƯƠNG)/u.test(label)) return -2;
  if (/^(?:Mục|MỤC)/u.test(label)) return -1;
  if (/^Điều/u.test(label)) return 0;
  if (/^[IVX]+\.$/.test(label)) return 1;
  if (/^[a-zđ][.)]$/u.test(label)) return 10;
  return 1 + label.replace(/[.)]$/, '').split('.').length;
}

/** "QUY CHẾ" → "Quy chế": the type's name as the data writes it. */
const titleCaseType = (head: string): string =>
  docTypes().types.find((t) => t.name.toUpperCase() === head)?.name ?? head;

const cleanLabel = (label: string) => label.replace(/[.):]$/, '').replace(/\s+/g, ' ');

export interface ItemTree {
  items: Item[];
  /** Body blocks outside any numbered item (preamble, lead-ins, un-numbered bullet lists). */
  orphans: Block[];
}

/** Builds the item tree over the body blocks; items in document order. */
export function parseItems(blocks: Block[]): ItemTree {
  const items: Item[] = [];
  const orphans: Block[] = [];
  const stack: Item[] = [];
  let closed = false;
  let lastOrphan: Block | null = null;
  let attachment: string | null = null;
  for (const block of blocks) {
    const m = LABEL.exec(block.text);
    // Sub-labels like "2.3" only count when they are really nested numbering, not a decimal figure.
    if (m && !(/^\d+\.\d+$/.test(m[1]!) && !/^\p{Lu}/u.test(m[2]!))) {
      const label = cleanLabel(m[1]!);
      const level = labelLevel(m[1]!);
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      const parent = stack[stack.length - 1] ?? null;
      const top = attachment ? `${attachment} > ${label}` : label;
      const item: Item = {
        label,
        level,
        path: parent ? `${parent.path} > ${label}` : top,
        text: m[2]!.trim(),
        block,
        intro: parent ? null : lastOrphan && /:$/.test(lastOrphan.text) ? lastOrphan : null,
        children: [],
        parent,
      };
      items.push(item);
      stack.push(item);
      closed = false;
      continue;
    }
    const appendix = items.length > 0 && isAppendixHead(block.lines[0]!);
    if (appendix || (items.length > 0 && ATTACHMENT_HEAD.test(block.lines[0]!))) {
      // A text issued with the document (its Quy chế, its Kế hoạch, an appendix) after its articles: numbering
      // starts again under its name. Before any item the line is the enacting word ("QUYẾT ĐỊNH").
      stack.length = 0;
      attachment = appendix ? 'Phụ lục' : titleCaseType(block.lines[0]!);
      closed = false;
      orphans.push(block);
      lastOrphan = block;
      continue;
    }
    if (closed) continue;
    if (closes(block.text) && !BULLET.test(block.text)) {
      closed = true;
      // "… triển khai thực hiện nghiêm túc./.": the end mark closes the body after this paragraph's own words.
      // Under numbered items the last paragraph is the closing; in prose it may be the last assignment, and so it
      // is after the items when it hands work over in words ("Giao Công an tỉnh theo dõi, tổng hợp …/.").
      const formula = closes(block.text.replace(/\.\/\.\s*$/, '.'));
      if (formula || (stack.length && !HANDS_OVER.test(block.text) && !headsAtWork(block.text))) {
        stack.length = 0;
        continue;
      }
      stack.length = 0;
    }
    // The issuing committee speaking for itself after the items ("UBND tỉnh đề nghị Ủy ban MTTQ tỉnh …") hands
    // work to the body it names, not to the last item's agency.
    if (COMMITTEE_ASKS.test(block.text) && !BULLET.test(block.text)) stack.length = 0;
    const current = stack[stack.length - 1];
    if (!current) {
      orphans.push(block);
      lastOrphan = block;
      continue;
    }
    // "+" lines are sub-points of the "-" bullet above them, not duties of their own.
    const previous = current.children[current.children.length - 1];
    if (/^\+\s/.test(block.text) && previous && /^[-–•]\s/.test(previous.text)) {
      current.children[current.children.length - 1] = {
        ...previous,
        text: `${previous.text} ${block.text}`,
        end: block.end,
      };
    } else {
      current.children.push(block);
    }
  }
  return { items, orphans };
}
