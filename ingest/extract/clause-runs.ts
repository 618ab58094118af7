/**
 * The clauses of one duty text cut at ";": a clause that names agencies of its own, in a frame of its own ("Công an
 * tỉnh chủ trì thực hiện; Sở Tư pháp là cơ quan thường trực, tổng hợp kết quả", "Sở Tài chính bố trí kinh phí; giao
 * Sở Nội vụ theo dõi, đôn đốc"), opens a duty of its own with its own role. A clause whose bodies only help the one
 * before ("…; Sở Y tế, Sở Tư pháp phối hợp thực hiện", "…; X, Y là cơ quan phối hợp") names that clause's partners.
 * A clause with no subject ("…; báo cáo kết quả về UBND tỉnh (qua Công an tỉnh) trước ngày …") goes on with the one
 * before: the body that receives a report, or that it is sent through, is no assignee.
 */
import { fold } from '../text/normalize.js';
import type { AgencyMention, AgencyResolver } from './agencies.js';
import { frameOf, type Frame } from './clauses.js';
import { roleFor } from './roles.js';
import { titleLength } from './titles.js';

export interface ClauseRun {
  text: string;
  /** The frame of a clause that opens a duty of its own; null for the run the text opens with. */
  frame: Frame | null;
  /** Bodies a later clause names as helping this run ("…; Sở Y tế phối hợp"). */
  partners: AgencyMention[];
}

/** Offsets of the ";" that end clauses: outside brackets. */
function clauseEnds(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) out.push(i);
  }
  return out;
}

/** "X, Y là cơ quan phối hợp": partners that the resolver reads from the clause before (scanPartners). */
const NAMED_PARTNERS = /^\s*(?:\([^)]*\)\s*)?la (?:cac )?(?:co quan|don vi) phoi hop\b/;
/** Cheap tests before the resolver is asked: "phối hợp" written at all; a name in capitals near the start. */
const MENTIONS_PARTNERS = /ph(?:ố|o)i\s+h(?:ợ|o)p/iu;
const MAY_NAME = /\p{Lu}|các tổ chức|cac to chuc/u;
/** How far into a clause its subject may start (past a short adverbial). */
const SUBJECT_REACH = 120;

/** "X phối hợp với Y …": a clause doing its own work with partners of its own. */
const OWN_PARTNERS = /\bphoi hop (?:chat che |thuong xuyen )?voi\b/;
/**
 * What may stand before a clause's agencies: a connective, a verb handing the work over, a head's title ("đồng thời
 * giao Giám đốc Sở Y tế …"). Anything else ("Phối hợp với Viện kiểm sát, Tòa án xét xử …") makes them no subject.
 */
const CLAUSE_OPENER =
  /^(?:(?:dong thoi|ngoai ra|trong do)\s*,?\s*)?(?:(?:giao|de nghi|yeu cau|phan cong)\s+)?/;

/** The frame's agencies open the clause (after a connective, a verb handing work over, a title). */
function opensClause(clause: string, frame: Frame): boolean {
  const before = fold(clause.slice(0, frame.mentions[0]!.start));
  const rest = before.slice(CLAUSE_OPENER.exec(before)![0].length);
  return rest === '' || titleLength(rest) === rest.length;
}

/**
 * The clause ends inside a list of partners that goes on past the ";" ("phối hợp với các sở, ban, ngành; các hội,
 * đoàn thể; UBND các huyện … triển khai"): its last partner ends the clause.
 */
function endsInPartners(clause: string, agencies: AgencyResolver): boolean {
  if (!MENTIONS_PARTNERS.test(clause)) return false;
  const partners = agencies.scanPartners(clause);
  const last = partners[partners.length - 1];
  return !!last && clause.slice(last.end).trim() === '';
}

/**
 * The runs of `text`: the clauses after the first that open duties of their own start a run each; the others go
 * on with the run before. `own`: the agencies the text is already addressed to (a clause naming only them goes on).
 */
export function clauseRuns(text: string, own: AgencyMention[], agencies: AgencyResolver): ClauseRun[] {
  const ends = text.includes(';') ? clauseEnds(text) : [];
  if (!ends.length) return [{ text, frame: null, partners: [] }];
  const runs: { start: number; end: number; frame: Frame | null; partners: AgencyMention[] }[] = [
    { start: 0, end: text.length, frame: null, partners: [] },
  ];
  let named = new Set(own.map((m) => fold(m.text)));
  // Inside a list of partners cut by ";", every piece up to the one that carries the action is a member.
  let inPartners = false;
  // Subjects listed one to a clause ("…; Sở Y tế; Sở Tư pháp; UBND các huyện phối hợp triển khai"): the clause
  // that carries the verb is theirs too.
  let listed: AgencyMention[] = [];
  let listedFrom = -1;
  let from = 0;
  ends.forEach((semicolon, k) => {
    const next = ends[k + 1] ?? text.length;
    const start = semicolon + 1 + /^\s*/.exec(text.slice(semicolon + 1))![0].length;
    const clause = text.slice(start, next);
    const previous = text.slice(from, semicolon);
    from = start;
    inPartners = endsInPartners(previous, agencies) || (inPartners && !frameOf(previous, agencies));
    if (inPartners || !MAY_NAME.test(clause.slice(0, SUBJECT_REACH))) {
      listed = [];
      listedFrom = -1;
      return;
    }
    const bare = clause.length <= 200 ? agencies.parseList(clause.replace(/[.;,:\s]+$/u, '')) : null;
    if (bare) {
      if (listedFrom < 0) listedFrom = start;
      listed.push(...bare);
      return;
    }
    const subjects = listed;
    const subjectsFrom = listedFrom < 0 ? start : listedFrom;
    listed = [];
    listedFrom = -1;
    const frame = frameOf(clause, agencies);
    if (!frame || !opensClause(clause, frame) || frame.mentions.every((m) => named.has(fold(m.text)))) return;
    const run = runs[runs.length - 1]!;
    const action = fold(frame.roleText);
    if (frame.subject && NAMED_PARTNERS.test(action)) {
      run.partners.push(...subjects);
      return;
    }
    if (
      frame.subject &&
      roleFor(frame.roleText, frame.requested) === 'support' &&
      !OWN_PARTNERS.test(action)
    ) {
      run.partners.push(...subjects, ...frame.mentions);
      return;
    }
    run.end = text.lastIndexOf(';', subjectsFrom);
    const mentions = frame.subject ? [...subjects, ...frame.mentions] : frame.mentions;
    runs.push({
      start: frame.subject ? subjectsFrom : start,
      end: text.length,
      frame: { ...frame, mentions },
      partners: [],
    });
    named = new Set(mentions.map((m) => fold(m.text)));
  });
  return runs.map((r) => ({ text: text.slice(r.start, r.end), frame: r.frame, partners: r.partners }));
}
