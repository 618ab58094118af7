/** Entry point: the header (navigation, language toggle) and the hash router that draws each view. */
import './style.css';
import { loadAgencyNames } from './agency-names.js';
import { h, mount } from './dom.js';
import { currentLang, setLang, t } from './i18n.js';
import { parseRoute, type Route, routeHref } from './router.js';
import { agencyView } from './views/agency.js';
import { categoryView } from './views/category.js';
import { documentView } from './views/document.js';
import { graphView } from './views/graph.js';
import { mapView } from './views/map.js';
import { searchView } from './views/search.js';

/**
 * Draws a view into `root`; may return an updater that takes a new query on the same path in place
 * (the document view redraws only its chain when direction or depth change).
 */
type View = (root: HTMLElement, route: Route, cleanup: (fn: () => void) => void) => Updater | void;
type Updater = (route: Route) => void;

const VIEWS: Record<string, View> = {
  search: searchView,
  doc: documentView,
  graph: graphView,
  agency: agencyView,
  category: categoryView,
  map: mapView,
};

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const toggle = document.getElementById('lang-toggle') as HTMLButtonElement;
let cleanups: Array<() => void> = [];
let shown: { path: string; update: Updater | void } | undefined;

function header(route: Route): void {
  const link = (name: string, label: string) =>
    h('a', { href: routeHref([name]), 'aria-current': route.path[0] === name ? 'page' : undefined }, label);
  mount(nav, link('search', t('nav.search')), link('graph', t('nav.graph')), link('map', t('nav.map')));
  toggle.textContent = currentLang() === 'vi' ? 'English' : 'Tiếng Việt';
  toggle.setAttribute('aria-label', t('nav.language'));
  toggle.lang = currentLang() === 'vi' ? 'en' : 'vi';
  document.querySelector('.skip-link')!.textContent = t('nav.skip');
}

function render(): void {
  shown = undefined;
  for (const fn of cleanups) fn();
  cleanups = [];
  const route = parseRoute(location.hash);
  const view = VIEWS[route.path[0] ?? 'search'];
  header(route);
  const root = h('div', { class: 'view' });
  mount(main, root);
  if (view) shown = { path: route.path.join('/'), update: view(root, route, (fn) => cleanups.push(fn)) };
  else
    mount(
      root,
      h('h1', {}, t('error.noPage')),
      h('p', {}, h('a', { href: routeHref(['search']) }, t('nav.search'))),
    );
}

/** English names of agencies come from a table loaded on first use; a failed load leaves the Vietnamese. */
const namesReady = () =>
  currentLang() === 'en' ? loadAgencyNames().catch(() => undefined) : Promise.resolve();

toggle.addEventListener('click', () => {
  setLang(currentLang() === 'vi' ? 'en' : 'vi');
  void namesReady().then(render);
});
window.addEventListener('hashchange', () => {
  const route = parseRoute(location.hash);
  if (shown?.update && shown.path === route.path.join('/')) return shown.update(route);
  render();
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
});
setLang(currentLang());
void namesReady().then(render);
