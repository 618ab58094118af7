/** Download buttons for the server's file exports (/api/exports): Excel, calendar, CSV. */
import { h } from '../dom.js';
import { pick } from '../i18n.js';

type Params = Record<string, string | null | undefined>;

const LABELS = {
  title: { vi: 'Tải xuống:', en: 'Download:' },
  xlsx: { vi: 'Excel (ma trận trách nhiệm)', en: 'Excel (responsibility matrix)' },
  ics: { vi: 'Lịch thời hạn (.ics)', en: 'Deadline calendar (.ics)' },
  duties: { vi: 'Nhiệm vụ (CSV)', en: 'Duties (CSV)' },
  search: { vi: 'Kết quả (CSV)', en: 'Results (CSV)' },
} as const;

const FILES = {
  xlsx: 'responsibility.xlsx',
  ics: 'deadlines.ics',
  duties: 'duties.csv',
  search: 'search.csv',
} as const;

export function exportHref(file: string, params: Params): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  return `/api/exports/${file}${query.size ? `?${query}` : ''}`;
}

/** A row of download links; each kind takes the same selection unless given its own. */
export function exportLinks(
  kinds: Array<keyof typeof FILES>,
  params: Params,
  own: Partial<Record<keyof typeof FILES, Params>> = {},
): HTMLElement {
  return h(
    'p',
    { class: 'exports' },
    pick(LABELS.title),
    ' ',
    kinds.map((kind) => [
      h(
        'a',
        { class: 'button secondary', href: exportHref(FILES[kind], own[kind] ?? params), download: '' },
        pick(LABELS[kind]),
      ),
      ' ',
    ]),
  );
}
