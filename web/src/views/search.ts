/** Search: one box, filters, responsibility answer cards, then the passages that support them. */
import type { DocumentSummary } from '../../../graph/schema.js';
import type { AgencyHit, DocumentRef, PassageHit, SearchResponse } from '../../../search/schema.js';
import { api, type SearchFilters } from '../api.js';
import { categoryCatalog } from '../catalog.js';
import { type Child, h, marked, mount } from '../dom.js';
import { agencyTypeNameEn } from '../agency-names.js';
import { currentLang, hasMessage, pick, t } from '../i18n.js';
import { navigate, type Route, routeHref } from '../router.js';
import { exportLinks } from './exports.js';
import { docTypeLabel, documentLabel } from './lineage.js';
import {
  agencyLink,
  categoryLink,
  docLink,
  passageLink,
  formatPath,
  formatDate,
  load,
  pageTitle,
  namedAgencyLink,
  provinceName,
  roleBadge,
} from './common.js';

const FILTERS = ['province', 'category', 'type', 'from', 'to', 'inForce'] as const;
const EXAMPLES = ['rửa tiền', 'mua bán người', 'buon lau', 'anti-money-laundering', 'drug trafficking'];
const SHOWN_EVIDENCE = 2;
const RECENT_DOCUMENTS = 20;
/** Answer cards shown before "show all": the strongest answers first, the long tail on request. */
const SHOWN_AGENCIES = 12;

function select(name: string, label: string, options: Array<[string, string]>, value: string): HTMLElement {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, label),
    h(
      'select',
      { name },
      h('option', { value: '' }, t('search.any')),
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );
}

function dateField(name: 'from' | 'to', value: string): HTMLElement {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, t(`search.${name}`)),
    h('input', { type: 'date', name, value }),
  );
}

async function filterOptions() {
  const [stats, categories] = await Promise.all([api.stats(), categoryCatalog()]);
  return {
    provinces: stats.graph.byProvince.map(({ value }): [string, string] => [
      value,
      provinceName(value) ?? value,
    ]),
    types: stats.graph.byType.map(({ value }): [string, string] => [value, docTypeLabel(value) ?? value]),
    categories: [...categories.values()].map((c): [string, string] => [
      c.key,
      c.label ? pick(c.label) : c.key,
    ]),
  };
}

function searchForm(params: URLSearchParams, filters: HTMLElement): HTMLFormElement {
  const form = h(
    'form',
    {
      class: 'search-form',
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget as HTMLFormElement);
        const value = (name: string) => String(data.get(name) ?? '').trim() || undefined;
        navigate(['search'], Object.fromEntries(['q', ...FILTERS].map((name) => [name, value(name)])));
      },
    },
    h(
      'div',
      { class: 'search-row' },
      h('label', { for: 'q', class: 'visually-hidden' }, t('search.label')),
      h('input', {
        id: 'q',
        name: 'q',
        type: 'search',
        value: params.get('q') ?? '',
        placeholder: t('search.placeholder'),
        autocomplete: 'off',
        maxlength: 500,
      }),
      h('button', { type: 'submit' }, t('search.submit')),
    ),
    filters,
  );
  return form;
}

function evidenceItem(e: AgencyHit['evidence'][number]): HTMLElement {
  return h(
    'li',
    {},
    h('blockquote', {}, marked(e.snippet, e.highlights)),
    h(
      'p',
      { class: 'source' },
      roleBadge(e.role),
      ' ',
      passageLink(e.document.id, e, refLabel(e.document)),
      ` · ${docTypeLabel(e.document.type) ?? ''} · ${formatDate(e.document.issuedAt)}`,
    ),
  );
}

function agencyCard(hit: AgencyHit): HTMLElement {
  const typeEn = hit.id.startsWith('type:') && currentLang() === 'en' ? agencyTypeNameEn(hit.typeId) : null;
  const name = hit.id.startsWith('type:')
    ? h('span', { title: typeEn ? hit.name : undefined }, typeEn ?? hit.name)
    : namedAgencyLink(hit);
  const list = h('ul', { class: 'evidence' }, hit.evidence.slice(0, SHOWN_EVIDENCE).map(evidenceItem));
  const hidden = hit.evidence.slice(SHOWN_EVIDENCE);
  // "+N" opens the rest of the duties the response carries; beyond those, the agency page has them all.
  const more =
    hit.evidenceCount > SHOWN_EVIDENCE
      ? h(
          'button',
          {
            type: 'button',
            class: 'link more',
            'aria-expanded': 'false',
            onclick: (event: Event) => {
              list.append(...hidden.map(evidenceItem));
              const rest = hit.evidenceCount - hit.evidence.length;
              const button = event.currentTarget as HTMLElement;
              if (rest > 0 && !hit.id.startsWith('type:'))
                button.replaceWith(
                  h('p', { class: 'more' }, agencyLink(hit.id, t('search.moreEvidence', { count: rest }))),
                );
              else button.remove();
            },
          },
          `+${hit.evidenceCount - SHOWN_EVIDENCE} · ${t('search.moreEvidence', { count: hit.evidenceCount - SHOWN_EVIDENCE })}`,
        )
      : null;
  return h(
    'article',
    { class: hit.related ? 'card agency-card related' : 'card agency-card', 'data-agency': hit.id },
    h('h3', {}, name),
    h(
      'p',
      { class: 'card-meta' },
      hit.roles.map(roleBadge),
      ' ',
      h('span', { class: 'province' }, provinceName(hit.province) ?? t('common.national')),
    ),
    list,
    more,
  );
}

/** A source document as a person names it: its symbol, else its type, province and year. */
const refLabel = (d: DocumentRef): string =>
  d.symbol ??
  [docTypeLabel(d.type) ?? t('doc.untitled'), provinceName(d.province), d.issuedAt?.slice(0, 4)]
    .filter(Boolean)
    .join(' · ');

function passage(hit: PassageHit): HTMLElement {
  return h(
    'article',
    { class: 'card passage' },
    h(
      'p',
      { class: 'source' },
      passageLink(hit.document.id, hit, refLabel(hit.document)),
      ` · ${formatDate(hit.document.issuedAt)} · ${hit.kind === 'document' ? t('search.documentItself') : formatPath(hit.path)}`,
    ),
    h('p', { class: 'passage-text' }, marked(hit.text, hit.highlights)),
    h(
      'p',
      { class: 'card-meta' },
      hit.agencies.map((a) =>
        h('span', { class: 'agency-chip' }, namedAgencyLink(a), ' ', roleBadge(a.role)),
      ),
      hit.deadline
        ? h('span', { class: 'deadline' }, t('search.deadline', { date: formatDate(hit.deadline) }))
        : null,
    ),
  );
}

/** The server's reason in the interface language, from its code; its English words for an unknown code. */
function reasonText(response: SearchResponse, filters: SearchFilters): string {
  const key = `search.reason.${response.reasonCode ?? ''}`;
  if (!hasMessage(key)) return response.reason ?? '';
  const value = response.reasonCode?.startsWith('province')
    ? (provinceName(filters.province) ?? filters.province)
    : response.reasonCode === 'unknown-province'
      ? filters.province
      : response.reasonCode?.includes('category')
        ? filters.category
        : response.reasonCode?.includes('type')
          ? filters.type
          : undefined;
  return t(key, { value: value ?? '' });
}

function emptyState(response: SearchResponse, filters: SearchFilters, filtered: boolean): HTMLElement {
  return h(
    'div',
    { class: 'empty', role: 'status' },
    h('h2', {}, t('search.emptyTitle', { query: response.query })),
    response.reason ? h('p', {}, t('search.emptyReason', { reason: reasonText(response, filters) })) : null,
    h(
      'ul',
      {},
      filtered
        ? h(
            'li',
            {},
            h('a', { href: routeHref(['search'], { q: response.query }) }, t('search.emptyClearFilters')),
          )
        : null,
      h('li', {}, t('search.emptyOtherWords')),
      h('li', {}, t('search.emptyLanguages')),
    ),
    examples(),
  );
}

/** What the start page shows: the corpus in numbers and the first documents of the library. */
const library = async () => {
  const [stats, documents] = await Promise.all([api.stats(), api.documents(RECENT_DOCUMENTS)]);
  return { stats: stats.graph, documents: documents.items };
};

function documentList(documents: DocumentSummary[]): HTMLElement {
  return h(
    'section',
    { class: 'library', 'aria-labelledby': 'library-title' },
    h('h2', { id: 'library-title' }, t('search.library')),
    h(
      'ul',
      {},
      documents.map((doc) =>
        h(
          'li',
          {},
          docLink(doc.id, documentLabel(doc)),
          ` · ${formatDate(doc.issuedAt)} · ${provinceName(doc.province) ?? t('common.national')}`,
          doc.title ? h('span', { class: 'library-title' }, doc.title) : null,
        ),
      ),
    ),
  );
}

function examples(): HTMLElement {
  return h(
    'p',
    { class: 'examples' },
    t('search.examples'),
    ' ',
    EXAMPLES.map((q) => [h('a', { href: routeHref(['search'], { q }), class: 'chip' }, q), ' ']),
  );
}

function cards(all: HTMLElement[]): HTMLElement[] {
  const box = h('div', { class: 'cards' }, all.slice(0, SHOWN_AGENCIES));
  if (all.length <= SHOWN_AGENCIES) return [box];
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary show-all',
      onclick: () => {
        box.append(...all.slice(SHOWN_AGENCIES));
        button.remove();
        (all[SHOWN_AGENCIES]?.querySelector('a') as HTMLElement | null)?.focus();
      },
    },
    t('search.showAll', { count: all.length }),
  );
  return [box, button];
}

function results(response: SearchResponse, filters: SearchFilters, filtered: boolean): Child {
  if (response.agencies.length === 0 && response.passages.length === 0)
    return emptyState(response, filters, filtered);
  const answers = response.agencies.filter((a) => !a.related);
  const related = response.agencies.filter((a) => a.related);
  return [
    h(
      'p',
      {
        class: response.semantic ? 'semantic-status on' : 'semantic-status off',
        role: 'status',
        // The server's reason is for whoever runs it: in English, on hover.
        title: response.semantic ? undefined : response.semanticReason,
      },
      response.semantic ? t('search.semanticOn') : t('search.semanticOff'),
    ),
    response.concepts.length
      ? h(
          'p',
          { class: 'concepts' },
          t('search.understood'),
          ' ',
          response.concepts.map((c) =>
            c.id.startsWith('category:')
              ? [categoryLink(c.id, pick(c.label)), ' ']
              : [h('span', { class: 'chip' }, pick(c.label)), ' '],
          ),
        )
      : null,
    h(
      'section',
      { class: 'answers', 'aria-labelledby': 'answers-title' },
      h('h2', { id: 'answers-title' }, t('search.agencies', { count: answers.length })),
      cards(answers.map(agencyCard)),
      related.length
        ? h(
            'details',
            { class: 'related-mentions' },
            h('summary', {}, t('search.related', { count: related.length })),
            h('p', { class: 'hint' }, t('search.relatedHint')),
            h('div', { class: 'cards' }, related.map(agencyCard)),
          )
        : null,
    ),
    h(
      'section',
      { class: 'passages', 'aria-labelledby': 'passages-title' },
      h('h2', { id: 'passages-title' }, t('search.passages', { count: response.passages.length })),
      response.passages.map(passage),
    ),
  ];
}

export function searchView(root: HTMLElement, route: Route): void {
  const params = route.params;
  const query = params.get('q')?.trim() ?? '';
  const filterBox = h('div', { class: 'filters' });
  const output = h('div', { class: 'results', 'aria-live': 'polite' });
  mount(root, pageTitle(query || t('search.title')), searchForm(params, filterBox), output);
  if (!query) (root.querySelector('#q') as HTMLInputElement | null)?.focus();

  void load(filterBox, filterOptions, (options) => [
    select('province', t('search.province'), options.provinces, params.get('province') ?? ''),
    select('category', t('search.category'), options.categories, params.get('category') ?? ''),
    select('type', t('search.type'), options.types, params.get('type') ?? ''),
    dateField('from', params.get('from') ?? ''),
    dateField('to', params.get('to') ?? ''),
    h(
      'label',
      { class: 'field checkbox' },
      h('input', {
        type: 'checkbox',
        name: 'inForce',
        value: 'true',
        checked: params.get('inForce') === 'true',
      }),
      h('span', {}, t('search.inForce')),
    ),
  ]);

  if (!query) {
    void load(output, library, ({ stats: graph, documents }) => [
      h(
        'p',
        { class: 'intro' },
        t('search.intro', { documents: graph.documents, duties: graph.duties, agencies: graph.agencies }),
      ),
      examples(),
      documentList(documents),
    ]);
    return;
  }
  const filters: SearchFilters = Object.fromEntries(
    FILTERS.map((name) => [name, params.get(name) ?? undefined]),
  );
  const filtered = FILTERS.some((name) => params.get(name));
  void load(
    output,
    () => api.search(query, filters),
    (response) => [
      exportLinks(
        ['search', 'xlsx'],
        { q: query, ...filters },
        // The matrix covers the province and category chosen, not the words of the query.
        { xlsx: { province: filters.province, category: filters.category } },
      ),
      results(response, filters, filtered),
    ],
  );
}
