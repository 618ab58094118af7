/**
 * Task items that name their agencies in fields rather than in a sentence — a common layout of plans:
 *
 *   1. <the task>
 *   - Cơ quan chủ trì: X.   - Cơ quan phối hợp: Y, Z.   - Thời gian thực hiện: Quý II/2026.
 *
 * The fields may be "-" or "+" bullets under the task, or follow it on the same line separated by ";"
 * ("…; Chủ trì: X; phối hợp: Y; thời gian: thường xuyên."). One duty per task: its text is the task, the chủ trì
 * agencies lead, the phối hợp ones support, and the time field is its deadline.
 */
import type { Role } from '../schema.js';
import { fold } from '../text/normalize.js';
import type { AgencyMention, AgencyResolver } from './agencies.js';
import type { Block } from './blocks.js';
import type { RawDuty } from './duties.js';
import type { Item } from './items.js';
import { markedRoles } from './role-marks.js';

/** "Cơ quan chủ trì:", "Đơn vị phối hợp:", "chủ trì thực hiện:", "cơ quan thực hiện:" (folded). */
const AGENCY_FIELD =
  /^(?:(?:co quan|don vi|luc luong)\s+)?(chu tri|dau moi|tham muu|phoi hop|thuc hien)(?:\s+thuc hien)?\s*:\s*/;
/** "Thời gian thực hiện:", "Thời hạn hoàn thành:", "thời gian:". */
const TIME_FIELD = /^(?:thoi gian|thoi han|hoan thanh)(?:\s+(?:thuc hien|hoan thanh))?\s*:\s*/;
/** Fields that name no agency ("Sản phẩm:", "Kinh phí:"): they end the field before them. */
const OTHER_FIELD = /^(?:san pham|ket qua|kinh phi|nguon kinh phi|ghi chu)(?:\s+\p{L}+)?\s*:/u;

const ROLE_OF: Record<string, Role> = {
  'chu tri': 'lead',
  'dau moi': 'lead',
  'tham muu': 'lead',
  'phoi hop': 'support',
  'thuc hien': 'assigned',
};

interface Piece {
  text: string;
  block: Block;
}

/** Pieces are cut at ";" and at sentence ends ("… trở về. Chủ trì: …"). */
const PIECE_END = /;|\.\s+(?=\p{Lu})/u;

/**
 * Fields in brackets closing the task's own line: "Tổ chức tuyên truyền … (Cơ quan chủ trì: X; phối hợp: Y; thời gian:
 * Quý III/2024)", "(Đơn vị thực hiện: Z)". Returns where the bracket opens, or -1.
 */
export function trailingFields(text: string): number {
  const trimmed = text.replace(/[.;\s]+$/u, '');
  if (!trimmed.endsWith(')')) return -1;
  const open = trimmed.lastIndexOf('(');
  if (open <= 0) return -1;
  const inside = fold(trimmed.slice(open + 1));
  return AGENCY_FIELD.test(inside) || TIME_FIELD.test(inside) ? open : -1;
}

/** The item's own line as pieces: its task, then each field of a closing bracket (see trailingFields). */
function ownLine(text: string): string[] {
  const open = trailingFields(text);
  if (open < 0) return [text];
  const inside = text.slice(open + 1, text.replace(/[.;\s]+$/u, '').length - 1);
  return [text.slice(0, open).trimEnd(), ...inside.split(';')];
}

/** The pieces of the item's text and of its bullets, in reading order. */
function piecesOf(item: Item): Piece[] {
  const lines = [
    { text: item.text, block: item.block },
    ...item.children.map((c) => ({ text: c.text.replace(/^[-–+•]\s+/, ''), block: c })),
  ];
  return lines.flatMap(({ text, block }) =>
    ownLine(text)
      .flatMap((part) => part.split(PIECE_END))
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => ({ text: t, block })),
  );
}

/** The agencies of a field's value, each with the role its bracket gives it ("X (chủ trì), Y"), if any. */
function agenciesIn(
  value: string,
  agencies: AgencyResolver,
  afterLead: boolean,
): { mention: AgencyMention; marked: Role | null }[] {
  const clean = value.replace(/[.,;:\s]+$/u, '');
  const found = agencies.parseList(clean) ?? agencies.scanPrefix(clean, true);
  const marks = markedRoles(clean, found, afterLead);
  return found.map((mention, k) => ({ mention, marked: marks?.[k] ?? null }));
}

/**
 * Adds a field's agencies with their roles; true when a bracket marks one of them the lead. (A module function, not
 * a closure per item: under tsx each named closure costs a defineProperty.)
 */
function addFound(
  assigned: RawDuty['agencies'],
  found: ReturnType<typeof agenciesIn>,
  fieldRole: Role,
): boolean {
  for (const { mention, marked } of found) assigned.push({ mention, role: marked ?? fieldRole });
  return found.some((x) => x.marked === 'lead');
}

/** The item as one task with its fields, or null when it has no agency field (or text that is not a field). */
export function fieldDuty(item: Item, agencies: AgencyResolver): RawDuty | null {
  // Only an agency field gives the item agencies, and every field has its ":" (most items have none).
  if (!item.text.includes(':') && !item.children.some((c) => c.text.includes(':'))) return null;
  const pieces = piecesOf(item);
  const task: Piece[] = [];
  const assigned: RawDuty['agencies'] = [];
  let deadlineText: string | null = null;
  let role: Role | null = null;
  // A lead marked in brackets makes the field's other bodies its partners, past a ";" too.
  let markedLead = false;
  let lastBlock = item.block;
  for (const piece of pieces) {
    const f = fold(piece.text);
    const field = AGENCY_FIELD.exec(f);
    const time = field ? null : TIME_FIELD.exec(f);
    if (field) {
      role = ROLE_OF[field[1]!]!;
      markedLead = false;
      const found = agenciesIn(piece.text.slice(field[0].length), agencies, false);
      if (!found.length) return null;
      markedLead = addFound(assigned, found, role) || markedLead;
    } else if (time) {
      role = null;
      deadlineText = piece.text.slice(time[0].length).replace(/[.;]+$/u, '');
    } else if (OTHER_FIELD.test(f)) {
      role = null;
    } else if (role) {
      // "Phối hợp: Bộ Chỉ huy …; Viện Kiểm sát …": the list goes on past the ";".
      const found = agenciesIn(piece.text, agencies, markedLead);
      if (!found.length) return null;
      markedLead = addFound(assigned, found, role) || markedLead;
    } else if (!assigned.length && !deadlineText && piece.block === item.block) {
      task.push(piece);
      continue;
    } else {
      return null; // prose among the fields: not this layout
    }
    lastBlock = piece.block;
  }
  if (!assigned.length || !task.length) return null;
  // The task is the item's text up to its first field, as written.
  const last = task[task.length - 1]!.text;
  const text = item.text.slice(0, item.text.indexOf(last) + last.length);
  return {
    path: item.path,
    heading: null,
    text,
    agencies: assigned,
    block: { ...item.block, end: lastBlock.end },
    deadlineText,
  };
}
