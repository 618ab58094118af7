/**
 * The document's own agencies: its issuer as an agency, and the bodies whose proposal it adopts ("Theo đề nghị
 * của …", "Xét Tờ trình … của …"). Short synthetic documents (written for this test, not real ones), in the
 * preamble forms of decisions, resolutions and directives of provinces and national bodies.
 */
import { describe, expect, it } from 'vitest';
import { defaultContext } from '../ingest/extract/context.js';
import { extractDocument } from '../ingest/extract/document.js';
import type { ExtractedDocument } from '../ingest/schema.js';

const ctx = defaultContext();
const extract = (text: string): ExtractedDocument =>
  extractDocument({ source: 'sample.txt', format: 'txt', text }, ctx).document;

const decision = (
  issuerLines: string,
  place: string,
  symbol: string,
  preamble: string,
  body = '',
) => `${issuerLines}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: ${symbol}
${place}, ngày 12 tháng 3 năm 2024

QUYẾT ĐỊNH
Về việc ban hành Quy chế phối hợp phòng, chống tội phạm mua bán người

${preamble}

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp phòng, chống tội phạm mua bán người.
${body}
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
`;

const proposers = (doc: ExtractedDocument) => (doc.proposers ?? []).map((p) => [p.id, p.mention]);

describe('proposers named in the preamble', () => {
  it('"Theo đề nghị của Giám đốc X": the body of the head, as written', () => {
    const doc = extract(
      decision(
        'ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN',
        'Phú Yên',
        '15/QĐ-UBND',
        'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\nTheo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 120/TTr-CAT ngày 01 tháng 3 năm 2024.',
      ),
    );
    expect(doc.issuerAgency).toMatchObject({
      id: 'phu-yen:ubnd-tinh',
      typeId: 'ubnd-tinh',
      province: 'phu-yen',
    });
    expect(proposers(doc)).toEqual([['phu-yen:cong-an-tinh', 'Công an tỉnh']]);
    const [p] = doc.proposers!;
    expect(doc.text.slice(...p!.span!)).toBe('Công an tỉnh');
  });

  it('two heads joined by "và", each body once, "&" read as "và"', () => {
    const doc = extract(
      decision(
        'ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG',
        'Hậu Giang',
        '220/QĐ-UBND',
        'Xét đề nghị của Giám đốc Sở Thông tin & Truyền thông và Giám đốc Sở Nội vụ.',
      ),
    );
    expect(proposers(doc)).toEqual([
      ['hau-giang:so-thong-tin-va-truyen-thong', 'Sở Thông tin & Truyền thông'],
      ['hau-giang:so-noi-vu', 'Sở Nội vụ'],
    ]);
  });

  it('a council resolution: "Xét Tờ trình số … của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra …" names the committee only', () => {
    const doc = extract(`HỘI ĐỒNG NHÂN DÂN
TỈNH BẠC LIÊU
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 09/2024/NQ-HĐND
Bạc Liêu, ngày 10 tháng 7 năm 2024

NGHỊ QUYẾT
Quy định mức hỗ trợ cai nghiện ma túy tự nguyện trên địa bàn tỉnh Bạc Liêu

HỘI ĐỒNG NHÂN DÂN TỈNH BẠC LIÊU
KHÓA X, KỲ HỌP THỨ 15

Căn cứ Luật Phòng, chống ma túy ngày 30 tháng 3 năm 2021;

Xét Tờ trình số 77/TTr-UBND ngày 20 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh về dự thảo Nghị quyết; Báo cáo thẩm tra của Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh; ý kiến thảo luận của đại biểu.

QUYẾT NGHỊ:

Điều 1. Quy định mức hỗ trợ cai nghiện ma túy tự nguyện.
`);
    expect(doc.issuerAgency?.typeId).toBe('hdnd-tinh');
    expect(proposers(doc)).toEqual([['bac-lieu:ubnd-tinh', 'Ủy ban nhân dân tỉnh']]);
  });

  it('a national decision: "Theo đề nghị của Bộ trưởng Bộ Công an" names the ministry', () => {
    const doc = extract(
      decision(
        'THỦ TƯỚNG CHÍNH PHỦ\n-------',
        'Hà Nội',
        '501/QĐ-TTg',
        'Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n\nTheo đề nghị của Bộ trưởng Bộ Công an,',
      ),
    );
    expect(doc.issuerAgency?.id).toBe('vn:thu-tuong-chinh-phu');
    expect(proposers(doc)).toEqual([['vn:bo-cong-an', 'Bộ Công an']]);
  });

  it("a proposal inside a numbered task is a duty's words, not the document's proposer", () => {
    const doc = extract(
      decision(
        'ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN',
        'Phú Yên',
        '16/QĐ-UBND',
        'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
        '1. Sở Tư pháp cung cấp thông tin theo đề nghị của Công an tỉnh.\n',
      ),
    );
    expect(doc.proposers).toEqual([]);
  });

  it('a document without a proposal clause has none, and its issuer is still an agency', () => {
    const doc = extract(`ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 30/KH-UBND
Phú Yên, ngày 12 tháng 3 năm 2024

KẾ HOẠCH
Phòng, chống tội phạm rửa tiền năm 2024

1. Công an tỉnh chủ trì, phối hợp với Sở Tư pháp tuyên truyền pháp luật về phòng, chống rửa tiền.
`);
    expect(doc.proposers).toEqual([]);
    expect(doc.issuerAgency).toMatchObject({ name: 'Ủy ban nhân dân tỉnh Phú Yên', resolved: true });
  });
});
