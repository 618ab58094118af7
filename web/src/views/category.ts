/** Category page: the agencies assigned its duties, and the duties grouped by document. */
import { api } from '../api.js';
import { h } from '../dom.js';
import { exportLinks } from './exports.js';
import { pick, t } from '../i18n.js';
import type { Route } from '../router.js';
import type { DocumentSummary } from '../../../graph/schema.js';
import type { CategoryDetail } from '../types.js';
import {
  namedAgencyLink,
  docLink,
  formatDate,
  formatPath,
  graphLink,
  load,
  pageTitle,
  provinceName,
  roleLabel,
} from './common.js';
import { documentCaption } from './nodes.js';

/** Documents by key, to name the groups (duties carry only their document's key). */
type Library = Map<string, Pick<DocumentSummary, 'symbol' | 'type' | 'title' | 'province' | 'issuedAt'>>;

function detail(data: CategoryDetail, library: Library) {
  const byDocument = new Map<string, CategoryDetail['duties']>();
  for (const duty of data.duties)
    byDocument.set(duty.document, [...(byDocument.get(duty.document) ?? []), duty]);
  return [
    pageTitle(data.label ? pick(data.label) : data.category),
    data.label
      ? h(
          'p',
          { class: 'subtitle' },
          t('category.otherName', {
            name: data.label.vi === pick(data.label) ? data.label.en : data.label.vi,
          }),
        )
      : null,
    h(
      'p',
      { class: 'card-meta' },
      t('category.counts', { duties: data.dutyCount, documents: data.documentCount }),
    ),
    h('p', {}, graphLink(`category:${data.category}`)),
    exportLinks(['xlsx', 'ics', 'duties'], { category: data.category }),
    h('h2', {}, t('category.agencies', { count: data.agencies.length })),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('category.agency')),
            h('th', { scope: 'col' }, t('doc.province')),
            h('th', { scope: 'col' }, t('category.roles')),
            h('th', { scope: 'col' }, t('category.dutyCount')),
          ),
        ),
        h(
          'tbody',
          {},
          data.agencies.map(({ agency, duties, roles }) =>
            h(
              'tr',
              {},
              h('td', {}, namedAgencyLink(agency)),
              h('td', {}, provinceName(agency.province) ?? t('common.national')),
              h(
                'td',
                {},
                Object.entries(roles)
                  .filter(([, n]) => n > 0)
                  .map(([role, n]) =>
                    h('span', { class: `badge role-${role}` }, `${roleLabel(role as 'lead')} ${n}`),
                  ),
              ),
              h('td', { class: 'number' }, duties),
            ),
          ),
        ),
      ),
    ),
    data.truncated ? h('p', { class: 'notice' }, t('category.truncated')) : null,
    h('h2', {}, t('category.duties', { count: data.duties.length })),
    [...byDocument].map(([key, duties]) =>
      h(
        'section',
        { class: 'card doc-group' },
        h('h3', {}, docLink(key, library.has(key) ? documentCaption(library.get(key)!) : t('doc.untitled'))),
        h(
          'ul',
          {},
          duties.map((d) =>
            h(
              'li',
              {},
              h('span', { class: 'path' }, formatPath(d.path)),
              ' ',
              d.heading ? h('strong', {}, `${d.heading}: `) : null,
              d.text,
              d.deadline
                ? h('span', { class: 'deadline' }, t('search.deadline', { date: formatDate(d.deadline) }))
                : null,
            ),
          ),
        ),
      ),
    ),
    data.dutiesTruncated ? h('p', { class: 'notice' }, t('category.dutiesTruncated')) : null,
  ];
}

export function categoryView(root: HTMLElement, route: Route): void {
  void load(
    root,
    () =>
      Promise.all([
        api.category(route.path[1] ?? ''),
        api
          .documents(500)
          .then((page) => new Map(page.items.map((d) => [d.key, d])))
          .catch((): Library => new Map()),
      ]),
    ([data, library]) => detail(data, library),
  );
}
