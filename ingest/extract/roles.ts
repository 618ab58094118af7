/**
 * The role an agency takes in a duty, read from the words after its name ("chủ trì" leads, "phối hợp" supports,
 * "là cơ quan đầu mối" leads, "Đề nghị …" is a request), and the verbs of criminal procedure that split one
 * request among several bodies.
 */
import type { Role } from '../schema.js';
import { fold } from '../text/normalize.js';

/** Adverbs and set phrases before the verb that decides the role ("chủ động phối hợp", "có trách nhiệm chủ trì"). */
const ROLE_OPENER =
  /^(?:chu dong|tich cuc|tiep tuc|thuong xuyen|khan truong|co trach nhiem|chiu trach nhiem)\s*,?\s+/;

/**
 * Role of an agency for one duty text (the text after the agency names). In prose, "X phối hợp với Y …" is X's
 * own duty done with Y (`ownWithPartners`); as an item's opener ("X: Phối hợp với Y …") X supports.
 */
export function roleFor(text: string, requested: boolean, ownWithPartners = false): Role {
  if (requested) return 'requested';
  // The item's own verb decides: "Chủ trì, …" leads; "Chỉ đạo lực lượng X chủ trì …" is a plain duty.
  // A parenthesis after the name ("Công an thành phố (Cơ quan thường trực …) chủ trì") is no part of the verb.
  let opener = fold(text).replace(/^[\s,:]*(?:\([^)]*\)[\s,:]*)?/, '');
  for (let m = ROLE_OPENER.exec(opener); m; m = ROLE_OPENER.exec(opener)) opener = opener.slice(m[0].length);
  // "là cơ quan đầu mối", "làm đầu mối", "là đơn vị thường trực".
  if (/^(?:la|lam) (?:(?:co quan|don vi) )?(?:dau moi|thuong truc|(?:dong )?chu tri)\b/.test(opener))
    return 'lead';
  if (/^phoi hop\b/.test(opener)) return ownWithPartners ? 'assigned' : 'support';
  // "X và Y đồng chủ trì": co-leads, each a lead.
  if (/^(?:dong )?chu tri\b/.test(opener)) return 'lead';
  return 'assigned';
}

/** The steps of criminal procedure, each done by its own body ("truy tố" Viện kiểm sát, "xét xử" Tòa án). */
const PROCEDURE = /\b(?:dieu tra|truy to|xet xu|thi hanh an)\b/g;

/** "Đề nghị Viện kiểm sát, Tòa án đẩy nhanh truy tố, xét xử": one verb per agency, in order, when counts agree. */
export function perAgencyActions(text: string, n: number): string[] | null {
  if (n < 2) return null;
  const f = fold(text);
  const found: { at: number; end: number }[] = [];
  for (const m of f.matchAll(PROCEDURE)) {
    const prev = found[found.length - 1];
    if (prev && !/^\s*(?:,|va)\s*$/.test(f.slice(prev.end, m.index))) break;
    found.push({ at: m.index, end: m.index + m[0].length });
  }
  return found.length === n ? found.map((x) => text.slice(x.at, x.end)) : null;
}
