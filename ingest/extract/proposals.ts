/**
 * Who proposed the document. A decision or a resolution names, at the end of its preamble, the body whose proposal
 * it adopts: "Theo đề nghị của Giám đốc Công an tỉnh.", "Xét đề nghị của Chánh Văn phòng UBND tỉnh và Giám đốc Sở
 * Nội vụ", "Xét Tờ trình số 25/TTr-UBND ngày … của Ủy ban nhân dân tỉnh về …". The head stands for the body, as in
 * assignments. Pure: the preamble's blocks in, agency mentions (with their offsets in the text) out.
 */
import type { AgencyMention, AgencyResolver } from './agencies.js';
import { locate } from './assignments.js';
import type { Block } from './blocks.js';
import { agenciesAtStart } from './clauses.js';

/**
 * A proposal clause opening a paragraph or following ";" of the one before: "Theo / Xét" + "đề nghị / đề xuất của"
 * or "Tờ trình … của" (the Tờ trình's number and date in between, never past a clause boundary).
 */
const PROPOSAL =
  /(?:^|[;:]\s*)(?:Theo|Xét)\s+(?:(?:ý kiến\s+)?(?:đề nghị|đề xuất)(?:\s+chung)?\s+của|[Tt]ờ trình(?![\p{L}\d])[^;:]{0,160}?\s+của)\s+/gu;

/** Where a clause ends: ";", a sentence's full stop, or the text's end. */
const CLAUSE_END = /;|\.(?=\s|$)|$/u;

export interface ProposerMention {
  mention: AgencyMention;
  /** Where the words are in the document's text, when found. */
  span: [number, number] | null;
}

/** The proposers named in `blocks` (the document's unnumbered paragraphs), each body once, in order. */
export function findProposers(
  blocks: readonly Block[],
  text: string,
  agencies: AgencyResolver,
): ProposerMention[] {
  const out: ProposerMention[] = [];
  for (const block of blocks) {
    if (!/\b(?:Theo|Xét)\s/u.test(block.text)) continue;
    for (const m of block.text.matchAll(PROPOSAL)) {
      // The bodies are named before the clause ends ("…; Báo cáo thẩm tra của Ban Pháp chế …" is another one).
      const from = m.index + m[0].length;
      const rest = block.text.slice(from, from + CLAUSE_END.exec(block.text.slice(from))!.index);
      for (const mention of agenciesAtStart(rest, agencies))
        if (!out.some((o) => o.mention.text === mention.text))
          out.push({ mention, span: locate(text, mention.text, block.start, block.end) });
    }
  }
  return out;
}
