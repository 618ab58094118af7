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
  /** For a top-level item: the lead-in paragraph just before it ("… đề nghị Công an tỉnh X như sau:"). */
  intro: Block | null;
  children: Block[];
  parent: Item | null;
}

export interface RawDuty {
  path: string;
  heading: string | null;
  text: string;
  agencies: { mention: AgencyMention; role: Role }[];
}

const LABEL = /^(Điều\s+\d{1,3}[.:]?|(?:[IVX]{1,4})\.|\d{1,2}(?:\.\d{1,2}){0,3}[.)]?|[a-zđ]\))\s+(.*)$/su;
/** A paragraph that formally closes the body (". /." end mark or a closing formula). */
const CLOSING =
  /\.\/\.\s*$|^(?:UBND tỉnh|Ủy ban nhân dân tỉnh|Chủ tịch UBND tỉnh)\s+(?:đề nghị|yêu cầu)|^Căn cứ nội dung|^Văn phòng (?:UBND|Ủy ban nhân dân) tỉnh (?:trân trọng )?thông báo|^Trên đây là/u;

function labelLevel(label: string): number {
  if (/^Điều/u.test(label)) return 0;
  if (/^[IVX]+\.$/.test(label)) return 1;
  if (/^[a-zđ]\)$/u.test(label)) return 10;
  return 1 + label.replace(/[.)]$/, '').split('.').length;
}

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
        intro: parent ? null : lastOrphan && /:$/.test(lastOrphan.text) ? lastOrphan : null,
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
    const current = stack[stack.length - 1];
    if (!current) {
      orphans.push(block);
      lastOrphan = block;
      continue;
    }
    // "+" lines are sub-points of the "-" bullet above them, not duties of their own.
    const previous = current.children[current.children.length - 1];
    if (/^\+\s/.test(block.text) && previous && /^[-–•]\s/.test(previous.text)) {
      current.children[current.children.length - 1] = { ...previous, text: `${previous.text} ${block.text}` };
    } else {
      current.children.push(block);
    }
  }
  return { items, orphans };
}

/** Role of an agency for one duty text (the text after the agency names). */
export function roleFor(text: string, requested: boolean): Role {
  if (requested) return 'requested';
  // The item's own verb decides: "Chủ trì, …" leads; "Chỉ đạo lực lượng X chủ trì …" is a plain duty.
  const opener = fold(text)
    .replace(/^[\s,:(]*(?:\([^)]*\)\s*)?/, '')
    .replace(/^(?:chu dong|tich cuc|tiep tuc|thuong xuyen|khan truong)\s+/, '');
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
  /** Where the action starts, for the role ("Giao X chủ trì …" → "chủ trì …"). */
  roleText: string;
}

const PROSE = /^(?:Giao|Đề nghị|Yêu cầu)\s+/u;

/** Who a piece of text addresses: "X: …", a heading that is only agency names, or "Giao/Đề nghị X …". */
function addressees(text: string, agencies: AgencyResolver): Addressed | null {
  const requested = /^Đề nghị(?![\p{L}])/u.test(text);
  const colon = text.indexOf(':');
  if (colon > 0 && colon < 220) {
    const head = text.slice(0, colon);
    const list = agencies.parseList(head);
    if (list) {
      const rest = text.slice(colon + 1).trim();
      return { mentions: list, requested, heading: squash(head), rest, roleText: rest };
    }
  }
  if (colon < 0 && text.length <= 160 && !/[.;]$/.test(text)) {
    const list = agencies.parseList(text);
    if (list) return { mentions: list, requested, heading: squash(text), rest: '', roleText: '' };
  }
  // Prose: "Giao Công an tỉnh …", "Đề nghị Viện kiểm sát …", or an item that opens with agency names.
  const prose = PROSE.exec(text);
  const start = prose ? prose[0].length : 0;
  const prefix = agencies.scanPrefix(text.slice(start));
  if (prefix.length && prefix[0]!.start === 0) {
    const last = prefix[prefix.length - 1]!;
    const rest = text.slice(start + last.end);
    // An agency name must be followed by the action, not be the object of a sentence about something else.
    if (/^\s*(?:\([^)]*\)\s*)?(?:,|:|\p{Ll}|\p{Lu}\p{Ll}*\s+\p{Ll})/u.test(rest)) {
      return { mentions: prefix, requested, heading: null, rest: text, roleText: rest };
    }
  }
  return null;
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

export function extractDuties(tree: ItemTree, agencies: AgencyResolver): RawDuty[] {
  const duties: RawDuty[] = [];
  const byItem = new Map<Item, Addressed>();
  for (const item of tree.items) {
    const own = addressees(item.text, agencies);
    let inherited: Addressed | null = null;
    for (let p = item.parent; p && !inherited; p = p.parent) inherited = byItem.get(p) ?? null;
    inherited ??= item.intro ? leadIn(item.intro.text, agencies) : null;
    const addressed =
      own ?? (inherited && { ...inherited, heading: null, rest: item.text, roleText: item.text });
    if (!addressed) continue;
    byItem.set(item, addressed);

    const segments: { text: string; addressed: Addressed }[] = [];
    if (addressed.rest) segments.push({ text: addressed.rest, addressed: { ...addressed } });
    for (const child of item.children) {
      const text = child.text.replace(/^[-–+•]\s+/, '');
      // A bullet that names its own agencies ("- Sở Tư pháp: …") is theirs, not the item's.
      const ownBullet = /^[-–•]\s/.test(child.text) ? addressees(text, agencies) : null;
      segments.push({
        text: ownBullet?.heading ? ownBullet.rest : text,
        addressed: ownBullet?.heading ? ownBullet : { ...addressed, roleText: text },
      });
    }
    emit(duties, item.path, segments, agencies);
  }
  // Un-numbered lists and paragraphs that address agencies ("- Công an tỉnh: …", "Đề nghị Viện kiểm sát …").
  let ordinal = 0;
  for (const block of tree.orphans) {
    const text = block.text.replace(/^[-–•]\s+/, '');
    const isBullet = BULLET.test(block.text);
    const addressed = addressees(text, agencies);
    // Outside items only "- X: …" bullets and "Giao/Đề nghị/Yêu cầu X …" sentences assign; a bare line of
    // agency names is a header element (the enacting body of a Quyết định) or a lead-in to the items.
    const assigns = isBullet
      ? !!addressed?.heading && !!addressed.rest
      : PROSE.test(text) && !/:$/.test(text);
    if (!addressed || !assigns) continue;
    emit(duties, `#${++ordinal}`, [{ text: addressed.rest || text, addressed }], agencies);
  }
  return duties;
}

function emit(
  duties: RawDuty[],
  itemPath: string,
  segments: { text: string; addressed: Addressed }[],
  agencies: AgencyResolver,
): void {
  const kept = segments.map((s) => ({ ...s, text: squash(s.text) })).filter((s) => s.text.length > 2);
  kept.forEach(({ text, addressed }, i) => {
    const role = roleFor(addressed.roleText || text, addressed.requested);
    // "X chủ trì, phối hợp với Y" / "X: …; phối hợp với Y …": Y supports the duty.
    const partners = agencies.scanPartners(text).filter((p) => p.type?.scope !== 'collective');
    duties.push({
      path: kept.length === 1 ? itemPath : `${itemPath}#${i + 1}`,
      heading: addressed.heading,
      text,
      agencies: [
        ...addressed.mentions.map((mention) => ({ mention, role })),
        ...partners.map((mention) => ({ mention, role: 'support' as const })),
      ],
    });
  });
}
