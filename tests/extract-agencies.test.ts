/**
 * Issue 9, agencies as written: names whose listed fields are joined by a comma, a dash or "và" (or none), short
 * forms of a known body, where an untyped name ends, the province of a page that never names its own, and a
 * clause assigning work to a body no type covers. Every example is invented (places and numbers made up).
 */
import { describe, expect, it } from 'vitest';
import { genericNameEnd } from '../ingest/extract/agency-names.js';
import { defaultContext } from '../ingest/extract/context.js';
import { extractDocument } from '../ingest/extract/document.js';
import type { ExtractedDocument } from '../ingest/schema.js';
import { findProvinceInSource } from '../ingest/taxonomy/provinces.js';

const ctx = defaultContext();
const extract = (text: string, source = 'trang-tin.txt'): ExtractedDocument =>
  extractDocument({ source, format: 'txt', text }, ctx).document;
const typeOf = (mention: string): string | null => ctx.agencies.scanPrefix(mention)[0]?.type?.id ?? null;

describe('agency names whose fields are joined any way', () => {
  it.each([
    ['Sở Lao động - Thương binh và Xã hội', 'so-lao-dong-thuong-binh-va-xa-hoi'],
    ['Sở Lao động, Thương binh và Xã hội', 'so-lao-dong-thuong-binh-va-xa-hoi'],
    ['Sở Lao động - Thương binh Xã hội', 'so-lao-dong-thuong-binh-va-xa-hoi'],
    ['Sở Lao động- Thương binh - Xã hội', 'so-lao-dong-thuong-binh-va-xa-hoi'],
    ['Sở Văn hóa - Thể thao và Du lịch', 'so-van-hoa-the-thao-va-du-lich'],
    ['Sở Văn hóa, Thể thao, Du lịch', 'so-van-hoa-the-thao-va-du-lich'],
    ['Sở Thông tin Truyền thông', 'so-thong-tin-va-truyen-thong'],
    ['Sở Giáo dục Đào tạo', 'so-giao-duc-va-dao-tao'],
  ])('"%s" is %s', (mention, type) => {
    const [m] = ctx.agencies.scanPrefix(`${mention} tăng cường kiểm tra.`);
    expect(m).toMatchObject({ text: mention, type: { id: type } });
  });

  it('still ends a name at "và" before another body, and keeps two bodies apart', () => {
    const found = ctx.agencies.scanPrefix('Sở Y tế và Sở Tư pháp phối hợp kiểm tra.');
    expect(found.map((m) => [m.text, m.type?.id])).toEqual([
      ['Sở Y tế', 'so-y-te'],
      ['Sở Tư pháp', 'so-tu-phap'],
    ]);
  });

  it('reads the short "Bộ Chỉ huy Biên phòng tỉnh" as the provincial Border Guard command', () => {
    expect(typeOf('Bộ Chỉ huy Biên phòng tỉnh chủ trì tuần tra')).toBe('bo-chi-huy-bo-doi-bien-phong-tinh');
    expect(typeOf('Bộ Chỉ huy Biên phòng tỉnh Cao Bằng')).toBe('bo-chi-huy-bo-doi-bien-phong-tinh');
  });
});

describe('where a name we have no type for ends', () => {
  it('stops before "chủ trì", "phối hợp", "có trách nhiệm" as before an action verb', () => {
    const end = (text: string) => text.slice(0, genericNameEnd(text, 0));
    expect(end('Hạt Kiểm lâm Mường Tè chủ trì tuần tra rừng đầu nguồn.')).toBe('Hạt Kiểm lâm Mường Tè');
    expect(end('Trạm Kiểm soát liên hợp Bản Vược phối hợp kiểm tra hàng hóa.')).toBe(
      'Trạm Kiểm soát liên hợp Bản Vược',
    );
    expect(end('Trung tâm Cứu hộ sông Lam có trách nhiệm trực ứng cứu.')).toBe('Trung tâm Cứu hộ sông Lam');
  });
});

// A portal summary that names no province: "UBND tỉnh", "Công an tỉnh" only.
const SUMMARY = `Tăng cường phòng, chống trộm cắp xe máy

UBND tỉnh vừa ban hành Công văn số 771/UBND-NC ngày 03/4/2022 về tăng cường phòng, chống trộm cắp xe máy.

Theo đó, UBND tỉnh giao Công an tỉnh chủ trì, phối hợp với UBND các huyện, thành phố tăng cường tuần tra, kiểm soát tại các bãi giữ xe.

Bộ Chỉ huy Biên phòng tỉnh chủ trì kiểm soát xe máy không rõ nguồn gốc qua các cửa khẩu.
`;

describe('the province of a page that never names its own', () => {
  it('comes from its file name or folder, as whole words, with or without hyphens or diacritics', () => {
    expect(findProvinceInSource('/data/cao-bang-771-ubnd-nc-2022.txt')?.slug).toBe('cao-bang');
    expect(findProvinceInSource('/data/tin-tuc/caobang_771.html')?.slug).toBe('cao-bang');
    expect(findProvinceInSource('/data/Cao Bằng/tin-tuc-771.txt')?.slug).toBe('cao-bang');
    expect(findProvinceInSource('C:\\tai-lieu\\ha-giang\\cv-12.docx')?.slug).toBe('ha-giang');
  });

  it('is unknown when the name holds no province, part of one, a name that also means something else, or two', () => {
    expect(findProvinceInSource('/data/bao-cao-tong-hop-2022.txt')).toBeNull();
    expect(findProvinceInSource('/data/cao-ban-771.txt')).toBeNull();
    expect(findProvinceInSource('/data/tu-tuong-ho-chi-minh.txt')).toBeNull();
    expect(findProvinceInSource('/data/ha-giang-va-cao-bang.txt')).toBeNull();
  });

  it('scopes the document and its agencies, marked inferred; the text, when it names one, wins', () => {
    const d = extract(SUMMARY, '/data/cao-bang-771-ubnd-nc-2022.txt');
    expect(d).toMatchObject({ province: 'cao-bang', provinceInferred: true, provenance: 'summary' });
    expect(d.id).toBe('cao-bang:771-ubnd-nc:2022');
    const agencies = d.duties.flatMap((x) => x.agencies.map((a) => [a.id, a.mention, a.role]));
    expect(agencies).toContainEqual(['cao-bang:cong-an-tinh', 'Công an tỉnh', 'lead']);
    expect(agencies).toContainEqual([
      'cao-bang:bo-chi-huy-bo-doi-bien-phong-tinh',
      'Bộ Chỉ huy Biên phòng tỉnh',
      'lead',
    ]);
    expect(extract(SUMMARY, '/data/tin-771.txt')).toMatchObject({ province: null, provinceInferred: false });
    const named = extract(
      SUMMARY.replace('UBND tỉnh vừa', 'UBND tỉnh Bắc Kạn vừa'),
      '/data/cao-bang-771.txt',
    );
    expect(named.province).toBe('bac-kan');
  });
});

describe('a clause assigning work to a body no type covers', () => {
  it('keeps the duty and the body as written, unresolved', () => {
    const d = extract(
      `${SUMMARY}\nBan Điều phối Cứu nạn Hồ Thác Bà có trách nhiệm trực ứng cứu suốt mùa mưa lũ.\n`,
      '/data/cao-bang-771.txt',
    );
    const duty = d.duties.find((x) => x.text.includes('trực ứng cứu'));
    expect(duty?.agencies).toEqual([
      expect.objectContaining({
        mention: 'Ban Điều phối Cứu nạn Hồ Thác Bà',
        typeId: null,
        resolved: false,
        province: 'cao-bang',
      }),
    ]);
  });
});
