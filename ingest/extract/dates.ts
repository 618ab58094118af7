/** Dates as written in Vietnamese documents → ISO, full or partial; impossible dates (OCR noise) → less precise. */
import type { PartialDate } from '../schema.js';

/**
 * "29", "8", "2025" → "2025-08-29"; no day → "2025-08"; no month → "2025". A month or day out of range
 * ("ngày 45 tháng 13") drops to the precision that is still true rather than inventing a date.
 */
export function partialDate(year?: string, month?: string, day?: string): PartialDate | null {
  if (!year || !/^\d{4}$/.test(year)) return null;
  const m = Number(month);
  if (!month || !(m >= 1 && m <= 12)) return year;
  const mm = String(m).padStart(2, '0');
  const d = Number(day);
  const lastDay = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  if (!day || !(d >= 1 && d <= lastDay)) return `${year}-${mm}`;
  return `${year}-${mm}-${String(d).padStart(2, '0')}`;
}
