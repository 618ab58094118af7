/**
 * A body the question names as who issued or asks ("Trong kế hoạch của Bộ Công an …, đơn vị nào chủ trì?", "the
 * Ministry of Public Security's plan", "An Giang's police asked which …") is not what it asks for: its words
 * neither find nor boost the issuer's own duties elsewhere, and the documents it issued come first. End to end
 * (extraction → index → answer) over short documents of our own (marked samples), and the spans on their own.
 */
import { describe, expect, it } from 'vitest';
import { sampleSearch } from './support/sample-search.js';
import { issuerSpans } from '../search/answer/issuer.js';

const names = (question: string): string[] => issuerSpans(question).map(([s, e]) => question.slice(s, e));

describe('issuer spans of a question', () => {
  it.each([
    ['Trong kế hoạch của Bộ Công an về lừa đảo qua mạng, đơn vị nào chủ trì?', ['Bộ Công an']],
    ['Theo Bộ Công an, cục nào chủ trì phòng chống lừa đảo?', ['Bộ Công an']],
    ['theo ke hoach so 45/KH-UBND cua ubnd tinh kon tum, so nao phoi hop?', ['ubnd tinh kon tum']],
    ['UBND tỉnh Đồng Tháp giao cơ quan nào chủ trì cai nghiện ma túy?', ['UBND tỉnh Đồng Tháp']],
    ['Cơ quan nào được UBND tỉnh Lạng Sơn giao chủ trì chống buôn lậu?', ['UBND tỉnh Lạng Sơn']],
    ['Văn bản do Ban Chỉ đạo 389 tỉnh ban hành giao ai kiểm tra chợ biên giới?', ['Ban Chỉ đạo 389 tỉnh']],
    [
      'Which department does the Ministry of Public Security put in charge of online fraud?',
      ['Ministry of Public Security'],
    ],
    ["Under the Prime Minister's directive, which ministry leads?", ['Prime Minister']],
    [
      'Which provincial police did An Giang\u2019s police ask to verify a residence?',
      ['An Giang\u2019s police'],
    ],
    [
      "Which provincial police did An Giang's criminal police ask to verify a residence?",
      ["An Giang's criminal police"],
    ],
    ['Who leads, according to the Lao Cai People\u2019s Committee?', ['Lao Cai People\u2019s Committee']],
  ])('%s', (question, expected) => {
    expect(names(question)).toEqual(expected);
  });

  it.each([
    'Ở Lạng Sơn, cơ quan nào làm đầu mối chống buôn lậu?',
    'Ai chủ trì phòng, chống ma túy ở Hà Giang?',
    'Cơ quan nào yêu cầu Công an tỉnh báo cáo?',
    'Ai chỉ đạo Công an tỉnh kiểm tra?',
    'Who leads anti-smuggling work in Lang Son?',
    'Which agency coordinates with the provincial police on drugs?',
  ])('names no issuer: %s', (question) => {
    expect(names(question)).toEqual([]);
  });
});

const DOCUMENTS = {
  'bca-kh.txt': `MẪU / SAMPLE — văn bản giả lập để kiểm thử
BỘ CÔNG AN
Số: 45/KH-BCA-C02
Hà Nội, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Phòng, chống tội phạm lừa đảo chiếm đoạt tài sản qua mạng năm 2026
I. NHIỆM VỤ
1. Cục Cảnh sát hình sự chủ trì, phối hợp với Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao mở đợt cao điểm đấu tranh với tội phạm lừa đảo chiếm đoạt tài sản qua mạng.
2. Cục Cảnh sát quản lý hành chính về trật tự xã hội rà soát, làm sạch dữ liệu thuê bao di động.
`,
  'ttg-ct.txt': `MẪU / SAMPLE — văn bản giả lập để kiểm thử
THỦ TƯỚNG CHÍNH PHỦ
Số: 09/CT-TTg
Hà Nội, ngày 02 tháng 2 năm 2026
CHỈ THỊ
Về tăng cường phòng, chống tội phạm lừa đảo chiếm đoạt tài sản qua mạng
1. Giao Bộ Công an chủ trì, phối hợp với Ngân hàng Nhà nước Việt Nam đấu tranh, ngăn chặn tội phạm lừa đảo chiếm đoạt tài sản qua mạng.
2. Bộ Thông tin và Truyền thông chỉ đạo các doanh nghiệp viễn thông chuẩn hóa thông tin thuê bao.
`,
  'an-giang-cv.txt': `MẪU / SAMPLE — văn bản giả lập để kiểm thử
CÔNG AN TỈNH AN GIANG
PHÒNG CẢNH SÁT HÌNH SỰ
Số: 310/PC02
An Giang, ngày 14 tháng 4 năm 2026
V/v phối hợp xác minh đối tượng truy nã
Kính gửi: Công an tỉnh Gia Lai
Phòng Cảnh sát hình sự Công an tỉnh An Giang đề nghị Công an tỉnh Gia Lai phối hợp như sau:
1. Xác minh nơi cư trú của đối tượng bị truy nã về tội cướp tài sản.
2. Khi phát hiện đối tượng, thông báo ngay cho Phòng Cảnh sát hình sự Công an tỉnh An Giang.
`,
  'an-giang-kh.txt': `MẪU / SAMPLE — văn bản giả lập để kiểm thử
CÔNG AN TỈNH AN GIANG
Số: 12/KH-CAT
An Giang, ngày 05 tháng 1 năm 2026
KẾ HOẠCH
Truy bắt đối tượng truy nã năm 2026
1. Công an các huyện, thị xã, thành phố rà soát, xác minh nơi cư trú của đối tượng truy nã trên địa bàn.
`,
};

const answers = sampleSearch(DOCUMENTS);

describe('answers to a question that names who issued or asks', () => {
  it.each([
    'Trong kế hoạch của Bộ Công an về lừa đảo qua mạng, đơn vị nào chủ trì?',
    'theo bo cong an, cuc nao chu tri dau tranh voi lua dao qua mang?',
    "In the Ministry of Public Security's plan against online fraud, which department leads?",
  ])('the body it names as issuer is no answer, its plan’s lead is: %s', async (query) => {
    const found = await answers(query);
    expect(found[0]).toBe('vn:cuc-canh-sat-hinh-su');
    expect(found).not.toContain('vn:bo-cong-an');
  });

  it('the same body named as the one asked about still answers', async () => {
    const found = await answers(
      'Theo chỉ thị của Thủ tướng, Bộ Công an chủ trì việc gì về lừa đảo qua mạng?',
    );
    expect(found[0]).toBe('vn:bo-cong-an');
  });

  it("a province named as the asker scopes the documents, not the agencies: An Giang's letter to Gia Lai", async () => {
    for (const query of [
      'Công an tỉnh An Giang đề nghị công an tỉnh nào xác minh nơi cư trú của đối tượng truy nã?',
      "Which provincial police did An Giang's criminal police ask to verify where a wanted suspect lives?",
    ])
      expect((await answers(query))[0]).toBe('gia-lai:cong-an-tinh');
  });
});
