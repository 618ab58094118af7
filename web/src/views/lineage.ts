/**
 * A document's derived status (badge with its evidence) and its Lược đồ: related documents grouped by
 * relation and direction, each with symbol, type, issuer, province, date and status.
 */
import type { Evidence, Lifecycle, RelatedDocument } from '../../../graph/lifecycle-schema.js';
import type { DocumentSummary } from '../../../graph/schema.js';
import docTypes from '../../../data/doc-types.json';
import { h } from '../dom.js';
import { type MessageKey, pick, t } from '../i18n.js';
import { docLink, formatDate, issuerText, provinceName } from './common.js';

const TYPES = new Map(docTypes.types.map((d) => [d.name.toLowerCase(), d]));

/** A document type in the interface language ("Kế hoạch" → "Plan"), Vietnamese when unknown. */
export const docTypeLabel = (type: string | null): string | null => {
  if (!type) return null;
  const known = TYPES.get(type.toLowerCase());
  return known ? pick({ vi: known.name, en: known.nameEn }) : type;
};

/** The words a person reads for a document: type and symbol, else its title, never its key. */
export const documentLabel = (d: Pick<DocumentSummary, 'symbol' | 'type' | 'title'>): string =>
  d.symbol ? [docTypeLabel(d.type), d.symbol].filter(Boolean).join(' ') : (d.title ?? t('doc.untitled'));

export const statusBadge = (status: Lifecycle['status']): HTMLElement =>
  h('span', { class: `badge status status-${status}` }, t(`status.${status}` as MessageKey));

function evidenceItem(e: Evidence, self: string): HTMLElement {
  const date = e.date ? ` (${formatDate(e.date)})` : '';
  const who =
    e.document !== self
      ? [' ', docLink(e.document, e.symbol ?? t('doc.untitled')), date]
      : e.kind === 'cycle' || e.kind === 'chronology'
        ? // A step of the conflict this document states itself.
          [' ', t('evidence.thisDocument'), date]
        : e.date
          ? [' ', formatDate(e.date)]
          : [];
  return h(
    'li',
    { class: `evidence evidence-${e.kind}` },
    h('span', { class: 'evidence-kind' }, t(`evidence.${e.kind}` as MessageKey)),
    who,
    e.sentence ? h('q', { lang: 'vi' }, e.sentence) : null,
  );
}

/** The status badge and, under it, what decided it (and every conflict when it is unknown). */
export function statusBlock(lifecycle: Lifecycle, self: string): HTMLElement {
  return h(
    'section',
    { class: `status-block status-block-${lifecycle.status}`, 'aria-label': t('status.title') },
    h(
      'p',
      { class: 'status-line' },
      h('span', { class: 'status-label' }, t('status.title')),
      ' ',
      statusBadge(lifecycle.status),
      ' ',
      h('span', { class: 'as-of' }, t('status.asOf', { date: formatDate(lifecycle.asOf) })),
    ),
    h(
      'ul',
      { class: 'evidence-list' },
      lifecycle.evidence.map((e) => evidenceItem(e, self)),
    ),
  );
}

const groupKey = (r: RelatedDocument) => `${r.kind}.${r.direction}`;

/** Lược đồ: one group per relation and direction ("Thay thế", "Bị thay thế bởi" …). */
export function lineagePanel(related: RelatedDocument[]): HTMLElement {
  const groups = new Map<string, RelatedDocument[]>();
  for (const r of related) groups.set(groupKey(r), [...(groups.get(groupKey(r)) ?? []), r]);
  return h(
    'section',
    { class: 'panel lineage', 'aria-labelledby': 'lineage-title' },
    h('h2', { id: 'lineage-title' }, t('lineage.title')),
    related.length === 0
      ? h('p', { class: 'notice' }, t('lineage.none'))
      : [...groups.entries()].map(([key, items]) =>
          h(
            'div',
            { class: 'lineage-group', 'data-relation': key },
            h('h3', {}, t(`lineage.${key}` as MessageKey), ` (${items.length})`),
            h(
              'ul',
              {},
              items.map((r) => {
                const d = r.document;
                const issuer = issuerText(d);
                return h(
                  'li',
                  { class: 'lineage-item' },
                  docLink(d.key, documentLabel(d), { class: 'related-link' }),
                  ' ',
                  statusBadge(r.status),
                  h(
                    'span',
                    { class: 'related-meta' },
                    issuer ? [h('span', { title: issuer.other }, issuer.shown), ' · '] : null,
                    [
                      provinceName(d.province) ?? t('common.national'),
                      d.issuedAt ? formatDate(d.issuedAt) : null,
                    ]
                      .filter(Boolean)
                      .join(' · '),
                  ),
                  d.symbol && d.title ? h('span', { class: 'related-title', lang: 'vi' }, d.title) : null,
                );
              }),
            ),
          ),
        ),
  );
}
