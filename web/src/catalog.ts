/** Lists the explorer needs on many pages (category labels, corpus stats), fetched once per visit. */
import { api } from './api.js';
import type { CategoryItem } from './types.js';

let categories: Promise<Map<string, CategoryItem>> | undefined;

export function categoryCatalog(): Promise<Map<string, CategoryItem>> {
  categories ??= api.categories().then(
    (page) => new Map(page.items.map((item) => [item.key, item])),
    (error: unknown) => {
      categories = undefined; // let a later view try again
      throw error;
    },
  );
  return categories;
}
