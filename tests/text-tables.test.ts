/**
 * Tables drawn in plain text (box-drawing or ASCII rules around "│" / "|" cells, text wrapped inside cells): each
 * row becomes one line of " | " cells, as every other reader writes table rows. Tables written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { redrawTextTables } from '../ingest/readers/text-tables.js';

describe('tables drawn in text', () => {
  it('joins a box-drawn row’s wrapped lines cell by cell, rules dropped', () => {
    const text = [
      'Phân công như sau:',
      '┌─────┬──────────────────────┬──────────────┐',
      '│ STT │ Nội dung             │ Chủ trì      │',
      '├─────┼──────────────────────┼──────────────┤',
      '│ 1   │ Rà soát các cơ sở    │ Công an tỉnh │',
      '│     │ kinh doanh karaoke   │              │',
      '├─────┼──────────────────────┼──────────────┤',
      '│ 2   │ Tuyên truyền         │ Sở Tư pháp   │',
      '└─────┴──────────────────────┴──────────────┘',
      'Nơi nhận:',
    ].join('\n');
    expect(redrawTextTables(text).split('\n')).toEqual([
      'Phân công như sau:',
      'STT | Nội dung | Chủ trì',
      '1 | Rà soát các cơ sở kinh doanh karaoke | Công an tỉnh',
      '2 | Tuyên truyền | Sở Tư pháp',
      'Nơi nhận:',
    ]);
  });

  it('reads ASCII tables whose rows have no rule between them by their first cells', () => {
    const text = [
      '+----+-------------------+------------+',
      '| TT | Nhiệm vụ          | Chủ trì    |',
      '+----+-------------------+------------+',
      '| 1  | Kiểm tra hàng giả | Chi cục    |',
      '|    | trên mạng xã hội  | QLTT       |',
      '| 2  | Tuần tra biên giới| BĐBP tỉnh  |',
      '+----+-------------------+------------+',
    ].join('\n');
    expect(redrawTextTables(text).split('\n')).toEqual([
      'TT | Nhiệm vụ | Chủ trì',
      '1 | Kiểm tra hàng giả trên mạng xã hội | Chi cục QLTT',
      '2 | Tuần tra biên giới | BĐBP tỉnh',
    ]);
  });

  it('leaves text without a drawn table as it is, markdown tables and dash rules included', () => {
    const text = '| a | b |\n|---|---|\n| 1 | 2 |\n\n-------\nKẾ HOẠCH\n+----- giữ nguyên';
    expect(redrawTextTables(text)).toBe(text);
  });
});
