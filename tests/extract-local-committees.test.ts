/**
 * Committees below the province, and the committee a decision forms, on short texts of our own (samples): one
 * district's People's Committee ("Ủy ban nhân dân thành phố Tuy Hòa", "ỦY BAN NHÂN DÂN / HUYỆN XUYÊN MỘC") is of
 * the district-level type with an id of its own, while a centrally-run city's is the province's; in a decision
 * that forms a committee, its name's first words alone ("Ban Chỉ đạo") name that committee.
 */
import { describe, expect, it } from 'vitest';
import { dutyWith, extractText } from './support/extract-helpers.js';

const header = (issuer: string[], place: string, symbol: string, type: string, subject: string): string =>
  [
    'MẪU / SAMPLE — văn bản giả lập để kiểm thử',
    ...issuer,
    `Số: ${symbol}`,
    `${place}, ngày 12 tháng 3 năm 2024`,
    type,
    subject,
    '',
  ].join('\n');

describe("one district's People's Committee", () => {
  const plan = extractText(
    'phu-yen.txt',
    `${header(['ỦY BAN NHÂN DÂN', 'TỈNH PHÚ YÊN'], 'Phú Yên', '40/KH-UBND', 'KẾ HOẠCH', 'Điều trị nghiện các chất dạng thuốc phiện bằng thuốc thay thế năm 2024')}
1. Sở Y tế chủ trì hướng dẫn chuyên môn điều trị thay thế.
2. Các địa phương: thành phố Tuy Hòa, thị xã Sông Cầu bố trí địa điểm cấp phát thuốc tại trạm y tế xã.
3. Ủy ban nhân dân huyện Sơn Hòa rà soát người nghiện trên địa bàn.
`,
  );

  it('named by its place in a list or in full, each is of the district-level type, with its own id', () => {
    const listed = dutyWith(plan, 'bố trí địa điểm cấp phát').agencies;
    expect(listed.map((a) => [a.mention, a.typeId, a.id])).toEqual([
      ['thành phố Tuy Hòa', 'ubnd-cap-huyen', 'phu-yen:uy-ban-nhan-dan-thanh-pho-tuy-hoa'],
      ['thị xã Sông Cầu', 'ubnd-cap-huyen', 'phu-yen:uy-ban-nhan-dan-thi-xa-song-cau'],
    ]);
    const [district] = dutyWith(plan, 'rà soát người nghiện').agencies;
    expect([district?.typeId, district?.id]).toEqual([
      'ubnd-cap-huyen',
      'phu-yen:uy-ban-nhan-dan-huyen-son-hoa',
    ]);
  });

  const decision = extractText(
    'xuyen-moc.txt',
    `${header(['ỦY BAN NHÂN DÂN', 'HUYỆN XUYÊN MỘC'], 'Xuyên Mộc', '15/QĐ-UBND', 'QUYẾT ĐỊNH', 'Về việc giao nhiệm vụ bảo đảm an ninh, trật tự dịp Tết')}
Điều 1. Giao Công an huyện chủ trì, phối hợp với Phòng Tư pháp tuần tra, kiểm soát địa bàn.
Điều 2. Ủy ban nhân dân huyện giao Ủy ban nhân dân các xã, thị trấn rà soát người nghiện.
`,
  );

  it("in its own document, the bodies named by the district's kind word are that district's", () => {
    const [police, room] = dutyWith(decision, 'tuần tra, kiểm soát địa bàn').agencies;
    // The header names no province (the district's own name only): the ids are unscoped.
    expect([police?.id, police?.typeId, police?.role]).toEqual([
      'unscoped:uy-ban-nhan-dan-huyen-xuyen-moc.cong-an-huyen',
      'cong-an-cap-huyen',
      'lead',
    ]);
    expect(room?.id).toBe('unscoped:uy-ban-nhan-dan-huyen-xuyen-moc.phong-tu-phap');
    // "Ủy ban nhân dân huyện" is the issuer itself, who hands the work on.
    expect(dutyWith(decision, 'rà soát người nghiện').agencies.map((a) => a.typeId)).toEqual(['ubnd-cap-xa']);
  });

  it('issues a document whose header gives its name on two lines', () => {
    expect(decision.issuerAgency).toMatchObject({
      typeId: 'ubnd-cap-huyen',
      mention: 'ỦY BAN NHÂN DÂN HUYỆN XUYÊN MỘC',
    });
  });

  it("a centrally-run city's committee is the province's", () => {
    const letter = extractText(
      'hcm.txt',
      `${header(['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HỒ CHÍ MINH'], 'TP. Hồ Chí Minh', '21/UBND-NC', 'V/v tăng cường phòng, chống tội phạm', '')}
1. Công an Thành phố chủ trì đấu tranh với tội phạm.
`,
    );
    expect(letter.issuerAgency?.typeId).toBe('ubnd-tinh');
  });
});

describe('the committee a decision forms', () => {
  const decision = extractText(
    'gia-lai-qd.txt',
    `${header(['ỦY BAN NHÂN DÂN', 'TỈNH GIA LAI'], 'Gia Lai', '77/QĐ-UBND', 'QUYẾT ĐỊNH', 'Về việc kiện toàn Ban Chỉ đạo phòng, chống tội phạm tỉnh Gia Lai')}
Điều 1. Kiện toàn Ban Chỉ đạo phòng, chống tội phạm tỉnh Gia Lai gồm các thành viên có tên sau.
Điều 2. Nhiệm vụ của Ban Chỉ đạo
1. Ban Chỉ đạo giúp Ủy ban nhân dân tỉnh chỉ đạo công tác phòng, chống tội phạm trên địa bàn tỉnh.
2. Công an tỉnh là cơ quan thường trực của Ban Chỉ đạo.
`,
  );

  it('is what its name’s first words alone name, written as the document writes them', () => {
    const [body] = dutyWith(decision, 'giúp Ủy ban nhân dân tỉnh chỉ đạo').agencies;
    expect(body).toMatchObject({ mention: 'Ban Chỉ đạo', typeId: 'ban-chi-dao-phong-chong-toi-pham-tinh' });
  });
});
