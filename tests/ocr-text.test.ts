/**
 * OCR text after the engine, without the engine: Vietnamese syllable correction, agency names, item labels and specks
 * (ingest/readers/ocr/vietnamese.ts, agency-names.ts, layout.ts), and the CLI's progress bar per OCR'd file.
 */
import { describe, expect, it } from 'vitest';
import { correctAgencyNames } from '../ingest/readers/ocr/agency-names.js';
import { dropSpecks, repairItemLabels } from '../ingest/readers/ocr/layout.js';
import { correctVietnamese, correctWord } from '../ingest/readers/ocr/vietnamese.js';

describe('Vietnamese after OCR', () => {
  it('a non-syllable one confusion away from exactly one syllable is corrected; valid syllables and abbreviations are kept', () => {
    expect(correctWord('tiêú')).toBe('tiếu'); // a tone mark on the wrong vowel
    expect(correctWord('quôc')).toBe('quốc'); // a dropped tone with one possible syllable
    expect(correctWord('Viêc')).toBe('Việc'); // case kept
    expect(correctWord('đươc')).toBeNull(); // được or đước: left as read
    expect(correctVietnamese('Chi cục Hải quan khu vực VỊ và ĐƠN VỊ').text).toBe(
      'Chi cục Hải quan khu vực VI và ĐƠN VỊ',
    );
    expect(correctWord('Tỉnh')).toBeNull();
    expect(correctWord('UBND')).toBeNull();
    expect(correctWord('TPXQG')).toBeNull();
  });

  it('a known agency name read with other marks takes the name’s marks, across a wrapped line; a blank line or another name is left alone', () => {
    // "chỉ" is a syllable too, so only the agency names can tell.
    expect(correctAgencyNames('Chỉ cục Hải quan khu vực VI phối hợp')).toEqual({
      text: 'Chi cục Hải quan khu vực VI phối hợp',
      corrections: 1,
    });
    expect(correctAgencyNames('CHỈ CỤC QUẢN LÝ THỊ TRƯỜNG').text).toBe('CHI CỤC QUẢN LÝ THỊ TRƯỜNG');
    expect(correctAgencyNames('Công án tỉnh Lạng Sơn').text).toBe('Công an tỉnh Lạng Sơn');
    expect(correctAgencyNames('Chỉ cục Hải\nquan khu vực VI').text).toBe('Chi cục Hải\nquan khu vực VI');
    expect(correctAgencyNames('chỉ cục\n\nHải quan khu vực').corrections).toBe(0);
    expect(correctAgencyNames('Giám đốc chỉ đạo Bộ Chỉ huy Bộ đội Biên phòng tỉnh').corrections).toBe(0);
  });

  it('a capitalized run a letter away from a long agency name is that name: wrong letter, split or merged word, a speck', () => {
    expect(correctAgencyNames('phối hợp với Ngân bàng Nhà nước chi nhánh tỉnh, Sở Y tế')).toEqual({
      text: 'phối hợp với Ngân hàng Nhà nước chi nhánh tỉnh, Sở Y tế',
      corrections: 1,
    });
    expect(correctAgencyNames('Vlện Kiểm sát nhân dân tỉnh').text).toBe('Viện Kiểm sát nhân dân tỉnh');
    expect(correctAgencyNames('giao Bộ Chỉ huy Quân sựtỉnh chủ trì').text).toBe(
      'giao Bộ Chỉ huy Quân sự tỉnh chủ trì',
    );
    expect(correctAgencyNames('Tòa án nhân dán\ntình, Cô ng an tỉnh').text).toBe(
      'Tòa án nhân dân\ntỉnh, Công an tỉnh',
    );
    expect(correctAgencyNames("Kho bạc Nhà' nước tỉnh").text).toBe('Kho bạc Nhà nước tỉnh');
    expect(correctAgencyNames('TOÀ AN NHAN ĐÂN TỈNH').text).toBe('TÒA ÁN NHÂN DÂN TỈNH');
  });

  it('an item label whose dot was misread is the next item when the number follows the last label', () => {
    const page = [
      '1. Sở Nội vụ: rà soát biên chế.',
      '2; Cục Thuế tỉnh: kiểm tra hóa đơn.',
      '3, Đài Phát thanh và Truyền hình tỉnh: đưa tin.',
      '5: Ban Dân tộc: not in sequence, left as read.',
      'theo khoản 1,',
      '2, Điều 4 Nghị định số 12/2025/NĐ-CP.',
    ].join('\n');
    expect(repairItemLabels(page)).toEqual({
      text: page.replace('2; Cục', '2. Cục').replace('3, Đài', '3. Đài'),
      corrections: 2,
    });
  });

  it('specks read as punctuation are dropped where Vietnamese never writes them; real punctuation is kept', () => {
    expect(
      dropSpecks('Sở Y tế chủ trì, phối hợp với¡ Tỉnh đoàn; Quyết định số. 215/QĐ-UBND, Công văn số-17/SYT'),
    ).toEqual({
      text: 'Sở Y tế chủ trì, phối hợp với Tỉnh đoàn; Quyết định số 215/QĐ-UBND, Công văn số 17/SYT',
      corrections: 3,
    });
    expect(dropSpecks('Quyết định số 88/QĐÐ-CAT, Ðoàn thanh niên, ðường').text).toBe(
      'Quyết định số 88/QĐ-CAT, Đoàn thanh niên, đường',
    );
    for (const text of ['Số: 215/QĐ-UBND', 'tổng số. Năm 2026', 'số lượng, số 3', 'Hồ sơ số: 12'])
      expect(dropSpecks(text)).toEqual({ text, corrections: 0 });
  });

  it('fuzzy agency names leave alone: lowercase words, short names, real syllables re-split, list commas', () => {
    for (const text of [
      'ngân bàng nhà nước chi nhánh', // not written as a name
      'Sở Nội vụ và Sở Ngoại vụ', // both known; short names are never guessed
      'Sở Y tá', // a letter from Sở Y tế, under ten letters
      'Còn gần tỉnh lỵ có trạm y tế', // the letters of "Công an tỉnh", but three real syllables
      'Công an, tỉnh đoàn', // a comma ends a name
      'Ngân sách Nhà nước chi cho tỉnh', // four letters away from the bank
    ])
      expect(correctAgencyNames(text)).toEqual({ text, corrections: 0 });
  });
});

describe('progress of OCR on a terminal', () => {
  it('one bar per file being OCR’d, page by page, on stderr; none when stderr is not a terminal', async () => {
    const { ocrProgress } = await import('../cli/ocr-options.js');
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    const capture = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    try {
      Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
      process.stderr.write = capture as typeof process.stderr.write;
      ocrProgress()('quiet.pdf', 0, 2);
      expect(written.join('')).toBe('');

      Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
      const progress = ocrProgress();
      progress('scans/a.pdf', 0, 3);
      progress('scans/b.tif', 0, 2);
      progress('scans/a.pdf', 1, 3);
      progress('scans/a.pdf', 3, 3);
      progress('scans/b.tif', 2, 2);
    } finally {
      process.stderr.write = write;
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    const out = written.join('');
    expect(out).toMatch(/OCR \[[^\]]*\] 0\/3 pages scans\/a\.pdf/);
    expect(out).toMatch(/OCR \[[^\]]*\] 0\/2 pages scans\/b\.tif/);
    expect(out).toMatch(/OCR \[[^\]]*\] 3\/3 pages scans\/a\.pdf/);
  });
});
