/**
 * Issue 9, agencies as written: names whose listed fields are joined by a comma, a dash or "và" (or none), short
 * forms of a known body, where an untyped name ends, the province of a page that never names its own, and a
 * clause assigning work to a body no type covers. Every example is invented (places and numbers made up).
 */
import { describe, expect, it } from 'vitest';
import { genericNameEnd } from '../ingest/extract/agency-names.js';
import { writtenForms } from '../ingest/extract/agency-types.js';
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

describe('local units listed by kind', () => {
  it.each([
    ['Công an các thành phố, thị xã, huyện', 'cong-an-cap-huyen'],
    ['Công an các quận, huyện', 'cong-an-cap-huyen'],
    ['UBND các huyện và thành phố', 'ubnd-cap-huyen'],
    ['Ủy ban nhân dân các phường, xã, đặc khu', 'ubnd-cap-xa'],
    ['Ban Chỉ đạo 389 các xã, thị trấn', 'ban-chi-dao-389-cap-xa'],
    ['Các thị xã, huyện', 'ubnd-cap-huyen'],
  ])('"%s", in any order, is %s', (mention, type) => {
    const [m] = ctx.agencies.scanPrefix(`${mention} tăng cường kiểm tra.`);
    expect(m).toMatchObject({ text: mention, type: { id: type } });
  });

  it('a bare single kind names nobody; a word after a comma that only looks like a kind ends the list', () => {
    expect(typeOf('Các huyện tăng cường kiểm tra.')).toBe(null);
    const [m] = ctx.agencies.scanPrefix('Công an các huyện, xa lộ …');
    expect(m?.text).toBe('Công an các huyện');
  });

  it('gives search and OCR the usual written orders of a pattern', () => {
    expect(writtenForms('Công an các {districts}')).toContain('Công an các quận, huyện');
    expect(writtenForms('Các {commune-list}')).toEqual([
      'Các xã, phường, thị trấn',
      'Các xã, phường, đặc khu',
      'Các xã, phường',
      'Các phường, xã',
    ]);
    expect(writtenForms('Sở Y tế')).toEqual(['Sở Y tế']);
  });
});

describe('a force named after "lực lượng"', () => {
  it("is its body of the province, named by the body's word or its field alone, up to the punctuation", () => {
    const partners = ctx.agencies.scanPartners(
      'Sở Công Thương chủ trì, phối hợp với lực lượng Biên phòng, lực lượng Hải quan.',
    );
    expect(partners.map((m) => [m.text, m.type?.id])).toEqual([
      ['lực lượng Biên phòng', 'bo-chi-huy-bo-doi-bien-phong-tinh'],
      ['lực lượng Hải quan', 'hai-quan-tinh'],
    ]);
    expect(
      ctx.agencies.scanPartners('phối hợp với lực lượng Công an, các tổ chức chính trị - xã hội')[0],
    ).toMatchObject({
      text: 'lực lượng Công an',
      type: { id: 'cong-an-tinh' },
    });
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

  it('runs over the fields of a police unit\'s long name ("Cảnh sát điều tra tội phạm về …"), and no further', () => {
    const end = (text: string) => text.slice(0, genericNameEnd(text, 0));
    expect(end('Đội Cảnh sát điều tra tội phạm về ma túy Công an huyện Võ Nhai chủ trì truy xét.')).toBe(
      'Đội Cảnh sát điều tra tội phạm về ma túy Công an huyện Võ Nhai',
    );
    expect(
      end('Đội Cảnh sát quản lý hành chính về trật tự xã hội Công an thị xã Phổ Yên rà soát cơ sở lưu trú.'),
    ).toBe('Đội Cảnh sát quản lý hành chính về trật tự xã hội Công an thị xã Phổ Yên');
    expect(end('Đội Cảnh sát giao thông đường bộ số 2 tuần tra kiểm soát.')).toBe(
      'Đội Cảnh sát giao thông đường bộ số 2',
    );
    // Without "cảnh sát" the same words are the action.
    expect(end('Hạt Kiểm lâm Đại Từ điều tra, xác minh vụ việc.')).toBe('Hạt Kiểm lâm Đại Từ');
    expect(end('Đội Quản lý thị trường số 3 về kiểm tra hàng hóa.')).toBe('Đội Quản lý thị trường số 3');
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

  it('keeps such a body listed after one we know, with the role of the list', () => {
    const d = extract(
      `${SUMMARY}
1. Phòng Cảnh sát hình sự Công an tỉnh, Đội Cảnh sát điều tra tội phạm về trật tự xã hội Công an huyện Hòa An phối hợp với Sở Tư pháp tuyên truyền thủ đoạn lừa đảo.
`,
      '/data/cao-bang-771.txt',
    );
    const duty = d.duties.find((x) => x.text.includes('tuyên truyền thủ đoạn'));
    expect(duty?.agencies.map((a) => [a.mention, a.role, a.typeId])).toEqual([
      ['Phòng Cảnh sát hình sự Công an tỉnh', 'support', 'phong-canh-sat-hinh-su'],
      ['Đội Cảnh sát điều tra tội phạm về trật tự xã hội Công an huyện Hòa An', 'support', null],
      ['Sở Tư pháp', 'support', 'so-tu-phap'],
    ]);
  });
});
