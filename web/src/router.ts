/**
 * Hash routes, so every view has a URL to share and the server needs no route of its own:
 * #/search?q=…, #/doc/<key>?direction=&depth=, #/graph?node=…&limit=, #/agency/<id>, #/category/<id>.
 */
export interface Route {
  /** Path segments, decoded: ["doc", "lang-son:9903-kh-ubnd:2026"]. */
  path: string[];
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const cut = raw.indexOf('?');
  const path = (cut < 0 ? raw : raw.slice(0, cut)).split('/').filter(Boolean);
  let decoded: string[];
  try {
    decoded = path.map(decodeURIComponent);
  } catch {
    decoded = path; // a hand-typed "%" that is not an escape: keep the text as typed
  }
  return { path: decoded, params: new URLSearchParams(cut < 0 ? '' : raw.slice(cut + 1)) };
}

export function routeHref(path: string[], params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  return `#/${path.map(encodeURIComponent).join('/')}${query.size ? `?${query}` : ''}`;
}

export function navigate(path: string[], params: Record<string, string | number | undefined> = {}): void {
  location.hash = routeHref(path, params);
}
