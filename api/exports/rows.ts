/**
 * The flat rows every export shares: one per duty and agency it is assigned to (a duty assigned to
 * nobody is one row with no agency), with labels in Vietnamese and English, so a spreadsheet, a CSV
 * and a calendar say the same thing in the same words.
 */
import { shownText } from '../../ingest/schema.js';
import type { AnswerRole } from '../../search/schema.js';
import { categoryById } from '../../ingest/taxonomy/crime-categories.js';
import type { DutyRow, SelectedDuties } from '../capabilities.js';

export const ROLE_LABELS: Record<AnswerRole, string> = {
  lead: 'chủ trì (lead)',
  support: 'phối hợp (support)',
  requested: 'đề nghị (requested)',
  assigned: 'giao (assigned)',
  issuer: 'ban hành (issuer)',
  proposer: 'đề nghị ban hành (proposer)',
};

export interface AssignmentRow {
  agency: string;
  agencyId: string;
  role: string;
  document: string;
  documentKey: string;
  issuedAt: string;
  province: string;
  section: string;
  deadline: string;
  categories: string;
  text: string;
  link: string;
}

/** Column order and bilingual headers of the duty table (XLSX sheet 2, duties.csv). */
export const ASSIGNMENT_COLUMNS: Array<{ key: keyof AssignmentRow; header: string; width: number }> = [
  { key: 'agency', header: 'Cơ quan / Agency', width: 36 },
  { key: 'agencyId', header: 'Mã cơ quan / Agency id', width: 28 },
  { key: 'role', header: 'Vai trò / Role', width: 18 },
  { key: 'document', header: 'Văn bản / Document', width: 26 },
  { key: 'issuedAt', header: 'Ngày ban hành / Issued', width: 14 },
  { key: 'province', header: 'Tỉnh / Province', width: 16 },
  { key: 'section', header: 'Mục / Section', width: 12 },
  { key: 'deadline', header: 'Thời hạn / Deadline', width: 14 },
  { key: 'categories', header: 'Loại tội phạm / Crime categories', width: 28 },
  { key: 'text', header: 'Nhiệm vụ / Duty', width: 80 },
  { key: 'link', header: 'Liên kết / Link', width: 40 },
];

/** "Kế hoạch 9903/KH-UBND", or the key for a document without a symbol. */
export function documentLabel(document: DutyRow['document']): string {
  return [document.type, document.symbol].filter(Boolean).join(' ') || document.id;
}

export function categoryLabel(id: string): string {
  return categoryById(id)?.label.vi ?? id;
}

/** The explorer's page for a document, under `base` (the server's origin). */
export function documentLink(base: string, key: string): string {
  return `${base.replace(/\/$/, '')}/#/doc/${encodeURIComponent(key)}`;
}

export function assignmentRows(selected: SelectedDuties, base: string): AssignmentRow[] {
  const only = selected.selection.agency?.id;
  return selected.rows.flatMap(({ duty, document }) => {
    const common = {
      document: documentLabel(document),
      documentKey: document.id,
      issuedAt: document.issuedAt ?? '',
      province: document.provinceName ?? document.province ?? '',
      section: duty.path,
      deadline: duty.deadline ?? '',
      categories: duty.categories.map(categoryLabel).join('; '),
      text: shownText(duty),
      link: documentLink(base, document.id),
    };
    const agencies = duty.agencies.filter((a) => !only || a.id === only);
    if (agencies.length === 0) return [{ agency: '', agencyId: '', role: '', ...common }];
    return agencies.map((a) => ({ agency: a.name, agencyId: a.id, role: ROLE_LABELS[a.role], ...common }));
  });
}
