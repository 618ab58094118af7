/**
 * Agency lists read from scans: a member that OCR garbled beyond recognition ("Ngân bàng Nhà nước", "Vlện Kiểm
 * sát") must not end the list, so the members after it still get their duty. A garbled member is stepped over when
 * it reads like a name (capitalized, a few words) and a known agency follows; a lowercase clause never is, so
 * clean text keeps its lists as before. The noise here is invented, not taken from the development scans.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../ingest/schema.js';
import { extractText } from './support/extract-helpers.js';

const HEADER = `ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN

Số: 115/UBND-NC

Phú Yên, ngày 4 tháng 3 năm 2026

V/v tăng cường phòng, chống buôn lậu

`;

/** Every (agency as written, role) of the document's duties, sorted. */
function roles(doc: ExtractedDocument): string[] {
  return doc.duties.flatMap((d) => d.agencies.map((a) => `${a.mention}|${a.role}`)).sort();
}

function extract(body: string): ExtractedDocument {
  return extractText('ocr-lists.txt', `${HEADER}${body}\n`);
}

describe('agency lists past a member OCR garbled', () => {
  it('"phối hợp với": a garbled first member is stepped over, the partners after it kept', () => {
    const doc = extract(
      '1. Sở Công Thương chủ trì, phối hợp với Ngân bàng Nhà nước chi nhánh tỉnh, Cục Thuế tỉnh và Công an tỉnh kiểm tra hoạt động kinh doanh xăng dầu.',
    );
    expect(roles(doc)).toEqual(['Công an tỉnh|support', 'Cục Thuế tỉnh|support', 'Sở Công Thương|lead']);
  });

  it('"phối hợp với": a garbled member in the middle, does not end the list', () => {
    const doc = extract(
      '2. Bộ Chỉ huy Bộ đội Biên phòng tỉnh chủ trì, phối hợp với Sở Y tế, Kh0 bac Nha nuớc tỉnh, Sở Tài chính và Tỉnh đoàn tuyên truyền về phòng, chống ma túy tại khu vực biên giới.',
    );
    expect(roles(doc)).toEqual([
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh|lead',
      'Sở Tài chính|support',
      'Sở Y tế|support',
      'Tỉnh đoàn|support',
    ]);
  });

  it('"Giao X, Y và Z": a garbled member (several words, "và" inside) does not end the assignment', () => {
    const doc = extract(
      'Giao Sở Tư pháp, S ở Giáo dục và Đào tạo, Sở Nội vụ và Ủy ban nhân dân các huyện rà soát các quy định về xử lý vi phạm hành chính.',
    );
    const found = roles(doc);
    expect(found).toContain('Sở Tư pháp|assigned');
    expect(found).toContain('Sở Nội vụ|assigned');
    expect(found.some((r) => r.startsWith('Ủy ban nhân dân'))).toBe(true);
    expect(found.join(' ')).not.toMatch(/S ở|Đào tạo/u);
  });

  it('a subject list: "X, <garbled>, Z có trách nhiệm …" keeps X and Z', () => {
    const doc = extract(
      '3. Công an tỉnh, Vlện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh có trách nhiệm đẩy nhanh tiến độ giải quyết các vụ án buôn lậu.',
    );
    const found = roles(doc);
    expect(found).toContain('Công an tỉnh|assigned');
    expect(found).toContain('Tòa án nhân dân tỉnh|assigned');
    expect(found.join(' ')).not.toMatch(/Vlện/u);
  });

  it('clean text: a lowercase clause between agencies is not stepped over', () => {
    const partners = extract(
      '4. Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, các cơ quan liên quan tổ chức kiểm tra, Sở Nội vụ tổng hợp kết quả.',
    );
    expect(roles(partners)).toEqual(['Sở Tài chính|support', 'Sở Xây dựng|lead']);
    const roleWords = extract(
      '5. Công an tỉnh chủ trì, Sở Y tế phối hợp kiểm tra các cơ sở kinh doanh dịch vụ có điều kiện.',
    );
    expect(roles(roleWords).filter((r) => r.startsWith('Sở Y tế|'))).not.toContain('Sở Y tế|lead');
  });
});
