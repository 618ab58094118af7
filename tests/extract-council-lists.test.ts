/**
 * A list that names its level once, at its end: "Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân,
 * các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát …" — "tỉnh" (or "thành phố") belongs to every member.
 * Short council resolutions of our own wording (marked samples); written before the rule.
 */
import { describe, expect, it } from 'vitest';
import { extractText, rolesOf } from './support/extract-helpers.js';

const resolution = (
  level: 'tỉnh' | 'thành phố',
  place: string,
  item2: string,
) => `MẪU / SAMPLE — văn bản giả lập để kiểm thử
HỘI ĐỒNG NHÂN DÂN
${level.toUpperCase()} ${place.toUpperCase()}
Số: 21/2026/NQ-HĐND
${place}, ngày 10 tháng 7 năm 2026
NGHỊ QUYẾT
Quy định mức hỗ trợ cho người cai nghiện ma túy tự nguyện trên địa bàn ${level} ${place}
Điều 3. Tổ chức thực hiện
1. Giao Ủy ban nhân dân ${level} tổ chức thực hiện Nghị quyết.
2. ${item2}
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam ${level} tham gia giám sát việc thực hiện Nghị quyết.
`;

describe('a list whose level word comes once, after its last member', () => {
  it('"Thường trực HĐND, các Ban của HĐND, các Tổ đại biểu và đại biểu HĐND tỉnh": three council bodies', () => {
    const d = extractText(
      'soc-trang-nq.txt',
      resolution(
        'tỉnh',
        'Sóc Trăng',
        'Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.',
      ),
    );
    expect(rolesOf(d, 'Giao Thường trực')).toEqual([
      ['Thường trực Hội đồng nhân dân', 'assigned'],
      ['các Ban của Hội đồng nhân dân', 'assigned'],
      ['các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh', 'assigned'],
    ]);
    const duty = d.duties.find((x) => x.text.startsWith('Giao Thường trực'))!;
    expect(duty.agencies.map((a) => a.typeId)).toEqual([
      'thuong-truc-hdnd-tinh',
      'cac-ban-hdnd-tinh',
      'dai-bieu-hdnd-tinh',
    ]);
  });

  it('the same with abbreviations, and in a city ("HĐND thành phố")', () => {
    const d = extractText(
      'can-tho-nq.txt',
      resolution(
        'thành phố',
        'Cần Thơ',
        'Giao Thường trực HĐND, các Ban của HĐND và đại biểu HĐND thành phố giám sát việc thực hiện Nghị quyết.',
      ),
    );
    expect(rolesOf(d, 'Giao Thường trực').map(([, role]) => role)).toEqual([
      'assigned',
      'assigned',
      'assigned',
    ]);
    const duty = d.duties.find((x) => x.text.startsWith('Giao Thường trực'))!;
    expect(duty.agencies.map((a) => a.typeId)).toEqual([
      'thuong-truc-hdnd-tinh',
      'cac-ban-hdnd-tinh',
      'dai-bieu-hdnd-tinh',
    ]);
  });

  it('a district council named the same way is not the province’s', () => {
    const d = extractText(
      'soc-trang-nq.txt',
      resolution(
        'tỉnh',
        'Sóc Trăng',
        'Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân huyện Kế Sách giám sát việc thực hiện Nghị quyết tại huyện.',
      ),
    );
    const duty = d.duties.find((x) => x.text.startsWith('Giao Thường trực'));
    expect(duty?.agencies.map((a) => a.typeId) ?? []).not.toContain('thuong-truc-hdnd-tinh');
  });

  it('the adoption formula run on in the last item’s paragraph is not part of its duty', () => {
    const text = resolution(
      'tỉnh',
      'Sóc Trăng',
      'Giao Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện.',
    ).replace(
      /(tham gia giám sát việc thực hiện Nghị quyết\.)\n/u,
      '$1 Nghị quyết này đã được Hội đồng nhân dân tỉnh Sóc Trăng Khóa X, Kỳ họp thứ 15 thông qua ngày 10 tháng 7 năm 2026 và có hiệu lực từ ngày 20 tháng 7 năm 2026.\n',
    );
    const d = extractText('soc-trang-nq.txt', text);
    const last = d.duties.find((x) => x.text.startsWith('Đề nghị Ủy ban Mặt trận'))!;
    expect(last.text).toBe(
      'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tham gia giám sát việc thực hiện Nghị quyết.',
    );
    expect(last.agencies.map((a) => [a.mention, a.role])).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
    ]);
  });
});

describe('"Hai bên" in a text two bodies issue jointly', () => {
  const RULES = `MẪU / SAMPLE — văn bản giả lập để kiểm thử
CÔNG AN TỈNH CÀ MAU
VIỆN KIỂM SÁT NHÂN DÂN TỈNH CÀ MAU
Số: 05/QC-CAT-VKS
Cà Mau, ngày 02 tháng 3 năm 2026
QUY CHẾ
Phối hợp trong tiếp nhận, giải quyết tố giác, tin báo về tội phạm
Điều 3. Trách nhiệm chung
1. Hai bên phối hợp tổ chức sơ kết 6 tháng, tổng kết hằng năm việc thực hiện Quy chế.
2. Hai cơ quan thường xuyên trao đổi thông tin về tình hình tội phạm trên địa bàn.
`;
  const SINGLE = RULES.replace('VIỆN KIỂM SÁT NHÂN DÂN TỈNH CÀ MAU\n', '').replace('CAT-VKS', 'CAT');

  it('is both issuing bodies, each with the role of the sentence', () => {
    const d = extractText('ca-mau-qc.txt', RULES);
    for (const [start, words] of [
      ['Hai bên phối hợp', 'Hai bên'],
      ['Hai cơ quan thường xuyên', 'Hai cơ quan'],
    ] as const) {
      const duty = d.duties.find((x) => x.text.startsWith(start))!;
      expect(duty.agencies.map((a) => a.typeId)).toEqual(['cong-an-tinh', 'vien-kiem-sat-nhan-dan-tinh']);
      expect(new Set(duty.agencies.map((a) => a.role)).size).toBe(1);
      expect(duty.agencies.map((a) => a.mention)).toEqual([words, words]);
    }
  });

  it('names no one in a text one body issues', () => {
    const d = extractText('ca-mau-qc.txt', SINGLE);
    expect(d.duties.filter((x) => x.text.startsWith('Hai bên'))).toEqual([]);
  });
});
