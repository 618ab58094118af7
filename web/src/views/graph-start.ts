/** The graph page starts from a search box: suggestions over documents, agencies and crime categories. */
import type { z } from 'zod';
import type { SuggestResponse } from '../../../api/routes/suggest.js';
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { type MessageKey, pick, t } from '../i18n.js';
import { navigate } from '../router.js';

type Suggestion = z.infer<typeof SuggestResponse>['items'][number];

export function graphStart(): HTMLElement {
  const list = h('ul', { class: 'suggestions', id: 'graph-suggestions', role: 'listbox' });
  let asked = 0;
  const open = (s: Suggestion) => navigate(['graph'], { node: s.node });
  const render = (items: Suggestion[]) =>
    mount(
      list,
      items.map((s) =>
        h(
          'li',
          { role: 'option' },
          h(
            'button',
            { type: 'button', class: 'suggestion', 'data-kind': s.kind, onclick: () => open(s) },
            h('span', { class: `badge kind-badge kind-${s.kind}` }, t(`kind.${s.kind}` as MessageKey)),
            ' ',
            h('span', { title: s.labelEn ? s.label : '' }, pick({ vi: s.label, en: s.labelEn })),
            s.detail ? h('span', { class: 'suggestion-detail', lang: 'vi' }, s.detail) : null,
          ),
        ),
      ),
    );
  const input = h('input', {
    id: 'node',
    name: 'q',
    type: 'search',
    autocomplete: 'off',
    placeholder: t('graph.startPlaceholder'),
    'aria-controls': 'graph-suggestions',
    oninput: async () => {
      const q = input.value.trim();
      const mine = ++asked;
      if (q.length < 2) return render([]);
      const found = await api.suggest(q).catch(() => ({ items: [] }));
      if (mine === asked) render(found.items); // an older, slower answer never replaces a newer one
    },
  }) as HTMLInputElement;
  return h(
    'form',
    {
      class: 'graph-start',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const q = input.value.trim();
        if (!q) return;
        const found = await api.suggest(q).catch(() => ({ items: [] }));
        if (found.items[0]) open(found.items[0]);
        else render([]);
      },
    },
    h('label', { for: 'node', class: 'visually-hidden' }, t('graph.nodeLabel')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit' }, t('graph.show'))),
    list,
  );
}
