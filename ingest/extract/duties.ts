/**
 * Assignment items → duties. Items are numbered (I., 1., 2.3., a)) and nest by their labels; an item
 * addresses agencies by its heading ("4. Ngân hàng Nhà nước Khu vực 5: …", "2. Công an tỉnh"), by
 * "Đề nghị …" (requested), by "Giao …" in prose, or by opening with agency names. Bullets and
 * paragraphs inside an item are its duties; nested items inherit the agencies of their parent.
 */
import type { Role } from '../schema.js';
import { fold, squash } from '../text/normalize.js';
import type { AgencyMention, AgencyResolver } from './agencies.js';
import { BULLET, type Block } from './blocks.js';

export interface Item {
  label: string;
  level: number;
  path: string;
  /** Text after the label. */
  text: string;
  /** The block that carries the label. */
  block: Block;
  children: Block[];
  parent: Item | null;
}

export interface RawDuty {
  path: string;
  heading: string | null;
  text: string;
  agencies: { mention: AgencyMention; role: Role }[];
}

const LABEL = /^((?:[IVX]{1,4})\.|\d{1,2}(?:\.\d{1,2}){0,3}[.)]?|[a-zđ]\))\s+(.*)$/su;
/** A paragraph that formally closes the body (". /." end mark or a closing formula). */
const CLOSING =
  /\.\/\.\s*$|^(?:UBND tỉnh|Ủy ban nhân dân tỉnh|Chủ tịch UBND tỉnh)\s+(?:đề nghị|yêu cầu)|^Căn cứ nội dung|^Văn phòng (?:UBND|Ủy ban nhân dân) tỉnh (?:trân trọng )?thông báo|^Trên đây là/u;

function labelLevel(label: string): number {
  if (/^[IVX]+\.$/.test(label)) return 1;
  if (/^[a-zđ]\)$/u.test(label)) return 10;
  return 1 + label.replace(/[.)]$/, '').split('.').length;
}

const cleanLabel = (label: string) => label.replace(/[.)]$/, '');

/** Builds the item tree over the body blocks; returns items in document order. */
export function parseItems(blocks: Block[]): Item[] {
  const items: Item[] = [];
  const stack: Item[] = [];
  let closed = false;
  for (const block of blocks) {
    const m = LABEL.exec(block.text);
    // Sub-labels like "2.3" only count when they are really nested numbering, not a decimal figure.
    if (m && !(/^\d+\.\d+$/.test(m[1]!) && !/^\p{Lu}/u.test(m[2]!))) {
      const label = cleanLabel(m[1]!);
      const level = labelLevel(m[1]!);
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      const parent = stack[stack.length - 1] ?? null;
      const item: Item = {
        label,
        level,
        path: parent ? `${parent.path} > ${label}` : label,
        text: m[2]!.trim(),
        block,
        children: [],
        parent,
      };
      items.push(item);
      stack.push(item);
      closed = false;
      continue;
    }
    if (closed) continue;
    if (CLOSING.test(block.text) && !BULLET.test(block.text)) {
      closed = true;
      stack.length = 0;
      continue;
    }
    stack[stack.length - 1]?.children.push(block);
  }
  return items;
}

/** Role of an agency for one duty text. */
export function roleFor(text: string, requested: boolean): Role {
  if (requested) return 'requested';
  // The item's own verb decides: "Chủ trì, …" leads; "Chỉ đạo lực lượng X chủ trì …" is a plain duty.
  const opener = fold(text).replace(/^(?:chu dong|tich cuc|tiep tuc|thuong xuyen|khan truong)\s+/, '');
  if (/^phoi hop\b/.test(opener)) return 'support';
  if (/^chu tri\b/.test(opener)) return 'lead';
  return 'assigned';
}

interface Addressed {
  mentions: AgencyMention[];
  requested: boolean;
  heading: string | null;
  /** Text of the item after the addressee heading. */
  rest: string;
}

/** Who an item addresses, from its own text. */
function addressees(item: Item, agencies: AgencyResolver): Addressed | null {
  const text = item.text;
  const requested = /^Đề nghị(?![\p{L}])/u.test(text);
  const colon = text.indexOf(':');
  if (colon > 0 && colon < 220) {
    const head = text.slice(0, colon);
    const list = agencies.parseList(head);
    if (list) return { mentions: list, requested, heading: squash(head), rest: text.slice(colon + 1).trim() };
  }
  if (colon < 0 && text.length <= 160 && !/[.;]$/.test(text)) {
    const list = agencies.parseList(text);
    if (list) return { mentions: list, requested, heading: squash(text), rest: '' };
  }
  // Prose: "Giao Công an tỉnh …", "Đề nghị Viện kiểm sát …", or an item that opens with agency names.
  const prose = /^(?:Giao|Đề nghị)\s+/u.exec(text);
  const start = prose ? prose[0].length : 0;
  const prefix = agencies.scanPrefix(text.slice(start));
  if (prefix.length && prefix[0]!.start === 0) {
    const last = prefix[prefix.length - 1]!;
    const rest = text.slice(start + last.end);
    // An agency name must be followed by the action, not be the object of a sentence about something else.
    if (/^\s*(?:\([^)]*\)\s*)?(?:,|:|\p{Ll}|\p{Lu}\p{Ll}*\s+\p{Ll})/u.test(rest)) {
      return { mentions: prefix, requested, heading: null, rest: text };
    }
  }
  return null;
}

export function extractDuties(items: Item[], agencies: AgencyResolver): RawDuty[] {
  const duties: RawDuty[] = [];
  const byItem = new Map<Item, Addressed>();
  for (const item of items) {
    const own = addressees(item, agencies);
    let inherited: Addressed | null = null;
    for (let p = item.parent; p && !inherited; p = p.parent) inherited = byItem.get(p) ?? null;
    const addressed = own ?? (inherited && { ...inherited, heading: null, rest: item.text });
    if (!addressed) continue;
    byItem.set(item, addressed);

    const segments: string[] = [];
    if (addressed.rest) segments.push(addressed.rest);
    for (const child of item.children) segments.push(child.text.replace(/^[-–+•]\s+/, ''));
    const texts = segments.map(squash).filter((s) => s.length > 2);
    const withPaths = texts.length === 1 ? [{ path: item.path, text: texts[0]! }] : texts.map((text, i) => ({ path: `${item.path}#${i + 1}`, text }));
    for (const { path, text } of withPaths) {
      const role = roleFor(text, addressed.requested);
      const assigned = addressed.mentions.map((mention) => ({ mention, role }));
      // "X chủ trì, phối hợp với Y": Y supports the duty X leads.
      const partners = role === 'lead' ? agencies.scanPartners(text).filter((p) => p.type?.scope !== 'collective') : [];
      duties.push({
        path,
        heading: addressed.heading,
        text,
        agencies: [...assigned, ...partners.map((mention) => ({ mention, role: 'support' as const }))],
      });
    }
  }
  return duties;
}
