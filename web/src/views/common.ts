/** Pieces every view shares: links, labels for data values, and the loading / error / retry frame. */
import type { AnswerRole } from '../../../search/schema.js';
import provinces from '../../../data/provinces.json';
import { agencyName } from '../agency-names.js';
import { ApiError } from '../api.js';
import { type Child, h, mount } from '../dom.js';
import { currentLang, hasMessage, type MessageKey, pick, t } from '../i18n.js';
import { routeHref } from '../router.js';

const PROVINCES = new Map(provinces.map((p) => [p.slug, p]));

export const provinceName = (slug: string | null | undefined): string | null => {
  if (!slug) return null;
  const province = PROVINCES.get(slug);
  return province ? pick({ vi: province.name, en: province.nameEn }) : slug;
};

export const roleLabel = (role: AnswerRole): string => t(`role.${role}` as MessageKey);

export const roleBadge = (role: AnswerRole): HTMLElement =>
  h('span', { class: `badge role-${role}` }, roleLabel(role));

/** "2026-02-10" → 10/02/2026 (vi) or 2026-02-10 (en); partial dates keep their precision. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return t('common.noDate');
  if (currentLang() === 'en') return date;
  return date.split('-').reverse().join('/');
}

/** A document key or node id ("doc:…") as the key the routes use. */
export const stripPrefix = (id: string, prefix: string) =>
  id.startsWith(`${prefix}:`) ? id.slice(prefix.length + 1) : id;

export const docLink = (key: string, label: Child, attrs: Record<string, string> = {}) =>
  h('a', { href: routeHref(['doc', stripPrefix(key, 'doc')]), ...attrs }, label);

/** A link that opens the document scrolled to one duty, highlighted. */
export const dutyLink = (key: string, dutyId: string, label: Child) =>
  h('a', { href: routeHref(['doc', stripPrefix(key, 'doc')], { duty: dutyId }) }, label);

/** A link to where a search passage is: the duty, or the document's head for its own passage. */
export const passageLink = (
  key: string,
  passage: { kind: 'duty' | 'document'; dutyId: string },
  label: Child,
) => (passage.kind === 'document' ? docLink(key, label) : dutyLink(key, passage.dutyId, label));

/** A section path as people read it: "II > 2#5" → "II › 2, ý 5". */
export function formatPath(path: string): string {
  const bullet = /^(.*?)#(\d+)$/.exec(path);
  const section = (bullet ? bullet[1]! : path).replace(/ > /g, ' › ');
  if (!bullet) return section;
  const item = t('doc.pathItem', { n: bullet[2]! });
  // A bullet outside any numbered item reads on its own: "Ý 5", not ", ý 5".
  return section ? `${section}, ${item}` : item.charAt(0).toUpperCase() + item.slice(1);
}

export const agencyLink = (key: string, label: Child, title?: string | null) =>
  h('a', { href: routeHref(['agency', stripPrefix(key, 'agency')]), title }, label);

/**
 * A document's issuer as a person reads it: as printed ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN / …") in
 * Vietnamese; in English the issuing agency's English name, with the printed words on hover.
 */
export function issuerText(doc: { issuer: string | null; issuerId: string | null }): {
  shown: string;
  other: string | null;
} | null {
  if (!doc.issuer) return null;
  const printed = doc.issuer.split(' / ').join(' ');
  const named = doc.issuerId ? agencyName({ id: doc.issuerId, name: printed }) : null;
  return named?.other ? named : { shown: printed, other: null };
}

/** An agency's page under its name in the interface language, the Vietnamese name on hover in English. */
export const namedAgencyLink = (agency: { id: string; name: string; nameEn?: string | null }) => {
  const { shown, other } = agencyName(agency);
  return agencyLink(agency.id, shown, other);
};

export const categoryLink = (key: string, label: Child) =>
  h('a', { href: routeHref(['category', stripPrefix(key, 'category')]), class: 'chip' }, label);

export const graphLink = (nodeId: string) =>
  h(
    'a',
    { href: routeHref(['graph'], { node: nodeId }), class: 'button secondary' },
    t('graph.openNeighborhood'),
  );

/** The coverage map of a document across provinces (#/map?doc=…). */
export const coverageLink = (key: string) =>
  h(
    'a',
    { href: routeHref(['map'], { doc: stripPrefix(key, 'doc') }), class: 'button secondary coverage-link' },
    t('doc.coverageMap'),
  );

export function errorMessage(error: unknown): string {
  // A server message in the interface's language when its code is known; the server's words otherwise.
  const byCode = error instanceof ApiError && error.code ? `error.code.${error.code}` : null;
  if (byCode && hasMessage(byCode)) return t(byCode, { detail: error instanceof Error ? error.message : '' });
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 404) return t('error.notFound', { detail: error.message });
    if (error.status === 429) return t('error.rateLimited');
    return t('error.server', { detail: error.message });
  }
  return t('error.unexpected', { detail: error instanceof Error ? error.message : String(error) });
}

/** The alert shown when a request fails, with a Retry button that runs `retry`. */
export function errorBox(error: unknown, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', {}, errorMessage(error)),
    // Retrying a missing page cannot help; searching can.
    error instanceof ApiError && error.status === 404
      ? h('a', { href: routeHref(['search']), class: 'button' }, t('error.backToSearch'))
      : h('button', { type: 'button', onclick: retry }, t('common.retry')),
  );
}

/**
 * Shows a loading line in `target`, runs `fetcher`, then `render`s and calls `shown` once the result is
 * on the page; a failure becomes an error box whose Retry runs the whole thing again.
 */
export async function load<T>(
  target: HTMLElement,
  fetcher: () => Promise<T>,
  render: (data: T) => Child | Promise<Child>,
  shown?: (data: T) => void,
): Promise<void> {
  target.setAttribute('aria-busy', 'true');
  mount(target, h('p', { class: 'loading' }, t('common.loading')));
  try {
    const data = await fetcher();
    mount(target, await render(data));
    if (target.isConnected) shown?.(data);
  } catch (error) {
    mount(
      target,
      errorBox(error, () => void load(target, fetcher, render, shown)),
    );
  } finally {
    target.removeAttribute('aria-busy');
  }
}

export const pageTitle = (text: string) => {
  document.title = `${text} · dutygraph`;
  return h('h1', {}, text);
};
