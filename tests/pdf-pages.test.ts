/**
 * A PDF's pages joined as the document reads (ingest/readers/pdf-layout.ts joinPages): running headers and footers
 * and page numbers are page furniture; a paragraph a page break cut goes on.
 */
import { describe, expect, it } from 'vitest';
import { joinPages } from '../ingest/readers/pdf-layout.js';

const FOOTER = 'Văn phòng UBND tỉnh Ninh Thuận – Chỉ thị số 07/CT-UBND';

describe('joinPages', () => {
  it('drops a footer printed on every page and the page numbers, and joins a paragraph the break cut', () => {
    const pages = [
      `CHỈ THỊ\n\n1. Công an tỉnh:\na) Chủ trì tuần tra khu vực khai thác khoáng sản,\n\n${FOOTER}`,
      `2\n\ncát, sỏi lòng sông; hoàn thành trước ngày 30/6/2024.\nb) Phối hợp với Sở Tài chính.\n\n${FOOTER}`,
    ];
    expect(joinPages(pages)).toBe(
      'CHỈ THỊ\n\n1. Công an tỉnh:\na) Chủ trì tuần tra khu vực khai thác khoáng sản,\ncát, sỏi lòng sông; hoàn thành trước ngày 30/6/2024.\nb) Phối hợp với Sở Tài chính.',
    );
  });

  it('keeps a page break between paragraphs, and lines that only one page prints', () => {
    const pages = ['Trang đầu.\n\nKết thúc đoạn.', 'Trang 2\n\nĐoạn mới bắt đầu.\nGhi chú riêng'];
    expect(joinPages(pages)).toBe('Trang đầu.\n\nKết thúc đoạn.\n\nĐoạn mới bắt đầu.\nGhi chú riêng');
  });

  it('keeps a lone page whole but for its page number, and skips empty pages', () => {
    expect(joinPages(['', 'KẾ HOẠCH\nNội dung.\n- 1 -', ''])).toBe('KẾ HOẠCH\nNội dung.');
  });
});
