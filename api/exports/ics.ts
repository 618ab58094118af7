/**
 * Duty deadlines as an iCalendar feed (ical-generator): one all-day event per duty with a deadline.
 * Deadlines are partial dates; a month or a year is shown on its last day (the latest the duty may be
 * done), and the event says which precision the document gave.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { shownText, type PartialDate } from '../../ingest/schema.js';
import type { SelectedDuties } from '../capabilities.js';
import { categoryLabel, documentLabel, documentLink, ROLE_LABELS } from './rows.js';
import { selectionText } from './xlsx.js';

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';
/** Summaries stay readable in a calendar grid. */
const SUMMARY_CHARS = 90;

export interface DeadlineDay {
  /** The all-day event's date, YYYY-MM-DD. */
  date: string;
  precision: 'day' | 'month' | 'year';
  /** How the deadline reads, in Vietnamese and English. */
  note: string;
}

/** Where a partial-date deadline goes in a calendar: the day, the month's last day, or 31 December. */
export function deadlineDay(deadline: PartialDate): DeadlineDay {
  const [year, month, day] = deadline.split('-').map(Number) as [number, number?, number?];
  if (day !== undefined && month !== undefined) {
    return { date: deadline, precision: 'day', note: `Thời hạn / Deadline: ${day}/${month}/${year}` };
  }
  if (month !== undefined) {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return {
      date: `${deadline}-${String(last).padStart(2, '0')}`,
      precision: 'month',
      note: `Thời hạn: trong tháng ${month}/${year} (văn bản chỉ ghi tháng; đặt vào ngày cuối tháng) / Deadline: month ${month}/${year} (the document gives the month only; shown on its last day)`,
    };
  }
  return {
    date: `${year}-12-31`,
    precision: 'year',
    note: `Thời hạn: trong năm ${year} (văn bản chỉ ghi năm; đặt vào ngày 31/12) / Deadline: year ${year} (the document gives the year only; shown on 31 December)`,
  };
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const utcDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

export function deadlineCalendar(selected: SelectedDuties, base: string, now = new Date()): string {
  const calendar = ical({
    name: `dutygraph — thời hạn / deadlines (${selectionText(selected)})`,
    prodId: { company: 'dutygraph', product: 'deadlines', language: 'VI' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const { duty, document } of selected.rows) {
    if (!duty.deadline) continue;
    const day = deadlineDay(duty.deadline);
    const start = utcDate(day.date);
    const agencies = duty.agencies.map((a) => `${a.name} — ${ROLE_LABELS[a.role]}`);
    const link = documentLink(base, document.id);
    const description = [
      day.note,
      `Văn bản / Document: ${documentLabel(document)}${document.issuedAt ? ` (${document.issuedAt})` : ''}, mục / section ${duty.path}`,
      agencies.length > 0 ? `Cơ quan / Agencies:\n${agencies.map((a) => `- ${a}`).join('\n')}` : null,
      `Nhiệm vụ / Duty:\n${shownText(duty)}`,
      link,
    ].filter(Boolean);
    calendar.createEvent({
      id: `${duty.id}@dutygraph`,
      stamp: now,
      start,
      end: new Date(start.getTime() + 86_400_000),
      allDay: true,
      summary: `${document.symbol ?? documentLabel(document)}: ${shorten(shownText(duty), SUMMARY_CHARS)}`,
      description: description.join('\n\n'),
      url: link,
      categories: duty.categories.map((c) => ({ name: categoryLabel(c) })),
    });
  }
  return calendar.toString();
}
