/**
 * Roles written in brackets after the agencies of a list, a common way plans name who leads and who helps:
 * "Cơ quan thực hiện: Sở Thông tin và Truyền thông (chủ trì), Báo tỉnh, Đài tỉnh", "Công an tỉnh (chủ trì); Hội
 * Nông dân tỉnh, Hội Cựu chiến binh tỉnh (phối hợp):". A bracket names the role of its agency and of the unmarked ones
 * just before it (back to the previous bracket); the unmarked ones after a lead are the bodies working with it.
 */
import type { Role } from '../schema.js';
import { fold } from '../text/normalize.js';
import type { AgencyMention } from './agencies.js';

/** "(chủ trì)", "( phối hợp )", "(đầu mối)", folded. */
const MARK = /^\s*\(\s*(chu tri|dau moi|phoi hop|thuc hien)\s*\)/;

const ROLE_OF_MARK: Record<string, Role> = {
  'chu tri': 'lead',
  'dau moi': 'lead',
  'phoi hop': 'support',
  'thuc hien': 'assigned',
};

/**
 * The role each mention's bracket gives it, or null for the list when no mention is marked. `text` is what the
 * mentions' offsets index; `afterLead`: a lead was marked earlier in the same list (a field continued past ";").
 * A mention no bracket reaches is null unless it follows a lead (then 'support').
 */
export function markedRoles(
  text: string,
  mentions: AgencyMention[],
  afterLead = false,
): (Role | null)[] | null {
  const marks = mentions.map((m) => MARK.exec(fold(text.slice(m.end, m.end + 24)))?.[1] ?? null);
  if (marks.every((m) => m === null)) return null;
  const roles: (Role | null)[] = mentions.map(() => null);
  let from = 0;
  marks.forEach((mark, k) => {
    if (!mark) return;
    for (let j = from; j <= k; j++) roles[j] = ROLE_OF_MARK[mark]!;
    from = k + 1;
  });
  const lead = afterLead || roles.includes('lead');
  return roles.map((r) => r ?? (lead ? 'support' : null));
}
