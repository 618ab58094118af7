/** Agency page: who it is, and its duties grouped by document, then by role. */
import type { AgencyProfile, ProfileDuty } from '../../../graph/schema.js';
import type { Role } from '../../../ingest/schema.js';
import { api } from '../api.js';
import { categoryCatalog } from '../catalog.js';
import { h } from '../dom.js';
import { exportLinks } from './exports.js';
import { pick, t } from '../i18n.js';
import type { Route } from '../router.js';
import {
  categoryLink,
  docLink,
  formatDate,
  formatPath,
  graphLink,
  load,
  pageTitle,
  provinceName,
  roleBadge,
  roleLabel,
} from './common.js';
import { documentLabel } from './lineage.js';

const ROLE_ORDER: Role[] = ['lead', 'support', 'requested', 'assigned'];

/** Duties under a heading per role, strongest role first; a duty with two roles shows under each. */
export function byRole(duties: ProfileDuty[]): HTMLElement[] {
  return ROLE_ORDER.flatMap((role) => {
    const mine = duties.filter((d) => d.roles.includes(role));
    if (!mine.length) return [];
    return [
      h(
        'div',
        { class: 'role-group' },
        h('h4', {}, roleBadge(role), ` ${mine.length}`),
        h(
          'ul',
          {},
          mine.map((d) =>
            h(
              'li',
              {},
              h('span', { class: 'path' }, formatPath(d.path)),
              ' ',
              d.text,
              d.deadline
                ? h('span', { class: 'deadline' }, t('search.deadline', { date: formatDate(d.deadline) }))
                : null,
            ),
          ),
        ),
      ),
    ];
  });
}

async function profile(data: AgencyProfile) {
  const agency = data.agency.properties;
  const categories = await categoryCatalog().catch(() => new Map());
  const name = pick({ vi: agency.name, en: agency.nameEn });
  return [
    pageTitle(name),
    name !== agency.name
      ? h('p', { class: 'subtitle', lang: 'vi' }, agency.name)
      : agency.nameEn
        ? h('p', { class: 'subtitle', lang: 'en' }, agency.nameEn)
        : null,
    h(
      'p',
      { class: 'card-meta' },
      h('span', { class: 'province' }, provinceName(agency.province) ?? t('common.national')),
      ' · ',
      t('agency.counts', { duties: data.dutyCount, documents: data.documentCount }),
      ' · ',
      ROLE_ORDER.filter((r) => data.roles[r]).map((r) => [
        h('span', { class: `badge role-${r}` }, `${roleLabel(r)} ${data.roles[r]}`),
        ' ',
      ]),
    ),
    data.categories.length
      ? h(
          'p',
          { class: 'chips' },
          data.categories.map((c) => {
            const label = categories.get(c.category)?.label;
            return [categoryLink(c.category, `${label ? pick(label) : c.category} (${c.duties})`), ' '];
          }),
        )
      : null,
    h('p', {}, graphLink(data.agency.id)),
    exportLinks(['xlsx', 'ics', 'duties'], { agency: agency.key }),
    h('h2', {}, t('agency.byDocument')),
    data.documents.map(({ document: doc, duties }) =>
      h(
        'section',
        { class: 'card doc-group' },
        h('h3', {}, docLink(doc.id, documentLabel(doc)), ` · ${formatDate(doc.issuedAt)}`),
        doc.title ? h('p', { class: 'subtitle' }, doc.title) : null,
        byRole(duties),
      ),
    ),
    data.truncated
      ? h('p', { class: 'notice' }, t('agency.truncated', { count: data.documents.length }))
      : null,
  ];
}

export function agencyView(root: HTMLElement, route: Route): void {
  const key = route.path[1] ?? '';
  void load(root, () => api.agency(key), profile);
}
