/** "How does this document connect to …?": the shortest citation path to another document, on its page. */
import type { DocumentPath, PathStep } from '../../../graph/lifecycle-schema.js';
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { type MessageKey, t } from '../i18n.js';
import { docLink, errorBox, formatDate, provinceName } from './common.js';
import { documentLabel } from './lineage.js';

const stepLabel = (step: PathStep) =>
  t(`lineage.${step.kind}.${step.forward ? 'out' : 'in'}` as MessageKey).toLowerCase();

function pathList(path: DocumentPath): HTMLElement {
  if (!path.found) return h('p', { class: 'notice' }, t('path.none', { to: documentLabel(path.to) }));
  const items: HTMLElement[] = [];
  path.documents.forEach((d, i) => {
    const meta = [
      provinceName(d.province) ?? t('common.national'),
      d.issuedAt ? formatDate(d.issuedAt) : null,
    ];
    items.push(
      h(
        'li',
        { class: 'path-document' },
        docLink(d.key, documentLabel(d)),
        h('span', { class: 'related-meta' }, meta.filter(Boolean).join(' · ')),
      ),
    );
    const step = path.steps[i];
    if (step) items.push(h('li', { class: 'path-step', 'aria-hidden': 'false' }, `↓ ${stepLabel(step)}`));
  });
  return h(
    'div',
    {},
    h('p', { class: 'notice' }, t('path.found', { count: path.steps.length })),
    h('ol', { class: 'path-list' }, items),
  );
}

/** The form and its answer; suggestions are the documents of the library. */
export function pathFinder(key: string, initialTo: string | null): HTMLElement {
  const answer = h('div', { class: 'path-answer', 'aria-live': 'polite' });
  const input = h('input', {
    name: 'to',
    type: 'search',
    list: 'path-documents',
    placeholder: '623/QĐ-TTg',
    value: initialTo ?? '',
    'aria-label': t('path.label'),
  }) as HTMLInputElement;
  const options = h('datalist', { id: 'path-documents' });
  void api
    .documents(500)
    .then((page) =>
      mount(
        options,
        page.items
          .filter((d) => d.key !== key && d.symbol)
          .map((d) => h('option', { value: d.symbol! }, documentLabel(d))),
      ),
    )
    .catch(() => undefined); // suggestions are a convenience; typing a symbol still works
  const ask = async (to: string) => {
    mount(answer, h('p', { class: 'loading' }, t('common.loading')));
    try {
      mount(answer, pathList(await api.path(key, to)));
    } catch (error) {
      mount(
        answer,
        errorBox(error, () => void ask(to)),
      );
    }
  };
  if (initialTo) void ask(initialTo);
  return h(
    'section',
    { class: 'panel path-finder', 'aria-labelledby': 'path-title' },
    h('h2', { id: 'path-title' }, t('path.title')),
    h(
      'form',
      {
        class: 'path-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const to = input.value.trim();
          if (to) void ask(to);
        },
      },
      input,
      options,
      h('button', { type: 'submit' }, t('path.submit')),
    ),
    answer,
  );
}
