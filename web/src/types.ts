/** Response types the API composes in api/schemas.ts, re-used here as types only (nothing of zod is bundled). */
import type { z } from 'zod';
import type {
  CategoryDetail as CategoryDetailSchema,
  CategoryItem as CategoryItemSchema,
} from '../../api/schemas.js';

export type { DocumentDetail } from '../../api/schemas.js';
export type CategoryDetail = z.infer<typeof CategoryDetailSchema>;
export type CategoryItem = z.infer<typeof CategoryItemSchema>;
