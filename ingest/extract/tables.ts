/**
 * Assignment tables ("Phụ lục: Phân công nhiệm vụ"): rows as the readers write them ("| a | b |" from markdown,
 * "a | b | c" from html/docx) → duties. Columns are recognised by their header words, in any order: content
 * (nội dung / nhiệm vụ / công việc), lead (chủ trì), support (phối hợp), a merged agency column (cơ quan / đơn vị
 * thực hiện, whose cells say "Chủ trì: X; phối hợp: Y"), and deadline (thời gian / thời hạn / tiến độ).
 */
import type { Role } from '../schema.js';
import { fold } from '../text/normalize.js';
import type { AgencyMention, AgencyResolver } from './agencies.js';
import type { Block } from './blocks.js';
import { sentences } from './clauses.js';
import { extractDuties, type RawDuty } from './duties.js';

type Column = 'content' | 'lead' | 'support' | 'agency' | 'deadline' | 'index' | 'other';

/** A cell: its words and where they start in the block text. */
interface Cell {
  text: string;
  at: number;
}

function cellsOf(text: string): Cell[] {
  const cells: Cell[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '|') continue;
    const raw = text.slice(start, i);
    const lead = raw.length - raw.trimStart().length;
    cells.push({ text: raw.trim(), at: start + lead });
    start = i + 1;
  }
  // "| a | b |": the empty cells outside the outer pipes are not columns.
  if (cells.length && !cells[0]!.text && text.trimStart().startsWith('|')) cells.shift();
  if (cells.length && !cells[cells.length - 1]!.text && text.trimEnd().endsWith('|')) cells.pop();
  return cells;
}

function columnOf(header: string): Column {
  const f = fold(header);
  if (/chu tri/.test(f)) return 'lead';
  if (/phoi hop/.test(f)) return 'support';
  if (/thoi gian|thoi han|tien do|han hoan thanh/.test(f)) return 'deadline';
  if (/co quan|don vi|thuc hien|trach nhiem/.test(f)) return 'agency';
  if (/noi dung|nhiem vu|cong viec|hoat dong|giai phap/.test(f)) return 'content';
  if (/^(?:stt|tt|so tt)$/.test(f)) return 'index';
  return 'other';
}

/**
 * A cell that repeats the one above it: a merged cell as the readers write it (〃), or the typist's "Nt" /
 * "-nt-" / "Như trên" (như trên, "as above") where a table cannot merge.
 */
const DITTO = /^(?:[〃"”]|-?\s*nt\s*-?|nhu tren)\.?$/;

/** Agencies named in one cell ("Sở Tài chính; Thuế tỉnh", "Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh"). */
function agenciesIn(cell: Cell, agencies: AgencyResolver): AgencyMention[] {
  const text = cell.text.replace(/[.;,]+$/, '');
  if (!text) return [];
  const found = agencies.parseList(text) ?? agencies.scanPrefix(text);
  return found.map((m) => ({ ...m, start: m.start + cell.at, end: m.end + cell.at }));
}

/** A merged cell: "Chủ trì: Công an tỉnh; phối hợp: Sở X, Báo Y" → lead and support parts. */
function splitMerged(cell: Cell): { lead: Cell; support: Cell } | null {
  const f = fold(cell.text);
  const lead = /chu tri\s*:?\s*/.exec(f);
  const support = /phoi hop\s*:?\s*/.exec(f);
  if (!lead) return null;
  const leadStart = lead.index + lead[0].length;
  const leadEnd = support && support.index > lead.index ? support.index : cell.text.length;
  const part = (from: number, to: number): Cell => ({
    text: cell.text.slice(from, to).replace(/[\s;,.]+$/, ''),
    at: cell.at + from,
  });
  return {
    lead: part(leadStart, leadEnd),
    support: support ? part(support.index + support[0].length, cell.text.length) : { text: '', at: 0 },
  };
}

/** A group row's label: the Roman numeral or capital letter it opens with ("II. CÔNG TÁC …", "| B | … |"). */
function groupLabel(cells: Cell[]): string | null {
  const first = cells.find((c) => c.text)?.text ?? '';
  return /^([IVXLC]+|[A-Z])(?:[.)]|\s|$)/u.exec(first)?.[1] ?? null;
}

/**
 * A row of an agency-first table ("STT | Cơ quan, đơn vị | Nhiệm vụ | Thời gian thực hiện"): the agency cell heads
 * the tasks of its task cell as "1. Công an tỉnh" heads its "-" lines, so each task's own words give its role
 * ("Chủ trì, phối hợp với X …" leads, "Phối hợp với X …" supports, "Đề nghị …" asks, "Chỉ đạo Y …" is the
 * agency's, not Y's). The readers join a cell's lines into one, so its sentences stand for its lines; a time cell
 * with one part a task ("Quý II/2025; Thường xuyên; …", its lines joined by "; ") dates each task, else the row.
 */
function headedRow(
  agencyCell: Cell,
  content: Cell,
  deadline: Cell | undefined,
  path: string,
  block: Block,
  agencies: AgencyResolver,
): RawDuty[] {
  const tasks = sentences(content.text);
  const times = deadline?.text ? deadline.text.split(/\s*;\s*/) : [];
  const children = tasks.map((t) => ({ ...block, text: `- ${t.text}`, lines: [`- ${t.text}`] }));
  const heading = {
    label: '',
    level: 1,
    path,
    text: agencyCell.text,
    block,
    intro: null,
    parent: null,
    children,
  };
  return extractDuties({ items: [heading], orphans: [] }, agencies).map((duty) => {
    const k = children.indexOf(duty.block as (typeof children)[number]);
    const time = times.length === tasks.length && k >= 0 ? times[k] : deadline?.text;
    return { ...duty, block, deadlineText: time || null };
  });
}

/** Duties of the assignment tables among the body blocks; other tables yield nothing. */
export function tableDuties(blocks: Block[], agencies: AgencyResolver): RawDuty[] {
  const duties: RawDuty[] = [];
  let columns: Column[] | null = null;
  let row = 0;
  // The group row the task rows sit under ("II. CÔNG TÁC PHÒNG NGỪA" across the table, or "| II | … |").
  let group: string | null = null;
  // The last task row's cells, with the dittos in it already read as what they repeat.
  let above: Cell[] = [];
  for (const block of blocks) {
    if (!block.text.includes('|')) {
      columns = null;
      continue;
    }
    const cells = cellsOf(block.text);
    const kinds = cells.map((c) => columnOf(c.text));
    const isHeader =
      kinds.includes('content') &&
      (kinds.includes('lead') || kinds.includes('agency')) &&
      cells.every((c) => c.text.length < 60);
    if (isHeader) {
      columns = kinds;
      row = 0;
      group = null;
      continue;
    }
    if (!columns) continue;
    const content = cells[columns.indexOf('content')];
    if (!content?.text) {
      group = groupLabel(cells) ?? group;
      continue;
    }
    row++;
    const own = columns;
    const resolved = cells.map((c, i) =>
      own[i] !== 'content' && DITTO.test(fold(c.text)) ? (above[i] ?? { text: '', at: c.at }) : c,
    );
    above = resolved;
    const at = (kind: Column) => resolved[own.indexOf(kind)];
    const merged = at('agency') ? splitMerged(at('agency')!) : null;
    const index = at('index')?.text;
    const path = `Phụ lục > ${group ? `${group} > ` : ''}${index && /^[\dIVXa-z.]{1,6}$/.test(index) ? index : row}`;
    if (at('agency') && !merged && !at('lead') && !at('support')) {
      duties.push(...headedRow(at('agency')!, content, at('deadline'), path, block, agencies));
      continue;
    }
    const leadCell = at('lead') ?? merged?.lead ?? at('agency');
    const supportCell = at('support') ?? merged?.support;
    const mentions: { mention: AgencyMention; role: Role }[] = [
      ...(leadCell ? agenciesIn(leadCell, agencies) : []).map((mention) => ({
        mention,
        role: (at('lead') || merged ? 'lead' : 'assigned') as Role,
      })),
      // A catch-all partner ("Các sở, ngành, địa phương") names no one, as in prose.
      ...(supportCell ? agenciesIn(supportCell, agencies) : [])
        .filter((mention) => mention.type?.scope !== 'collective')
        .map((mention) => ({ mention, role: 'support' as const })),
    ];
    if (!mentions.length) continue;
    const deadline = at('deadline');
    duties.push({
      path,
      heading: null,
      text: content.text,
      agencies: mentions,
      block,
      textAt: content.at,
      deadlineText: deadline?.text || null,
    });
  }
  return duties;
}
